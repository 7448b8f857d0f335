package io.trustgate.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scanner may know about the exchange around the text it scans. Output scanners need it: whether a response
 * leaks the system prompt needs the system prompt, whether it carries a canary needs the canaries, whether it is
 * valid JSON of the requested shape needs the schema. Input scanners mostly ignore it.
 *
 * @param systemPrompt the request's system (and developer) messages joined, when there are any
 * @param canaries canary tokens the gateway put into the system prompt; a response containing one leaks it
 * @param responseSchema the JSON schema the client asked the answer to follow ({@code response_format}), as JSON
 *     text; or {@code {}} when the client asked only for a JSON object
 */
public record ScanContext(Optional<String> systemPrompt, List<String> canaries, Optional<String> responseSchema) {
    /** Nothing known about the exchange. */
    public static final ScanContext NONE = new ScanContext(Optional.empty(), List.of(), Optional.empty());

    public ScanContext {
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(responseSchema, "responseSchema");
        canaries = List.copyOf(canaries);
    }

    /** A context with only a system prompt (the CLI's {@code system} field). */
    public static ScanContext ofSystemPrompt(String systemPrompt) {
        return new ScanContext(Optional.of(systemPrompt), List.of(), Optional.empty());
    }

    @Override
    public String toString() {
        // never the prompt itself
        return "ScanContext[systemPrompt="
                + systemPrompt.map(s -> s.length() + " chars").orElse("none") + ", canaries=" + canaries.size()
                + ", responseSchema=" + responseSchema.isPresent() + "]";
    }
}
