package io.trustgate.assess.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reading the dataset files: CSV with a header (RFC 4180 quoting), JSONL, JSON; errors name the file. */
final class DataFiles {
    static final ObjectMapper JSON = new ObjectMapper();

    private DataFiles() {}

    static Path require(Path datasets, String relative, String suite) {
        Path p = datasets.resolve(relative);
        if (!Files.exists(p)) {
            throw new SuiteDataException("suite " + suite + " needs " + p
                    + " (see the datasets README; set --data or $TRUSTGATE_DATASETS to the datasets folder)");
        }
        return p;
    }

    static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SuiteDataException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    static JsonNode json(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new SuiteDataException("cannot read JSON " + p + ": " + e.getMessage(), e);
        }
    }

    static List<JsonNode> jsonl(Path p) {
        List<JsonNode> out = new ArrayList<>();
        int line = 0;
        for (String l : text(p).split("\n")) {
            line++;
            if (l.isBlank()) {
                continue;
            }
            try {
                out.add(JSON.readTree(l));
            } catch (IOException e) {
                throw new SuiteDataException(p + " line " + line + ": not JSON (" + e.getMessage() + ")", e);
            }
        }
        return out;
    }

    static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new SuiteDataException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Rows of a CSV file with a header line, as maps from column name to value. */
    static List<Map<String, String>> csv(Path p) {
        List<List<String>> rows = parseCsv(text(p));
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> header = rows.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            if (r.size() == 1 && r.get(0).isEmpty()) {
                continue;
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                m.put(header.get(c).strip(), c < r.size() ? r.get(c) : "");
            }
            out.add(m);
        }
        return out;
    }

    static List<List<String>> parseCsv(String s) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int i = s.startsWith("\uFEFF") ? 1 : 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    /** Orders samples so that categories alternate (round robin), keeping each category's own order. */
    static List<Sample> interleave(List<Sample> samples) {
        Map<String, List<Sample>> by = new LinkedHashMap<>();
        for (Sample s : samples) {
            by.computeIfAbsent(s.category(), k -> new ArrayList<>()).add(s);
        }
        List<Sample> out = new ArrayList<>(samples.size());
        for (int i = 0; out.size() < samples.size(); i++) {
            for (List<Sample> l : by.values()) {
                if (i < l.size()) {
                    out.add(l.get(i));
                }
            }
        }
        return out;
    }

    /** A short stable hash of a text, for sample ids and canaries that must not change between loads. */
    static String hash(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 5);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
