package io.trustgate.assess.artifacts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads zip archives (PyTorch checkpoints, NumPy .npz, Keras .keras, nested zips) from both the central directory and
 * the local headers, and hands each entry's content to the format detector. Threat: zip tricks that make a scanner
 * skip an entry a loader still reads: the encryption or other flag bits set on plain data (PyTorch's reader ignores
 * them, Python's zipfile refuses), wrong CRCs, local and central headers naming an entry differently, entries
 * missing from the central directory, duplicate names, path traversal names, and decompression bombs. Every entry
 * is read whatever its flags, CRC or name says. Cost: one pass over the central directory plus one over the local
 * headers; content is decompressed only for entries whose first bytes look like a format worth scanning (pickles,
 * archives, JSON...), within the per-file budget. Limits: stored and deflated entries only (other methods are
 * reported, not read); truly encrypted entries cannot be inspected; data prepended before the archive is reported
 * but entry offsets are not rebased.
 */
final class ZipScanner {
    static final String NAME = "zip";
    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int END64 = 0x06064b50;
    private static final int END64_LOCATOR = 0x07064b50;
    private static final Pattern TENSOR_DATA = Pattern.compile("(^|.*/)(data/)?\\d+$");

    private record Entry(
            String name, int flags, int method, long crc, long csize, long usize, long localOffset, boolean central) {}

    private ZipScanner() {}

    static boolean sniff(Blob b) {
        long sig = b.le(0, 4);
        return sig == LOCAL || sig == END || findEnd(b) >= 0 && b.le(0, 4) == LOCAL;
    }

    /** Offset of the end-of-central-directory record, or -1. */
    static long findEnd(Blob b) {
        long size = b.size();
        long lo = Math.max(0, size - 22 - 65535);
        for (long p = size - 22; p >= lo; p--) {
            if (b.u8(p) == 0x50 && b.le(p, 4) == END) {
                long commentLen = b.le(p + 20, 2);
                if (p + 22 + commentLen <= size) {
                    return p;
                }
            }
        }
        return -1;
    }

    /** Scans the archive; returns the format label (pytorch-zip, npz, keras, zip). */
    static String scan(ScanJob job, Blob z, String prefix, int depth) {
        List<Entry> entries = new ArrayList<>();
        Set<Long> centralOffsets = new HashSet<>();
        long eocd = findEnd(z);
        if (eocd < 0) {
            job.add(
                    Severity.MEDIUM,
                    Rule.ZIP_MALFORMED,
                    NAME,
                    "no end of central directory; read local headers only",
                    prefix,
                    -1,
                    -1);
        } else {
            readCentral(job, z, prefix, eocd, entries);
            entries.forEach(e -> centralOffsets.add(e.localOffset()));
        }
        // Local headers the central directory does not list: some readers still find them.
        long pos = 0;
        for (int i = 0; i < 100_000 && pos >= 0 && pos + 30 <= z.size() && z.le(pos, 4) == LOCAL; i++) {
            Entry local = readLocal(z, pos);
            if (local == null) {
                break;
            }
            if (eocd >= 0 && !centralOffsets.contains(pos)) {
                job.add(
                        Severity.HIGH,
                        Rule.ZIP_HIDDEN,
                        NAME,
                        "entry '" + clip(local.name()) + "' at byte " + pos + " is not in the central directory",
                        prefix,
                        pos,
                        -1);
                entries.add(local);
            } else if (eocd < 0) {
                entries.add(local);
            }
            if ((local.flags() & 8) != 0 && local.csize() == 0) {
                break; // size only in the data descriptor: cannot step over the data
            }
            long next = dataOffset(z, pos) + local.csize();
            pos = next > pos ? next : -1;
        }
        Map<String, Integer> names = new HashMap<>();
        boolean torch = false;
        boolean allNpy = !entries.isEmpty();
        boolean kerasConfig = false;
        boolean kerasMeta = false;
        for (Entry e : entries) {
            String name = e.name();
            String lower = name.toLowerCase(Locale.ROOT);
            String where = prefix.isEmpty() ? name : prefix + "!/" + name;
            if (names.merge(name, 1, Integer::sum) == 2) {
                job.add(
                        Severity.HIGH,
                        Rule.ZIP_DUPLICATE,
                        NAME,
                        "two entries are named '" + clip(name) + "'",
                        where,
                        e.localOffset(),
                        -1);
            }
            if (traverses(name)) {
                job.add(
                        Severity.HIGH,
                        Rule.ZIP_TRAVERSAL,
                        NAME,
                        "entry name '" + clip(name) + "' is absolute or climbs out of the folder",
                        where,
                        e.localOffset(),
                        -1);
            }
            torch |= lower.endsWith("data.pkl");
            allNpy &= lower.endsWith(".npy") || lower.endsWith("/");
            kerasConfig |= lower.equals("config.json");
            kerasMeta |= lower.equals("metadata.json") || lower.endsWith(".weights.h5");
            if (lower.endsWith(".py")) {
                job.add(
                        Severity.MEDIUM,
                        Rule.ARCHIVE_CODE,
                        NAME,
                        "archive holds Python source '" + clip(name) + "' (TorchScript code runs on load)",
                        where,
                        e.localOffset(),
                        -1);
            }
            if (name.endsWith("/") && e.usize() == 0) {
                continue;
            }
            scanEntry(job, z, e, where, depth);
        }
        if (torch) {
            return "pytorch-zip";
        }
        if (kerasConfig && kerasMeta) {
            return "keras";
        }
        return allNpy ? "npz" : "zip";
    }

    private static void readCentral(ScanJob job, Blob z, String prefix, long eocd, List<Entry> out) {
        long count = z.le(eocd + 10, 2);
        long cdSize = z.le(eocd + 12, 4);
        long cdOff = z.le(eocd + 16, 4);
        if ((count == 0xffff || cdOff == 0xffffffffL || cdSize == 0xffffffffL)
                && eocd >= 20
                && z.le(eocd - 20, 4) == END64_LOCATOR) {
            long e64 = z.le(eocd - 12, 8);
            if (e64 >= 0 && z.le(e64, 4) == END64) {
                count = z.le(e64 + 32, 8);
                cdSize = z.le(e64 + 40, 8);
                cdOff = z.le(e64 + 48, 8);
            }
        }
        if (cdOff < 0 || cdSize < 0 || cdOff + cdSize > z.size() || count > 1_000_000) {
            job.add(
                    Severity.MEDIUM,
                    Rule.ZIP_MALFORMED,
                    NAME,
                    "central directory lies outside the file",
                    prefix,
                    eocd,
                    -1);
            return;
        }
        if (cdOff + cdSize < eocd - 20 - 56 || (cdOff + cdSize != eocd && z.le(cdOff + cdSize, 4) != END64)) {
            // Bytes between the directory and its end record: room for a second archive or a payload.
            if (cdOff + cdSize != eocd) {
                job.add(
                        Severity.MEDIUM,
                        Rule.ZIP_MALFORMED,
                        NAME,
                        "gap between the central directory and its end",
                        prefix,
                        cdOff + cdSize,
                        -1);
            }
        }
        long p = cdOff;
        for (long i = 0; i < count; i++) {
            if (p + 46 > z.size() || z.le(p, 4) != CENTRAL) {
                job.add(
                        Severity.MEDIUM,
                        Rule.ZIP_MALFORMED,
                        NAME,
                        "central directory entry " + i + " is invalid",
                        prefix,
                        p,
                        -1);
                return;
            }
            int flags = (int) z.le(p + 8, 2);
            int method = (int) z.le(p + 10, 2);
            long crc = z.le(p + 16, 4);
            long csize = z.le(p + 20, 4);
            long usize = z.le(p + 24, 4);
            int nameLen = (int) z.le(p + 28, 2);
            int extraLen = (int) z.le(p + 30, 2);
            int commentLen = (int) z.le(p + 32, 2);
            long localOff = z.le(p + 42, 4);
            String name = new String(z.read(p + 46, nameLen), StandardCharsets.UTF_8);
            // ZIP64 extra field: the real sizes and offset when the 32-bit fields are saturated.
            long x = p + 46 + nameLen;
            long xEnd = x + extraLen;
            while (x + 4 <= xEnd) {
                int id = (int) z.le(x, 2);
                int len = (int) z.le(x + 2, 2);
                if (id == 1) {
                    long q = x + 4;
                    if (usize == 0xffffffffL) {
                        usize = z.le(q, 8);
                        q += 8;
                    }
                    if (csize == 0xffffffffL) {
                        csize = z.le(q, 8);
                        q += 8;
                    }
                    if (localOff == 0xffffffffL) {
                        localOff = z.le(q, 8);
                    }
                }
                x += 4 + len;
            }
            out.add(new Entry(name, flags, method, crc, csize, usize, localOff, true));
            Entry local = localOff >= 0 && localOff + 30 <= z.size() && z.le(localOff, 4) == LOCAL
                    ? readLocal(z, localOff)
                    : null;
            String where = prefix.isEmpty() ? name : prefix + "!/" + name;
            if (local == null) {
                job.add(
                        Severity.MEDIUM,
                        Rule.ZIP_MALFORMED,
                        NAME,
                        "entry '" + clip(name) + "' has no local header",
                        where,
                        localOff,
                        -1);
            } else {
                if (!local.name().equals(name)) {
                    job.add(
                            Severity.HIGH,
                            Rule.ZIP_NAME_MISMATCH,
                            NAME,
                            "central header names '" + clip(name) + "', local header names '" + clip(local.name())
                                    + "'",
                            where,
                            localOff,
                            -1);
                }
                int both = flags | local.flags();
                if ((both & 1) != 0) {
                    job.add(
                            Severity.MEDIUM,
                            Rule.ZIP_FLAGS,
                            NAME,
                            "encryption flag set on '" + clip(name)
                                    + "' (Python's zipfile skips it, PyTorch reads it): content inspected anyway",
                            where,
                            localOff,
                            -1);
                }
                if ((both & 0x60) != 0 || (flags & 0xff) != (local.flags() & 0xff)) {
                    job.add(
                            Severity.MEDIUM,
                            Rule.ZIP_FLAGS,
                            NAME,
                            String.format(
                                    "unusual or inconsistent flags on '%s' (central 0x%x, local 0x%x)",
                                    clip(name), flags, local.flags()),
                            where,
                            localOff,
                            -1);
                }
            }
            p += 46L + nameLen + extraLen + commentLen;
        }
    }

    private static Entry readLocal(Blob z, long pos) {
        if (z.le(pos, 4) != LOCAL || pos + 30 > z.size()) {
            return null;
        }
        int flags = (int) z.le(pos + 6, 2);
        int method = (int) z.le(pos + 8, 2);
        long crc = z.le(pos + 14, 4);
        long csize = z.le(pos + 18, 4);
        long usize = z.le(pos + 22, 4);
        int nameLen = (int) z.le(pos + 26, 2);
        int extraLen = (int) z.le(pos + 28, 2);
        String name = new String(z.read(pos + 30, nameLen), StandardCharsets.UTF_8);
        long x = pos + 30 + nameLen;
        long xEnd = x + extraLen;
        while (x + 4 <= xEnd) {
            int id = (int) z.le(x, 2);
            int len = (int) z.le(x + 2, 2);
            if (id == 1 && len >= 16) {
                if (usize == 0xffffffffL) {
                    usize = z.le(x + 4, 8);
                }
                if (csize == 0xffffffffL) {
                    csize = z.le(x + 12, 8);
                }
            }
            x += 4 + len;
        }
        return new Entry(name, flags, method, crc, csize, usize, pos, false);
    }

    private static long dataOffset(Blob z, long localOff) {
        return localOff + 30 + z.le(localOff + 26, 2) + z.le(localOff + 28, 2);
    }

    private static void scanEntry(ScanJob job, Blob z, Entry e, String where, int depth) {
        if (e.localOffset() < 0 || z.le(e.localOffset(), 4) != LOCAL) {
            return;
        }
        long data = dataOffset(z, e.localOffset());
        long csize = e.csize();
        if (csize < 0 || data + csize > z.size()) {
            job.add(
                    Severity.MEDIUM,
                    Rule.ZIP_MALFORMED,
                    NAME,
                    "entry data runs past the end of the archive",
                    where,
                    data,
                    -1);
            csize = Math.max(0, z.size() - data);
        }
        String lower = e.name().toLowerCase(Locale.ROOT);
        boolean pickleName = lower.endsWith(".pkl") || lower.endsWith(".pickle");
        boolean tensorData = TENSOR_DATA.matcher(e.name()).matches();
        Blob content;
        boolean complete;
        // Raw tensor storages (data/0, data/1...) are only sniffed: torch.load never unpickles them, and reading
        // gigabytes of weights would make the scan cost the size of the model. Every other entry is read in full.
        boolean sniffOnly = tensorData && !pickleName;
        if (e.method() == 0) {
            content = z.slice(data, csize);
            complete = true;
            if (sniffOnly && !worthReading(content)) {
                return;
            }
        } else if (e.method() == 8) {
            Blob head = inflate(job, z, data, csize, 64, where, false);
            if (sniffOnly && !worthReading(head)) {
                return;
            }
            if (e.usize() > (long) job.limits.maxRatio() * Math.max(1, csize) && e.usize() > (1 << 20)) {
                job.add(
                        Severity.HIGH,
                        Rule.ZIP_BOMB,
                        NAME,
                        "declared compression ratio above " + job.limits.maxRatio() + ":1",
                        where,
                        data,
                        -1);
            }
            long want = Math.min(job.limits.maxEntryBytes(), job.limits.maxInflatedBytes() - job.inflated);
            content = inflate(job, z, data, csize, want, where, true);
            complete = content.size() < want;
            if (complete && e.central() && content.size() != e.usize() && (e.flags() & 8) == 0) {
                job.add(
                        Severity.MEDIUM,
                        Rule.ZIP_MALFORMED,
                        NAME,
                        "entry inflates to " + content.size() + " bytes, header says " + e.usize(),
                        where,
                        data,
                        -1);
            }
            if (content.size() > (long) job.limits.maxRatio() * Math.max(1, csize) && content.size() > (1 << 20)) {
                job.add(
                        Severity.HIGH,
                        Rule.ZIP_BOMB,
                        NAME,
                        "compression ratio above " + job.limits.maxRatio() + ":1 (" + content.size() + " bytes from "
                                + csize + ")",
                        where,
                        data,
                        -1);
            }
        } else {
            // HIGH: not inspected, yet Python's zipfile (np.load of an .npz) reads bzip2 and lzma entries
            job.add(
                    Severity.HIGH,
                    Rule.ARCHIVE_UNSUPPORTED,
                    NAME,
                    "compression method " + e.method() + " is not inspected",
                    where,
                    data,
                    -1);
            return;
        }
        if ((e.flags() & 1) != 0 && content.size() > 0 && !worthReading(content) && !PickleScanner.sniff(content)) {
            job.add(
                    Severity.MEDIUM,
                    Rule.ZIP_FLAGS,
                    NAME,
                    "encrypted entry content could not be inspected",
                    where,
                    data,
                    -1);
            return;
        }
        if (complete && content.size() <= job.limits.maxEntryBytes() && (e.flags() & 1) == 0 || pickleName) {
            CRC32 crc = new CRC32();
            byte[] buf;
            for (long p = 0; p < content.size(); p += buf.length) {
                buf = content.read(p, 1 << 16);
                crc.update(buf);
                if (buf.length == 0) {
                    break;
                }
            }
            long expected = e.crc();
            if (expected != crc.getValue() && (e.flags() & 8) == 0 && complete) {
                job.add(
                        Severity.MEDIUM,
                        Rule.ZIP_CRC,
                        NAME,
                        "CRC of '" + clip(e.name())
                                + "' does not match its content (readers that check skip it): content inspected anyway",
                        where,
                        data,
                        -1);
            }
        }
        Detector.scan(job, content, where, e.name(), depth + 1, !tensorData || pickleName);
    }

    /** True when the first bytes look like something with its own scanner. */
    private static boolean worthReading(Blob head) {
        int b0 = head.u8(0);
        return b0 == 0x80 && head.u8(1) <= 5 || Detector.knownMagic(head) || b0 == '{' || b0 == '[';
    }

    private static Blob inflate(ScanJob job, Blob z, long from, long csize, long limit, String where, boolean count) {
        Inflater inf = new Inflater(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long read = 0;
        try {
            while (out.size() < limit && !inf.finished()) {
                if (inf.needsInput()) {
                    if (read >= csize) {
                        break;
                    }
                    byte[] in = z.read(from + read, (int) Math.min(1 << 16, csize - read));
                    if (in.length == 0) {
                        break;
                    }
                    read += in.length;
                    inf.setInput(in);
                }
                int n = inf.inflate(buf, 0, (int) Math.min(buf.length, limit - out.size()));
                if (n == 0 && (inf.needsDictionary() || (!inf.needsInput() && !inf.finished()))) {
                    break;
                }
                out.write(buf, 0, n);
            }
            if (count && out.size() >= limit && !inf.finished()) {
                job.add(
                        Severity.MEDIUM,
                        Rule.ZIP_BOMB,
                        NAME,
                        "decompression stopped at " + limit + " bytes (limit): the rest of the entry is not inspected",
                        where,
                        from,
                        -1);
            }
        } catch (DataFormatException ex) {
            if (count) {
                job.add(Severity.MEDIUM, Rule.ZIP_MALFORMED, NAME, "deflate data is invalid", where, from, -1);
            }
        } finally {
            inf.end();
        }
        if (count) {
            job.inflated += out.size();
        }
        return Blob.of(out.toByteArray());
    }

    static boolean traverses(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String seg : n.split("/")) {
            if (seg.equals("..")) {
                return true;
            }
        }
        return false;
    }

    static String clip(String s) {
        String c = s.replaceAll("\\p{Cntrl}", "?");
        return c.length() > 120 ? c.substring(0, 120) + "..." : c;
    }
}
