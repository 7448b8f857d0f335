package io.trustgate.assess.artifacts;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy .npy headers (.npz archives are zips of them, handled by the zip reader). Threat: an array of dtype
 * object is stored as a pickle after the header, so {@code np.load(allow_pickle=True)} runs whatever that pickle
 * names; the payload is handed to the pickle reader. Also checks that the data length matches shape times item size
 * (bytes appended after the array are a hiding place). Cost: one header parse, bounded to 1 MiB. Limits: the header
 * is a Python dict literal read with patterns, not a Python parser; structured dtypes are checked only for an object
 * field, not sized.
 */
final class NumpyScanner {
    static final String NAME = "numpy";
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*('([^']*)'|\"([^\"]*)\"|\\[)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern ITEM = Pattern.compile("^[<>|=]?[a-zA-Z](\\d+)$");

    private NumpyScanner() {}

    static void scan(ScanJob job, Blob b, String entry) {
        int major = b.u8(6);
        long hlen;
        long start;
        if (major == 1) {
            hlen = b.le(8, 2);
            start = 10;
        } else if (major == 2 || major == 3) {
            hlen = b.le(8, 4);
            start = 12;
        } else {
            job.add(Severity.MEDIUM, Rule.NUMPY_MALFORMED, NAME, "unknown .npy version " + major, entry, 6, -1);
            return;
        }
        if (hlen < 0 || hlen > (1 << 20) || start + hlen > b.size()) {
            job.add(
                    Severity.MEDIUM,
                    Rule.NUMPY_MALFORMED,
                    NAME,
                    "header length " + hlen + " out of range",
                    entry,
                    8,
                    -1);
            return;
        }
        String header = new String(b.read(start, (int) hlen), StandardCharsets.UTF_8);
        long dataStart = start + hlen;
        Matcher d = DESCR.matcher(header);
        if (!d.find()) {
            job.add(Severity.MEDIUM, Rule.NUMPY_MALFORMED, NAME, "header has no descr", entry, start, -1);
            return;
        }
        String descr = d.group(2) != null ? d.group(2) : d.group(3) != null ? d.group(3) : "";
        boolean structured = descr.isEmpty() && d.group(1).equals("[");
        boolean object = descr.equals("O")
                || descr.equals("|O")
                || descr.endsWith("O")
                || structured && header.substring(d.end()).matches("(?s).*['\"][|<>=]?O['\"].*");
        Blob data = b.slice(dataStart, b.size() - dataStart);
        if (object) {
            job.add(
                    Severity.LOW,
                    Rule.NUMPY_OBJECT,
                    NAME,
                    "object array: loading it needs allow_pickle=True and unpickles the data",
                    entry,
                    dataStart,
                    -1);
            PickleScanner.scan(job, data, entry, true);
            return;
        }
        Matcher s = SHAPE.matcher(header);
        Matcher item = ITEM.matcher(descr);
        if (!structured && s.find() && item.matches()) {
            BigInteger n = BigInteger.valueOf(Long.parseLong(item.group(1)));
            for (String dim : s.group(1).split(",")) {
                String t = dim.trim().replace("L", "");
                if (t.isEmpty()) {
                    continue;
                }
                if (!t.matches("\\d{1,18}")) {
                    job.add(
                            Severity.MEDIUM,
                            Rule.NUMPY_MALFORMED,
                            NAME,
                            "shape has a non-integer dimension",
                            entry,
                            start,
                            -1);
                    return;
                }
                n = n.multiply(BigInteger.valueOf(Long.parseLong(t)));
            }
            BigInteger have = BigInteger.valueOf(data.size());
            int cmp = have.compareTo(n);
            if (cmp < 0) {
                job.add(
                        Severity.MEDIUM,
                        Rule.NUMPY_MALFORMED,
                        NAME,
                        "data is " + data.size() + " bytes, shape and dtype need " + n,
                        entry,
                        dataStart,
                        -1);
            } else if (cmp > 0) {
                job.add(
                        Severity.MEDIUM,
                        Rule.NUMPY_MALFORMED,
                        NAME,
                        (data.size() - n.longValue()) + " bytes after the array data",
                        entry,
                        dataStart + n.longValue(),
                        -1);
                PickleScanner.carve(job, data.slice(n.longValue(), data.size()), entry);
            }
        }
    }
}
