package io.trustgate.app;

/** Entry point of the trustgate command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(0);
    }
}
