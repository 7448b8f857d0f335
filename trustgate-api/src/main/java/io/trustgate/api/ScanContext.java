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
 * @param source who wrote the text: an input text from a tool (a web page, a file, an e-mail the application
 *     fetched) is data, so an instruction in it aimed at the model is an indirect injection, where the same words
 *     from the user are an ordinary request
 */
public record ScanContext(
        Optional<String> systemPrompt, List<String> canaries, Optional<String> responseSchema, Source source) {
    /** Nothing known about the exchange. */
    public static final ScanContext NONE =
            new ScanContext(Optional.empty(), List.of(), Optional.empty(), Source.UNSPECIFIED);

    /** Who wrote a scanned text, as the chat request's message roles say. */
    public enum Source {
        /** Not known (the CLI without a role, a stream's output). */
        UNSPECIFIED,
        /** The operator: system and developer messages. */
        OPERATOR,
        /** The end user. */
        USER,
        /** An earlier answer of the model, sent back as history. */
        ASSISTANT,
        /** A tool or function result: third-party content that the model should treat as data. */
        TOOL,
        /**
         * The definition of a tool the model may call (its name, description and parameter schema): written by the
         * application, or fetched from a third-party tool server (MCP) it trusts without reading, so a definition
         * that instructs the model beyond how to call the tool is tool poisoning.
         */
        TOOL_DEFINITION;

        /**
         * The source of a chat message role ({@code system}, {@code developer}, {@code user}, {@code assistant},
         * {@code tool}, {@code function}), or of {@code tool-definition}, the name under which configuration and the
         * CLI refer to tool definitions; {@link #UNSPECIFIED} for any other.
         */
        public static Source ofRole(String role) {
            return switch (role) {
                case "system", "developer" -> OPERATOR;
                case "user" -> USER;
                case "assistant" -> ASSISTANT;
                case "tool", "function" -> TOOL;
                case "tool-definition" -> TOOL_DEFINITION;
                default -> UNSPECIFIED;
            };
        }

        /**
         * The categories whose findings are dropped in a text from this source, neither acted on nor reported:
         * injection and jailbreak in the operator's own system and developer messages, which may legitimately set a
         * persona or override defaults (secrets and PII there still are acted on).
         */
        public java.util.Set<Category> notActedOn() {
            return this == OPERATOR ? OPERATOR_OWN : java.util.Set.of();
        }

        private static final java.util.Set<Category> OPERATOR_OWN =
                java.util.Set.of(Category.PROMPT_INJECTION, Category.JAILBREAK);
    }

    public ScanContext {
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(responseSchema, "responseSchema");
        Objects.requireNonNull(source, "source");
        canaries = List.copyOf(canaries);
    }

    /** A context whose source is not known. */
    public ScanContext(Optional<String> systemPrompt, List<String> canaries, Optional<String> responseSchema) {
        this(systemPrompt, canaries, responseSchema, Source.UNSPECIFIED);
    }

    /** One context per source with nothing else known: the gateway asks for one per message. */
    private static final ScanContext[] OF_SOURCE = new ScanContext[Source.values().length];

    static {
        for (Source s : Source.values()) {
            OF_SOURCE[s.ordinal()] = s == Source.UNSPECIFIED ? NONE : NONE.withSource(s);
        }
    }

    /** A context with nothing known but who wrote the text. */
    public static ScanContext of(Source source) {
        return OF_SOURCE[source.ordinal()];
    }

    /** This context for a text of another source. */
    public ScanContext withSource(Source source) {
        return new ScanContext(systemPrompt, canaries, responseSchema, source);
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
                + ", responseSchema=" + responseSchema.isPresent() + ", source=" + source + "]";
    }
}
