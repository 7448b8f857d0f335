package io.trustgate.assess.ratings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads battle files, which are untrusted input: FastChat-style JSONL (one battle per line) and leaderbot's
 * aggregated JSON. Every size is bounded ({@link Limits}), every error is a {@link BattleFormatException} naming the
 * file and line, and no input makes it throw anything else (see BattleReaderFuzzTest). Cost: one streaming pass;
 * memory grows with the number of distinct pairs, not of battles. Limits: UTF-8 only; JSONL fields other than
 * {@code model_a}, {@code model_b} and {@code winner} are ignored (FastChat's files carry many), so filtering (e.g.
 * anonymous battles only, deduplication) must be done before.
 */
public final class BattleReader {
    /** The file formats. */
    public enum Format {
        /** Told apart by the first object's field names. */
        AUTO,
        /** {@code {"model_a": ..., "model_b": ..., "winner": "model_a"|"model_b"|"tie"|"tie (bothbad)"}} per line. */
        JSONL,
        /** {@code {"models": [...], "X": [[i, j], ...], "Y": [[a_wins, b_wins, tie, tie_bothbad], ...]}}. */
        LEADERBOT
    }

    /**
     * Bounds on what a file may hold.
     *
     * @param maxChars characters in the whole file
     * @param maxLineChars characters in one JSONL line
     * @param maxModels distinct models
     * @param maxNameChars characters in a model name
     * @param maxPairs distinct pairs (leaderbot rows)
     */
    public record Limits(long maxChars, int maxLineChars, int maxModels, int maxNameChars, int maxPairs) {
        /** 8 GiB of text, 1 MiB lines, 10,000 models, 256-character names, 1,000,000 pairs. */
        public static final Limits DEFAULTS = new Limits(8L << 30, 1 << 20, 10_000, 256, 1_000_000);

        public Limits {
            if (maxChars < 1 || maxLineChars < 1 || maxModels < 2 || maxNameChars < 1 || maxPairs < 1) {
                throw new IllegalArgumentException("battle file limits must be positive");
            }
        }
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxNumberLength(32)
                    .maxStringLength(1 << 20)
                    .build())
            .build();

    private BattleReader() {}

    /** Reads a file with the default limits. */
    public static BattleCounts read(Path file, Format format) {
        return read(file, format, Limits.DEFAULTS);
    }

