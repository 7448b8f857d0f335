package io.trustgate.firewall;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A scanner that refuses prompts longer than a token budget: OWASP LLM10 (unbounded consumption), where one huge
 * prompt costs money and latency, and a long context dilutes the system prompt. Tokens are counted with jtokkit's
 * BPE encodings of OpenAI models over the original text (what the provider is sent), special-token strings such as
 * {@code <|endoftext|>} counted as ordinary text. One whole-text finding {@code TOO_MANY_TOKENS}, score 1.0, when the
 * count exceeds {@code max-tokens}.
 *
 * <p>Cheap pre-check: these encodings are byte-level BPE, where every token stands for at least one byte of the
 * UTF-8 text, so a text of at most {@code max-tokens} UTF-8 bytes cannot exceed the budget and is not tokenised.
 * Counting chars would not do: one char can take up to 3 bytes, and a rare char is split into byte-level tokens, so a
 * text of fewer chars than the budget can still have more tokens. The check costs nothing when {@code 3 * chars <=
 * max-tokens} and one pass over the chars otherwise.
 *
 * <p>Cost: when it counts, a 2 KB prompt took 24 µs (cl100k_base) and 85 µs (o200k_base) at p50; the pre-check
 * alone 60 ns ({@code TokenLimitScannerTest}). jtokkit's registry is built once per process, lazily, loading only
 * the encodings used (the full registry takes about 1.4 s to build). Limits: models other than OpenAI's tokenise
 * differently (the count is only an estimate for them); the chat template's per-message overhead is
 * not counted; each message is counted on its own, not the whole conversation.
 */
public final class TokenLimitScanner implements Scanner {
    /** The name under which the scanner appears in configuration and findings. */
    public static final String NAME = "token-limit";

    /** The encoding used when none is configured: that of the GPT-4o and later OpenAI models. */
    public static final String DEFAULT_ENCODING = "o200k_base";

    static final long MAX_MAX_TOKENS = 10_000_000;

    /** The registry, built on first use and shared by every scanner of the process. */
    private static final class Registry {
        static final EncodingRegistry INSTANCE = Encodings.newLazyEncodingRegistry();
    }

    private final int maxTokens;
    private final EncodingType encodingType;

    /**
     * @param maxTokens the most tokens a text may have, 1 to 10,000,000
     * @param encoding a jtokkit encoding name: {@code o200k_base}, {@code cl100k_base}, {@code p50k_base},
     *     {@code p50k_edit} or {@code r50k_base}
     */
    public TokenLimitScanner(long maxTokens, String encoding) {
        if (maxTokens < 1 || maxTokens > MAX_MAX_TOKENS) {
            throw new ScannerOptions.Invalid("max-tokens", "must be an integer in [1, 10000000], was " + maxTokens);
        }
        this.maxTokens = (int) maxTokens;
        this.encodingType = EncodingType.fromName(encoding)
                .orElseThrow(() -> new ScannerOptions.Invalid(
                        "encoding",
                        "unknown encoding '" + encoding + "', known: "
                                + Arrays.stream(EncodingType.values())
                                        .map(EncodingType::getName)
                                        .collect(Collectors.joining(", "))));
    }

    /** Builds the scanner from a rule's options ({@code max-tokens}, required; {@code encoding}). */
    static TokenLimitScanner fromOptions(ScannerOptions o) {
        o.allowOnly(Set.of("max-tokens", "encoding"));
        if (!o.has("max-tokens")) {
            throw new ScannerOptions.Invalid("max-tokens", "required, an integer in [1, 10000000]");
        }
        return new TokenLimitScanner(
                o.integer("max-tokens", 1, 1, MAX_MAX_TOKENS), o.string("encoding", DEFAULT_ENCODING));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> scan(ScanText text) {
        String s = text.original();
        if (!mayExceed(s, maxTokens)) {
            return List.of();
        }
        if (count(s) > maxTokens) {
            return List.of(new Finding(NAME, Category.TOKEN_LIMIT, "TOO_MANY_TOKENS", 1.0, 0, 0));
        }
        return List.of();
    }

    /** The token count of a text in this scanner's encoding. */
    int count(String s) {
        Encoding encoding = Registry.INSTANCE.getEncoding(encodingType);
        return encoding.countTokensOrdinary(s);
    }

    /** Whether a text could have more than {@code max} tokens: false when its UTF-8 form has at most max bytes. */
    static boolean mayExceed(String s, long max) {
        long chars = s.length();
        if (chars * 3 <= max) {
            return false; // at most 3 UTF-8 bytes per UTF-16 char
        }
        if (chars > max) {
            return true; // cheaper to count than to prove anything
        }
        long bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes > max;
    }
}
