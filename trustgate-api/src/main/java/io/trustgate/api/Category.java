package io.trustgate.api;

import java.util.Optional;

/** What a firewall finding is about, with its OWASP Top 10 for LLM Applications (2025) id where one fits. */
public enum Category {
    PROMPT_INJECTION("LLM01"),
    JAILBREAK("LLM01"),
    PII("LLM02"),
    SECRET("LLM02"),
    SYSTEM_PROMPT_LEAK("LLM07"),
    DATA_EXFILTRATION("LLM05"),
    INVISIBLE_TEXT("LLM01"),
    BANNED_CONTENT(""),
    BANNED_TOPIC(""),
    TOXICITY(""),
    REFUSAL(""),
    INVALID_OUTPUT("LLM05"),
    TOKEN_LIMIT("LLM10"),
    LANGUAGE("");

    private final String owasp;

    Category(String owasp) {
        this.owasp = owasp;
    }

    /** The OWASP LLM Top 10 (2025) id, e.g. {@code LLM01}, when one fits. */
    public Optional<String> owaspId() {
        return owasp.isEmpty() ? Optional.empty() : Optional.of(owasp);
    }
}