    public static BattleCounts read(Path file, Format format, Limits limits) {
        Objects.requireNonNull(format, "format");
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new BattleFormatException(name, 0, "no such file");
        }
        Format f = format == Format.AUTO ? detect(file, name, limits) : format;
        try (Reader r = open(file)) {
            return f == Format.JSONL ? readJsonl(r, name, limits) : readLeaderbot(r, name, limits);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Reader open(Path file) throws IOException {
        return new InputStreamReader(
                Files.newInputStream(file),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** Tells the format from the field names of the file's first object. */
    static Format detect(Path file, String name, Limits limits) {
        try (Reader r = new Bounded(open(file), limits.maxChars(), name);
                JsonParser p = JSON.createParser(r)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BattleFormatException(
                        name, line(p), "expected a JSON object (JSONL battles or leaderbot" + " JSON)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                switch (field) {
                    case "models", "X", "Y" -> {
                        return Format.LEADERBOT;
                    }
                    case "model_a", "model_b", "winner" -> {
                        return Format.JSONL;
                    }
                    default -> {
                        p.nextToken();
                        p.skipChildren();
                    }
                }
            }
            throw new BattleFormatException(
                    name,
                    line(p),
                    "cannot tell the format: the first object has neither"
                            + " model_a/model_b/winner (JSONL) nor models/X/Y (leaderbot); use --format");
        } catch (JsonProcessingException e) {
            throw new BattleFormatException(
                    name,
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ioProblem(name, e);
        }
    }

    /** Reads FastChat-style battles, one JSON object per line; blank lines are skipped. */
    public static BattleCounts readJsonl(Reader in, String name, Limits limits) {
        BattleCounts.Builder b = BattleCounts.builder();
        Set<String> models = new HashSet<>();
        StringBuilder line = new StringBuilder();
        long lineNo = 0;
        try (Reader r = new Bounded(in, limits.maxChars(), name)) {
            char[] buf = new char[1 << 16];
            int n;
            while ((n = r.read(buf)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lineNo++;
                        line.append(buf, start, i - start);
                        checkLength(line, limits, name, lineNo);
                        battle(line, name, lineNo, b, models, limits);
                        line.setLength(0);
                        start = i + 1;
                    }
                }
                line.append(buf, start, n - start);
                checkLength(line, limits, name, lineNo + 1);
            }
            if (!line.isEmpty()) {
                lineNo++;
                battle(line, name, lineNo, b, models, limits);
            }
        } catch (IOException e) {
            throw ioProblem(name, e);
        }
        if (b.pairCount() == 0) {
            throw new BattleFormatException(name, 0, "no battles");
        }
        return b.build();
    }

    private static void checkLength(StringBuilder line, Limits limits, String name, long lineNo) {
        if (line.length() > limits.maxLineChars()) {
            throw new BattleFormatException(name, lineNo, "line longer than " + limits.maxLineChars() + " characters");
        }
    }

    private static void battle(
            StringBuilder text, String name, long lineNo, BattleCounts.Builder b, Set<String> models, Limits limits) {
        String line = text.toString();
        if (line.isBlank()) {
            return;
        }
        String a = null;
        String bm = null;
        String winner = null;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BattleFormatException(name, lineNo, "expected one JSON object per line");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "model_a" -> a = string(p, v, field, name, lineNo);
                    case "model_b" -> bm = string(p, v, field, name, lineNo);
                    case "winner" -> winner = string(p, v, field, name, lineNo);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new BattleFormatException(name, lineNo, "more than one JSON value on the line");
            }
        } catch (JsonProcessingException e) {
            throw new BattleFormatException(name, lineNo, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ioProblem(name, e);
        }
        if (a == null || bm == null || winner == null) {
            throw new BattleFormatException(
                    name, lineNo, "missing " + (a == null ? "model_a" : bm == null ? "model_b" : "winner"));
        }
        String w = winner;
        Outcome o = Outcome.fromWire(winner)
                .orElseThrow(() -> new BattleFormatException(
                        name, lineNo, "winner must be model_a, model_b, tie or" + " 'tie (bothbad)', was " + quote(w)));
        model(a, models, name, lineNo, limits);
        model(bm, models, name, lineNo, limits);
        if (a.equals(bm)) {
            throw new BattleFormatException(name, lineNo, "model_a and model_b are the same model " + quote(a));
        }
        add(b, a, bm, o, 1, name, lineNo);
    }

    private static String string(JsonParser p, JsonToken v, String field, String name, long lineNo) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw new BattleFormatException(name, lineNo, field + " must be a string");
        }
        return p.getText();
    }

    private static void model(String m, Set<String> models, String name, long lineNo, Limits limits) {
        if (m.isBlank()) {
            throw new BattleFormatException(name, lineNo, "blank model name");
        }
        if (m.length() > limits.maxNameChars()) {
            throw new BattleFormatException(
                    name, lineNo, "model name longer than " + limits.maxNameChars() + " characters");
        }
        for (int i = 0; i < m.length(); i++) {
            if (Character.isISOControl(m.charAt(i))) { // names reach terminals and file names
                throw new BattleFormatException(name, lineNo, "control character in model name");
            }
        }
        if (models.add(m) && models.size() > limits.maxModels()) {
            throw new BattleFormatException(name, lineNo, "more than " + limits.maxModels() + " models");
        }
    }

    private static void add(BattleCounts.Builder b, String a, String bm, Outcome o, long n, String name, long line) {
        try {
            b.add(a, bm, o, n);
        } catch (IllegalArgumentException e) {
            throw new BattleFormatException(name, line, e.getMessage());
        }
    }

    /**
     * Reads leaderbot's aggregated JSON: {@code models} names the models, row k of {@code X} is a pair of indices
     * into it and row k of {@code Y} its counts [first wins, second wins, tie, both-bad tie]. Pairs may come in either
     * order and repeat (they add up).
     */
    public static BattleCounts readLeaderbot(Reader in, String name, Limits limits) {
        List<String> models = new ArrayList<>();
        List<int[]> xs = new ArrayList<>();
        List<long[]> ys = new ArrayList<>();
        List<Long> yLines = new ArrayList<>();
        boolean seenModels = false;
        boolean seenX = false;
        boolean seenY = false;
        try (Reader r = new Bounded(in, limits.maxChars(), name);
                JsonParser p = JSON.createParser(r)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BattleFormatException(name, line(p), "expected a JSON object {models, X, Y}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "models" -> {
                        seenModels = true;
                        expect(p, v, JsonToken.START_ARRAY, "models must be an array of names", name);
                        Set<String> seen = new HashSet<>();
                        while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                            expect(p, v, JsonToken.VALUE_STRING, "models must be an array of names", name);
                            String m = p.getText();
                            if (seen.contains(m)) {
                                throw new BattleFormatException(name, line(p), "model listed twice: " + quote(m));
                            }
                            model(m, seen, name, line(p), limits);
                            models.add(m);
                        }
                    }
                    case "X" -> {
                        seenX = true;
                        expect(p, v, JsonToken.START_ARRAY, "X must be an array of [i, j] pairs", name);
                        while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                            long[] row = row(p, v, 2, "X", xs.size(), name, limits);
                            if (row[0] > Integer.MAX_VALUE || row[1] > Integer.MAX_VALUE) {
                                throw new BattleFormatException(
                                        name, line(p), "X row " + xs.size() + ": model index out of range");
                            }
                            xs.add(new int[] {(int) row[0], (int) row[1]});
                        }
                    }
                    case "Y" -> {
                        seenY = true;
                        expect(p, v, JsonToken.START_ARRAY, "Y must be an array of count rows", name);
                        while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                            ys.add(row(p, v, 4, "Y", ys.size(), name, limits));
                            yLines.add(line(p));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new BattleFormatException(name, line(p), "data after the end of the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new BattleFormatException(
                    name,
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ioProblem(name, e);
        }
        if (!seenModels || !seenX || !seenY) {
            throw new BattleFormatException(name, 0, "leaderbot JSON needs the fields models, X and Y");
        }
        if (xs.size() != ys.size()) {
            throw new BattleFormatException(name, 0, "X has " + xs.size() + " rows but Y has " + ys.size());
        }
        BattleCounts.Builder b = BattleCounts.builder();
        for (int k = 0; k < xs.size(); k++) {
            int i = xs.get(k)[0];
            int j = xs.get(k)[1];
            long line = yLines.get(k);
            if (i >= models.size() || j >= models.size()) {
                throw new BattleFormatException(
                        name, line, "X row " + k + ": model index out of range (" + models.size() + " models)");
            }
            if (i == j) {
                throw new BattleFormatException(name, line, "X row " + k + ": a model cannot battle itself");
            }
            long[] y = ys.get(k);
            String a = models.get(i);
            String bm = models.get(j);
            add(b, a, bm, Outcome.A_WINS, y[0], name, line);
            add(b, a, bm, Outcome.B_WINS, y[1], name, line);
            add(b, a, bm, Outcome.TIE, y[2], name, line);
            add(b, a, bm, Outcome.TIE_BOTH_BAD, y[3], name, line);
        }
        if (b.pairCount() == 0) {
            throw new BattleFormatException(name, 0, "no battles");
        }
        return b.build();
    }

    private static long[] row(JsonParser p, JsonToken v, int size, String what, int k, String name, Limits limits)
            throws IOException {
        if (k >= limits.maxPairs()) {
            throw new BattleFormatException(name, line(p), "more than " + limits.maxPairs() + " rows in " + what);
        }
        String shape = what + " row " + k + " must be an array of " + size + " non-negative integers";
        expect(p, v, JsonToken.START_ARRAY, shape, name);
        long[] out = new long[size];
        int n = 0;
        while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(p, v, JsonToken.VALUE_NUMBER_INT, shape, name);
            if (n == size) {
                throw new BattleFormatException(name, line(p), shape + " (has more)");
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
                throw new BattleFormatException(name, line(p), shape + " (" + p.getText() + " is out of range)");
            }
            out[n++] = p.getLongValue();
        }
        if (n != size) {
            throw new BattleFormatException(
                    name,
                    line(p),
                    shape
                            + (what.equals("Y") && n == 3
                                    ? " (3 counts: leaderbot's older archive format, which drops both-bad ties, is not supported)"
                                    : " (has " + n + ")"));
        }
        return out;
    }

    private static void expect(JsonParser p, JsonToken got, JsonToken want, String message, String name) {
        if (got != want) {
            throw new BattleFormatException(name, line(p), message);
        }
    }

    private static long line(JsonParser p) {
        return p.currentLocation().getLineNr();
    }

    private static BattleFormatException ioProblem(String name, IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return new BattleFormatException(name, 0, "not UTF-8 text", e);
        }
        if (e.getCause() instanceof BattleFormatException bfe) {
            return bfe;
        }
        throw new UncheckedIOException("cannot read " + name, e);
    }

    private static String quote(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        StringBuilder out = new StringBuilder("'");
        cut.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
        return out.append("'").toString();
    }

    /** Stops reading past {@code max} characters, so a huge file fails early instead of filling memory. */
    private static final class Bounded extends FilterReader {
        private final long max;
        private final String name;
        private long seen;

        Bounded(Reader in, long max, String name) {
            super(in);
            this.max = max;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count(1);
            }
            return c;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            int n = super.read(cbuf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            seen += n;
            if (seen > max) {
                throw new BattleFormatException(name, 0, "file longer than " + max + " characters");
            }
        }
    }
}
