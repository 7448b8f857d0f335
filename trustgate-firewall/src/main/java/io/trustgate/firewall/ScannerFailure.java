package io.trustgate.firewall;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import java.util.Map;

/**
 * The finding that stands for a scanner that threw on a fail-closed rule. It carries the category the scanner
 * usually reports, so that the error names what could not be checked (and so that a failure on a text whose
 * findings of that category are disregarded, such as injection in a system prompt, does not block it either).
 */
final class ScannerFailure {
    /**
     * The category each registered scanner reports. A scanner not listed here (a new or a test scanner) gets
     * {@link Category#BANNED_CONTENT}: the operator's-policy category, with no OWASP id to claim.
     */
    private static final Map<String, Category> USUAL = Map.ofEntries(
            Map.entry(InvisibleTextScanner.NAME, Category.INVISIBLE_TEXT),
            Map.entry("injection-heuristics", Category.PROMPT_INJECTION),
            Map.entry(InjectionClassifierScanner.NAME, Category.PROMPT_INJECTION),
            Map.entry(ToolPoisoningScanner.NAME, Category.PROMPT_INJECTION),
            Map.entry(ToxicityScanner.NAME, Category.TOXICITY),
            Map.entry("secrets", Category.SECRET),
            Map.entry("pii", Category.PII),
            Map.entry(BannedSubstringsScanner.NAME, Category.BANNED_CONTENT),
            Map.entry(TokenLimitScanner.NAME, Category.TOKEN_LIMIT),
            Map.entry(ExfiltrationScanner.NAME, Category.DATA_EXFILTRATION),
            Map.entry(RefusalScanner.NAME, Category.REFUSAL),
            Map.entry(JsonSchemaScanner.NAME, Category.INVALID_OUTPUT),
            Map.entry(BannedTopicsScanner.NAME, Category.BANNED_TOPIC),
            Map.entry(SystemPromptLeakScanner.NAME, Category.SYSTEM_PROMPT_LEAK),
            Map.entry(LanguageScanner.NAME, Category.LANGUAGE));

    private ScannerFailure() {}

    /** The category {@code scanner} usually reports. */
    static Category categoryOf(String scanner) {
        return USUAL.getOrDefault(scanner, Category.BANNED_CONTENT);
    }

    /** A whole-text finding, score 1, saying that {@code scanner} failed. */
    static Finding finding(String scanner) {
        return new Finding(scanner, categoryOf(scanner), FirewallChain.FAILURE_TYPE, 1.0, 0, 0);
    }

    /** A whole-text finding, score 1, saying that {@code scanner} did not finish within the chain's time limit. */
    static Finding timeLimit(String scanner) {
        return new Finding(scanner, categoryOf(scanner), FirewallChain.TIME_LIMIT_TYPE, 1.0, 0, 0);
    }
}
