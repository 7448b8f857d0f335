package io.trustgate.assess.artifacts;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads ONNX models (protobuf ModelProto, decoded by hand: no generated classes) far enough to find every tensor's
 * external data reference and every operator domain, in the main graph, subgraphs (If/Loop bodies in attributes)
 * and functions. Threats: an external data {@code location} that is absolute or climbs out of the model folder
 * ({@code ../../etc/passwd}, {@code /proc/self/environ}) makes the runtime read arbitrary files into tensors, which
 * a model can echo back (CVE-2022-25882 and later path traversal reports against onnx): CRITICAL. Operators from
 * custom domains need a native custom-op library loaded into the process: LOW, named. Cost: one pass over the
 * protobuf, skipping tensor payloads. Limits: recursion depth 16 and a message budget; it does not check that
 * external files exist or that offsets fit them; symlinks inside the folder are not followed here.
 */
final class OnnxScanner {
    static final String NAME = "onnx";
    private static final Set<String> STANDARD_DOMAINS = Set.of(
            "",
            "ai.onnx",
            "ai.onnx.ml",
            "ai.onnx.training",
            "ai.onnx.preview.training",
            "com.microsoft",
            "com.microsoft.nchwc",
            "com.microsoft.experimental",
            "org.pytorch.aten",
            "com.ms.internal.nhwc");

    private OnnxScanner() {}

