package io.trustgate.assess.artifacts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates safetensors files: an 8-byte little-endian header length, a JSON header, then tensor data. The format
 * cannot carry code, so the threats are parser differentials and hidden payloads (OWASP LLM03): a header larger than
 * loaders accept, duplicate keys (two loaders, two tensors), unknown dtypes, shapes whose size disagrees with the byte
 * span, offsets that overlap, leave gaps or run past the file, bytes after the last tensor (where a pickle or zip
 * can ride along: a polyglot), and {@code __metadata__} values that are not strings. Cost: reads only the header
 * (at most 100 MiB, usually kilobytes), however large the file. Limits: tensor values are not read (NaN or
 * backdoored weights are out of scope); the JSON is parsed by Jackson with duplicate detection.
 */
final class SafetensorsScanner {
    static final String NAME = "safetensors";
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Map<String, Integer> DTYPE_BITS = Map.ofEntries(
            Map.entry("BOOL", 8),
            Map.entry("U8", 8),
            Map.entry("I8", 8),
            Map.entry("F8_E5M2", 8),
            Map.entry("F8_E4M3", 8),
            Map.entry("F8_E8M0", 8),
            Map.entry("I16", 16),
            Map.entry("U16", 16),
            Map.entry("F16", 16),
            Map.entry("BF16", 16),
            Map.entry("I32", 32),
            Map.entry("U32", 32),
            Map.entry("F32", 32),
            Map.entry("F64", 64),
            Map.entry("I64", 64),
            Map.entry("U64", 64),
            Map.entry("C64", 64),
            Map.entry("F4", 4),
            Map.entry("F6_E2M3", 6),
            Map.entry("F6_E3M2", 6));

    private SafetensorsScanner() {}

    static boolean sniff(Blob b) {
        long n = b.le(0, 8);
        return n >= 2 && n <= b.size() - 8 && b.u8(8) == '{';
    }

    private record Span(String name, long begin, long end) {}

    static void scan(ScanJob job, Blob b, String entry) {
        long n = b.le(0, 8);
        if (n > job.limits.maxHeaderBytes()) {
            job.add(
                    Severity.MEDIUM,
                    Rule.SAFETENSORS_MALFORMED,
                    NAME,
                    "header of " + n + " bytes exceeds the " + job.limits.maxHeaderBytes() + "-byte limit",
                    entry,
                    0,
                    -1);
            return;
        }
        JsonNode header;
        try {
            header = JSON.readTree(b.read(8, (int) n));
        } catch (java.io.IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            job.add(
                    why.contains("Duplicate") ? Severity.HIGH : Severity.MEDIUM,
                    Rule.SAFETENSORS_MALFORMED,
                    NAME,
                    "header is not valid JSON" + (why.contains("Duplicate") ? " (duplicate key)" : ""),
                    entry,
                    8,
                    -1);
            return;
        }
        if (header == null || !header.isObject()) {
            job.add(Severity.MEDIUM, Rule.SAFETENSORS_MALFORMED, NAME, "header is not a JSON object", entry, 8, -1);
            return;
        }
        long dataStart = 8 + n;
        long dataSize = b.size() - dataStart;
        List<Span> spans = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = ZipScanner.clip(f.getKey());
            JsonNode t = f.getValue();
            if (f.getKey().equals("__metadata__")) {
                boolean strings = t.isObject();
                for (JsonNode v : t) {
                    strings &= v.isTextual();
                }
                if (!strings) {
                    bad(job, entry, "__metadata__ must map strings to strings");
                }
                continue;
            }
            JsonNode dtype = t.path("dtype");
            JsonNode shape = t.path("shape");
            JsonNode off = t.path("data_offsets");
            if (!t.isObject()
                    || !dtype.isTextual()
                    || !shape.isArray()
                    || !off.isArray()
                    || off.size() != 2
                    || !off.get(0).canConvertToLong()
                    || !off.get(1).canConvertToLong()
                    || !off.get(0).isIntegralNumber()
                    || !off.get(1).isIntegralNumber()) {
                bad(job, entry, "tensor '" + name + "' lacks a dtype, shape or two data_offsets");
                continue;
            }
            Integer bits = DTYPE_BITS.get(dtype.asText());
            if (bits == null) {
                bad(job, entry, "tensor '" + name + "' has unknown dtype '" + ZipScanner.clip(dtype.asText()) + "'");
                continue;
            }
            BigInteger elems = BigInteger.ONE;
            boolean shapeOk = true;
            for (JsonNode dim : shape) {
                if (!dim.isIntegralNumber() || dim.bigIntegerValue().signum() < 0) {
                    shapeOk = false;
                    break;
                }
                elems = elems.multiply(dim.bigIntegerValue());
                if (elems.bitLength() > 128) {
                    shapeOk = false;
                    break;
                }
            }
            long begin = off.get(0).asLong();
            long end = off.get(1).asLong();
            if (!shapeOk) {
                bad(job, entry, "tensor '" + name + "' has a negative, non-integer or absurd dimension");
                continue;
            }
            if (begin < 0 || end < begin || end > dataSize) {
                bad(
                        job,
                        entry,
                        "tensor '" + name + "' offsets [" + begin + ", " + end + "] outside the " + dataSize
                                + "-byte data");
                continue;
            }
            BigInteger need = elems.multiply(BigInteger.valueOf(bits))
                    .add(BigInteger.valueOf(7))
                    .shiftRight(3);
            if (!need.equals(BigInteger.valueOf(end - begin))) {
                bad(
                        job,
                        entry,
                        "tensor '" + name + "' spans " + (end - begin) + " bytes, its shape and dtype need " + need);
            }
            spans.add(new Span(name, begin, end));
        }
        spans.sort(
                (x, y) -> x.begin() != y.begin() ? Long.compare(x.begin(), y.begin()) : Long.compare(x.end(), y.end()));
        long cursor = 0;
        for (Span s : spans) {
            if (s.begin() < cursor) {
                job.add(
                        Severity.HIGH,
                        Rule.SAFETENSORS_MALFORMED,
                        NAME,
                        "tensor '" + s.name() + "' overlaps the previous tensor",
                        entry,
                        dataStart + s.begin(),
                        -1);
            } else if (s.begin() > cursor) {
                bad(job, entry, "gap of " + (s.begin() - cursor) + " bytes before tensor '" + s.name() + "'");
            }
            cursor = Math.max(cursor, s.end());
        }
        if (cursor < dataSize) {
            job.add(
                    Severity.MEDIUM,
                    Rule.SAFETENSORS_TRAILING,
                    NAME,
                    (dataSize - cursor) + " bytes after the last tensor",
                    entry,
                    dataStart + cursor,
                    -1);
            PickleScanner.carve(job, b.slice(dataStart + cursor, dataSize - cursor), entry);
        }
    }

    private static void bad(ScanJob job, String entry, String why) {
        job.add(Severity.MEDIUM, Rule.SAFETENSORS_MALFORMED, NAME, why, entry, 8, -1);
    }
}
