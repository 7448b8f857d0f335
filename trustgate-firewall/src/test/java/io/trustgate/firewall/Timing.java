package io.trustgate.firewall;

import java.util.Arrays;

/** Per-call timing for the cost figures the tests print: p50 and p99 in ns after a warm-up of as many calls. */
final class Timing {
    private Timing() {}

    static long[] run(Runnable call) {
        return run(call, 10_000);
    }

    static long[] run(Runnable call, int calls) {
        long[] ns = new long[calls * 2];
        for (int i = 0; i < ns.length; i++) {
            long t0 = System.nanoTime();
            call.run();
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns, calls, ns.length);
        return new long[] {ns[calls + calls / 2], ns[calls + calls * 99 / 100]};
    }
}
