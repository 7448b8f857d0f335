package io.trustgate.assess.artifacts;

/**
 * Bounds that keep a scan finite on hostile input. Defaults: {@link #defaults()}.
 *
 * @param maxEntryBytes largest archive entry decompressed for inspection (bigger ones: only their first bytes)
 * @param maxInflatedBytes total bytes decompressed per scanned file (zip bomb guard)
 * @param maxRatio largest compression ratio accepted before an entry counts as a bomb
 * @param maxDepth deepest nesting of archives in archives
 * @param maxFiles most files scanned in a folder
 * @param maxOpcodes most pickle opcodes read per file
 * @param maxHeaderBytes largest JSON header (safetensors) or config blob read
 */
public record ScanLimits(
        long maxEntryBytes,
        long maxInflatedBytes,
        int maxRatio,
        int maxDepth,
        int maxFiles,
        long maxOpcodes,
        int maxHeaderBytes) {
    public ScanLimits {
        if (maxEntryBytes <= 0
                || maxInflatedBytes <= 0
                || maxRatio <= 1
                || maxDepth <= 0
                || maxFiles <= 0
                || maxOpcodes <= 0
                || maxHeaderBytes <= 0) {
            throw new IllegalArgumentException("scan limits must be positive (ratio > 1)");
        }
    }

    public static ScanLimits defaults() {
        return new ScanLimits(512L << 20, 2L << 30, 1000, 4, 100_000, 50_000_000L, 100 << 20);
    }
}
