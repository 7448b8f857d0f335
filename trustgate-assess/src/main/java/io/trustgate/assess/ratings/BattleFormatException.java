package io.trustgate.assess.ratings;

/**
 * A battle file could not be read: malformed, over a limit, or inconsistent. The message names the file and, where
 * known, the line ({@code battles.jsonl:12: winner must be one of ...}); it never quotes more of the input than a
 * short field value.
 */
public final class BattleFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long line;

    BattleFormatException(String source, long line, String message) {
        super(source + (line > 0 ? ":" + line : "") + ": " + message);
        this.line = line;
    }

    BattleFormatException(String source, long line, String message, Throwable cause) {
        super(source + (line > 0 ? ":" + line : "") + ": " + message, cause);
        this.line = line;
    }

    /** The 1-based line of the problem, 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
