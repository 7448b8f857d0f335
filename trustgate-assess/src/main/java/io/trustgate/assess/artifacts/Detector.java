package io.trustgate.assess.artifacts;

import java.util.Locale;

/**
 * Decides what a blob of bytes is from its content (magic numbers and structure, never the file name), runs the
 * matching scanner, then compares the result with what the name claims. Threat: a file named like a safe format
 * (.safetensors, .gguf, .npy) that holds a pickle, a PNG named .pt, a zip hidden after another format's data
 * (polyglot), content that matches no known format but embeds a pickle. Cost: a few header reads plus the chosen
 * scanner; a tail read of 64 KiB for the polyglot check. Limits: formats are recognised by their first bytes, so a
 * format without magic (ONNX, pickles without a PROTO header) is recognised by a trial parse.
 */
final class Detector {
    static final String NAME = "format";
    private static final byte[] NUMPY = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final byte[] GGUF = {'G', 'G', 'U', 'F'};
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] SEVEN_Z = {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c};
    private static final byte[] GZIP = {0x1f, (byte) 0x8b};
    private static final byte[] XZ = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
    private static final byte[] ZSTD = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    private static final byte[] BZIP2 = {'B', 'Z', 'h'};
    private static final byte[] RAR = {'R', 'a', 'r', '!', 0x1a, 0x07};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};
    private static final byte[] TORCH_MAGIC = {
        (byte) 0x80,
        0x02,
        (byte) 0x8a,
        0x0a,
        0x6c,
        (byte) 0xfc,
        (byte) 0x9c,
        0x46,
        (byte) 0xf9,
        0x20,
        0x6a,
        (byte) 0xa8,
        0x50,
        0x19
    };

    private Detector() {}

    static boolean knownMagic(Blob b) {
        return b.le(0, 4) == 0x04034b50
                || b.startsWith(0, NUMPY)
                || b.startsWith(0, GGUF)
                || b.startsWith(0, HDF5)
                || b.startsWith(0, SEVEN_Z)
                || SafetensorsScanner.sniff(b);
    }

    /**
     * Scans a file or archive entry. name is the file or entry name (used only to compare claim and content);
     * strictPickle is false for raw tensor data whose first bytes may look like a pickle header by chance.
     *
     * @return the detected format
     */
    static String scan(ScanJob job, Blob b, String entry, String name, int depth, boolean strictPickle) {
        if (depth > job.limits.maxDepth()) {
            // HIGH: a gate must not pass what it could not inspect, and no model format nests this deep by itself
            job.add(
                    Severity.HIGH,
                    Rule.ZIP_BOMB,
                    NAME,
                    "archives nested deeper than " + job.limits.maxDepth() + ": not inspected",
                    entry,
                    -1,
                    -1);
            return "nested";
        }
        String format = detectAndScan(job, b, entry, name, depth, strictPickle);
        checkClaim(job, format, entry, name);
        if (!format.endsWith("zip") && !format.equals("npz") && !format.equals("keras") && !format.equals("empty")) {
            long eocd = ZipScanner.findEnd(b);
            if (eocd > 0) {
                long cdOff = b.le(eocd + 16, 4);
                long cdSize = b.le(eocd + 12, 4);
                boolean central = cdOff >= 0 && cdOff < b.size() && b.le(cdOff, 4) == 0x02014b50;
                boolean trailingCentral = cdSize > 0 && eocd - cdSize >= 0 && b.le(eocd - cdSize, 4) == 0x02014b50;
                if (central || trailingCentral) {
                    job.add(
                            Severity.HIGH,
                            Rule.FORMAT_POLYGLOT,
                            NAME,
                            "a " + format + " file that is also a zip archive (zip readers find it from the end)",
                            entry,
                            eocd,
                            -1);
                    // Offsets are either absolute (central) or relative to where the appended archive begins.
                    long start = central ? 0 : Math.max(0, eocd - cdSize - cdOff);
                    ZipScanner.scan(job, b.slice(start, b.size() - start), entry, depth + 1);
                }
            }
        }
        return format;
    }

    private static String detectAndScan(
            ScanJob job, Blob b, String entry, String name, int depth, boolean strictPickle) {
        if (b.size() == 0) {
            return "empty";
        }
        if (b.le(0, 4) == 0x04034b50 || b.le(0, 4) == 0x06054b50) {
            return ZipScanner.scan(job, b, entry, depth);
        }
        if (b.startsWith(0, NUMPY)) {
            NumpyScanner.scan(job, b, entry);
            return "numpy";
        }
        if (b.startsWith(0, GGUF)) {
            GgufScanner.scan(job, b, entry);
            return "gguf";
        }
        if (b.startsWith(0, HDF5)) {
            KerasScanner.scanHdf5(job, b, entry);
            return "hdf5";
        }
        if (CompressedScanner.zlib(b) || CompressedScanner.gzip(b)) {
            return CompressedScanner.scan(job, b, entry, name, depth);
        }
        if (b.startsWith(0, SEVEN_Z)
                || b.startsWith(0, GZIP)
                || b.startsWith(0, XZ)
                || b.startsWith(0, ZSTD)
                || b.startsWith(0, BZIP2)
                || b.startsWith(0, RAR)
                || b.ascii(257, 5).equals("ustar")) {
            // A pickle-family name says a loader will decompress and unpickle it (joblib reads bz2, xz and lzma).
            boolean pickleName = claimed(CompressedScanner.inner(name)).equals("pickle");
            job.add(
                    pickleName ? Severity.HIGH : Severity.MEDIUM,
                    Rule.ARCHIVE_UNSUPPORTED,
                    NAME,
                    pickleName
                            ? "compressed stream under a pickle name, not decompressed (a loader unpickles its content)"
                            : "compressed archive format whose content is not inspected",
                    entry,
                    0,
                    -1);
            PickleScanner.carve(job, b, entry);
            return "archive";
        }
        if (b.u8(0) == 0x80 && b.u8(1) >= 2 && b.u8(1) <= 5) {
            boolean legacy = b.startsWith(0, TORCH_MAGIC);
            PickleScanner.scan(job, b, entry, strictPickle);
            return legacy ? "pytorch-legacy" : "pickle";
        }
        if (SafetensorsScanner.sniff(b)) {
            SafetensorsScanner.scan(job, b, entry);
            return "safetensors";
        }
        if (OnnxScanner.sniff(b)) {
            OnnxScanner.scan(job, b, entry, name);
            return "onnx";
        }
        int first = firstNonSpace(b);
        if (first == '{' || first == '[') {
            KerasScanner.scanJson(job, b, entry);
            return "json";
        }
        if (PickleScanner.sniff(b)) {
            // No PROTO header (protocol 0/1, or 2+ written without it): the same reader, the same severities.
            PickleScanner.scan(job, b, entry, strictPickle);
            return "pickle";
        }
        if (claimed(name).equals("pickle") && PickleScanner.plausible(b)) {
            PickleScanner.scan(job, b, entry, true);
            return "pickle";
        }
        PickleScanner.carve(job, b, entry);
        return b.startsWith(0, PNG) ? "png" : "unknown";
    }

    private static int firstNonSpace(Blob b) {
        for (long p = 0; p < Math.min(b.size(), 4096); p++) {
            int c = b.u8(p);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != 0xef && c != 0xbb && c != 0xbf) {
                return c;
            }
        }
        return -1;
    }

    /** The format a file name claims, or "" when the name says nothing reliable. */
    static String claimed(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int slash = n.lastIndexOf('/');
        n = n.substring(slash + 1);
        if (n.endsWith(".safetensors")) {
            return "safetensors";
        }
        if (n.endsWith(".gguf")) {
            return "gguf";
        }
        if (n.endsWith(".onnx")) {
            return "onnx";
        }
        if (n.endsWith(".npy")) {
            return "numpy";
        }
        if (n.endsWith(".npz") || n.endsWith(".keras") || n.endsWith(".zip")) {
            return "zip";
        }
        if (n.endsWith(".h5") || n.endsWith(".hdf5")) {
            return "hdf5";
        }
        if (n.endsWith(".pkl")
                || n.endsWith(".pickle")
                || n.endsWith(".pt")
                || n.endsWith(".pth")
                || n.endsWith(".ckpt")
                || n.endsWith(".joblib")
                || n.endsWith(".dill")) {
            return "pickle";
        }
        if (n.endsWith(".json")) {
            return "json";
        }
        return "";
    }

    private static void checkClaim(ScanJob job, String format, String entry, String name) {
        String claim = claimed(name);
        if (claim.isEmpty() || format.equals("empty") || format.equals("nested")) {
            return;
        }
        boolean pickleFamily =
                format.equals("pickle") || format.equals("pytorch-legacy") || format.equals("pytorch-zip");
        boolean ok = switch (claim) {
            // joblib and friends decompress before unpickling; the content is checked against the name inside.
            case "pickle" ->
                pickleFamily
                        || format.equals("zip")
                        || format.equals("zlib")
                        || format.equals("gzip")
                        || format.equals("archive");
            case "zip" ->
                format.equals("zip") || format.equals("npz") || format.equals("keras") || format.equals("pytorch-zip");
            default -> claim.equals(format);
        };
        if (!ok) {
            boolean disguised = pickleFamily && !claim.equals("pickle");
            job.add(
                    disguised ? Severity.HIGH : Severity.MEDIUM,
                    Rule.FORMAT_MISMATCH,
                    NAME,
                    "named as " + claim + " but the content is " + format
                            + (disguised ? " (code-capable format in disguise)" : ""),
                    entry,
                    0,
                    -1);
        }
    }
}
