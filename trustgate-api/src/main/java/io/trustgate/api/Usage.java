package io.trustgate.api;

/** Tokens used by one call, as the upstream reported them (or as counted when it did not). */
public record Usage(long promptTokens, long completionTokens) {
    public static final Usage ZERO = new Usage(0, 0);

    public Usage {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException(
                    "token counts must be >= 0, were " + promptTokens + " and " + completionTokens);
        }
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
