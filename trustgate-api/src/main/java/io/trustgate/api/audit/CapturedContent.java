package io.trustgate.api.audit;

import java.util.Objects;

/**
 * The prompt and completion text an event keeps, as its {@link CaptureMode} says: empty strings under {@code NONE};
 * hex SHA-256 digests under {@code HASHED}; the (redacted) text otherwise. An empty string means "not captured".
 */
public record CapturedContent(CaptureMode mode, String prompt, String completion) {
    public static final CapturedContent NONE = new CapturedContent(CaptureMode.NONE, "", "");

    public CapturedContent {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(completion, "completion");
        if (mode == CaptureMode.NONE && !(prompt.isEmpty() && completion.isEmpty())) {
            throw new IllegalArgumentException("capture mode NONE keeps no text");
        }
        if (mode == CaptureMode.HASHED && !(isDigestOrEmpty(prompt) && isDigestOrEmpty(completion))) {
            throw new IllegalArgumentException("capture mode HASHED keeps 64-hex-digit SHA-256 digests only");
        }
    }

    private static boolean isDigestOrEmpty(String s) {
        return s.isEmpty() || s.matches("[0-9a-f]{64}");
    }
}
