package io.trustgate.policy;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts prompt tokens before a call, for rate limits and budget reservations. Exact for OpenAI's current models
 * (o200k_base for gpt-4o, gpt-4.1, gpt-5 and the o-series, cl100k_base for older ones); for other vendors'
 * tokenizers it is an estimate, which is why {@link Limits} reserves with a margin and settles from the
 * upstream's own usage afterwards. Building the registry takes about a second: build one per process.
 */
public final class TokenCounter {
    /** Per-message framing overhead (role and separators), as OpenAI documents for its chat format. */
    static final int TOKENS_PER_MESSAGE = 3;
    /** Tokens that prime the assistant's reply. */
    static final int REPLY_PRIMING = 3;

    private final Encoding o200k;
    private final Encoding cl100k;

    public TokenCounter() {
        EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
        this.o200k = registry.getEncoding(EncodingType.O200K_BASE);
        this.cl100k = registry.getEncoding(EncodingType.CL100K_BASE);
        // Load the vocabularies now rather than on the first request (about a second each).
        o200k.countTokensOrdinary("warm up");
        cl100k.countTokensOrdinary("warm up");
    }

    /** Tokens of a text under the encoding that fits the (upstream) model name. */
    public int count(String model, String text) {
        if (text.isEmpty()) {
            return 0;
        }
        return encodingFor(model).countTokensOrdinary(text);
    }

    /** Tokens of a chat prompt: the texts of its messages plus the chat format's framing. */
    public int countChat(String model, Iterable<String> messageTexts) {
        return countChat(model, messageTexts, n -> {});
    }

    /**
     * As {@link #countChat(String, Iterable)}, giving {@code each} the tokens of each message in turn (its framing
     * included), so that a caller can tell which part of a request holds them.
     */
    public int countChat(String model, Iterable<String> messageTexts, java.util.function.IntConsumer each) {
        Encoding enc = encodingFor(model);
        int total = REPLY_PRIMING;
        for (String t : messageTexts) {
            int n = TOKENS_PER_MESSAGE + (t.isEmpty() ? 0 : enc.countTokensOrdinary(t));
            each.accept(n);
            total += n;
        }
        return total;
    }

    /** The longest prefix of {@code text} that fits in {@code maxTokens} tokens. */
    public String truncate(String model, String text, int maxTokens) {
        Encoding enc = encodingFor(model);
        var result = enc.encodeOrdinary(text, maxTokens);
        return result.isTruncated() ? enc.decode(result.getTokens()) : text;
    }

    private Encoding encodingFor(String model) {
        String m = model.toLowerCase(java.util.Locale.ROOT);
        if (m.startsWith("gpt-3.5") || m.startsWith("gpt-4-") || m.equals("gpt-4") || m.startsWith("text-embedding")) {
            return cl100k;
        }
        return o200k;
    }
}