    /** A protobuf parse failure. */
    private static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bad(String m) {
            super(m, null, false, false);
        }
    }

    private static final class Pb {
        final Blob b;
        int budget = 5_000_000;

        Pb(Blob b) {
            this.b = b;
        }

        long varint(long[] pos, long end) {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos[0] >= end) {
                    throw new Bad("truncated varint");
                }
                int x = b.u8(pos[0]++);
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new Bad("varint too long");
        }

        /** Calls the visitor for each field of the message in [from, end). */
        void fields(long from, long end, FieldVisitor v) {
            long[] pos = {from};
            while (pos[0] < end) {
                if (--budget < 0) {
                    throw new Bad("message budget exhausted");
                }
                long tag = varint(pos, end);
                int field = (int) (tag >>> 3);
                int wire = (int) (tag & 7);
                switch (wire) {
                    case 0 -> v.visit(field, wire, varint(pos, end), 0);
                    case 1 -> pos[0] += 8;
                    case 5 -> pos[0] += 4;
                    case 2 -> {
                        long len = varint(pos, end);
                        if (len < 0 || len > end - pos[0]) {
                            throw new Bad("field " + field + " length " + len + " runs past its message");
                        }
                        v.visit(field, wire, pos[0], len);
                        pos[0] += len;
                    }
                    default -> throw new Bad("wire type " + wire + " in field " + field);
                }
                if (field == 0 || pos[0] > end) {
                    throw new Bad("invalid field");
                }
            }
        }

        String string(long from, long len) {
            return new String(b.read(from, (int) Math.min(len, 4096)), StandardCharsets.UTF_8);
        }
    }

    @FunctionalInterface
    private interface FieldVisitor {
        void visit(int field, int wire, long valueOrFrom, long len);
    }

    static boolean sniff(Blob b) {
        if (b.u8(0) != 0x08 || b.u8(1) < 1 || b.u8(1) > 30) {
            return false;
        }
        boolean[] graph = {false};
        try {
            new Pb(b).fields(0, b.size(), (f, w, v, l) -> {
                if (f == 7 && w == 2) {
                    graph[0] = true;
                }
            });
        } catch (Bad e) {
            return false;
        }
        return graph[0];
    }

    static void scan(ScanJob job, Blob b, String entry, String name) {
        Pb pb = new Pb(b);
        Set<String> domains = new LinkedHashSet<>();
        try {
            pb.fields(0, b.size(), (f, w, v, l) -> {
                if (w != 2) {
                    return;
                }
                switch (f) {
                    case 7 -> graph(job, pb, v, l, entry, domains, 0);
                    case 8 ->
                        pb.fields(v, v + l, (f2, w2, v2, l2) -> {
                            if (f2 == 1 && w2 == 2) {
                                domains.add(pb.string(v2, l2));
                            }
                        });
                    case 25 ->
                        pb.fields(v, v + l, (f2, w2, v2, l2) -> {
                            if (f2 == 7 && w2 == 2) {
                                node(job, pb, v2, l2, entry, domains, 1);
                            }
                        });
                    default -> {}
                }
            });
        } catch (Bad e) {
            job.add(
                    Severity.MEDIUM,
                    Rule.ONNX_MALFORMED,
                    NAME,
                    "protobuf is invalid: " + e.getMessage(),
                    entry,
                    -1,
                    -1);
        }
        for (String d : domains) {
            if (!STANDARD_DOMAINS.contains(d)) {
                job.add(
                        Severity.LOW,
                        Rule.ONNX_CUSTOM_DOMAIN,
                        NAME,
                        "operators from custom domain '" + ZipScanner.clip(d) + "' need a custom-op library",
                        entry,
                        -1,
                        -1);
            }
        }
    }

    private static void graph(ScanJob job, Pb pb, long from, long len, String entry, Set<String> domains, int depth) {
        if (depth > 16) {
            throw new Bad("graphs nested deeper than 16");
        }
        pb.fields(from, from + len, (f, w, v, l) -> {
            if (w != 2) {
                return;
            }
            switch (f) {
                case 1 -> node(job, pb, v, l, entry, domains, depth);
                case 5 -> tensor(job, pb, v, l, entry);
                case 15 ->
                    pb.fields(v, v + l, (f2, w2, v2, l2) -> {
                        if ((f2 == 1 || f2 == 2) && w2 == 2) {
                            tensor(job, pb, v2, l2, entry);
                        }
                    });
                default -> {}
            }
        });
    }

    private static void node(ScanJob job, Pb pb, long from, long len, String entry, Set<String> domains, int depth) {
        pb.fields(from, from + len, (f, w, v, l) -> {
            if (w != 2) {
                return;
            }
            if (f == 7) {
                domains.add(pb.string(v, l));
            } else if (f == 5) {
                pb.fields(v, v + l, (f2, w2, v2, l2) -> {
                    if (w2 != 2) {
                        return;
                    }
                    switch (f2) {
                        case 5, 10 -> tensor(job, pb, v2, l2, entry);
                        case 6, 11 -> graph(job, pb, v2, l2, entry, domains, depth + 1);
                        default -> {}
                    }
                });
            }
        });
    }

    private static void tensor(ScanJob job, Pb pb, long from, long len, String entry) {
        String[] tensorName = {""};
        pb.fields(from, from + len, (f, w, v, l) -> {
            if (f == 8 && w == 2) {
                tensorName[0] = pb.string(v, l);
            }
            if (f == 13 && w == 2) {
                String[] kv = {"", ""};
                pb.fields(v, v + l, (f2, w2, v2, l2) -> {
                    if (w2 == 2 && (f2 == 1 || f2 == 2)) {
                        kv[f2 - 1] = pb.string(v2, l2);
                    }
                });
                if (kv[0].equals("location") && escapes(kv[1])) {
                    job.add(
                            Severity.CRITICAL,
                            Rule.ONNX_EXTERNAL_PATH,
                            NAME,
                            "tensor '"
                                    + ZipScanner.clip(tensorName[0]) + "' reads external data from '"
                                    + ZipScanner.clip(kv[1]) + "', outside the model folder",
                            entry,
                            v,
                            -1);
                }
            }
        });
    }

    /** True when a relative location is absolute, a URL, or leaves the folder once normalised. */
    static boolean escapes(String location) {
        String p = location.replace('\\', '/');
        if (p.isEmpty()) {
            return false;
        }
        if (p.startsWith("/")
                || p.matches("^[A-Za-z]:.*")
                || p.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")
                || p.startsWith("~")
                || p.indexOf('\0') >= 0) {
            return true;
        }
        int depth = 0;
        for (String seg : p.split("/")) {
            if (seg.equals("..")) {
                if (--depth < 0) {
                    return true;
                }
            } else if (!seg.isEmpty() && !seg.equals(".")) {
                depth++;
            }
        }
        return false;
    }
}
