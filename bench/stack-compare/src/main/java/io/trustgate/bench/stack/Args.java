package io.trustgate.bench.stack;

/**
 * Command-line arguments shared by the three proxies: {@code LISTEN_PORT UPSTREAM_PORT}, both on 127.0.0.1.
 */
record Args(int listenPort, int upstreamPort) {

    static final String HOST = "127.0.0.1";
    static final String PATH = "/v1/chat/completions";

    static Args parse(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LISTEN_PORT UPSTREAM_PORT, was " + args.length + " arguments");
        }
        return new Args(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
    }
}
