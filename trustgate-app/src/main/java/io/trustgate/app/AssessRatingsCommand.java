package io.trustgate.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustgate.api.evidence.Evidence;
import io.trustgate.api.evidence.EvidenceKind;
import io.trustgate.api.evidence.Measurement;
import io.trustgate.assess.ratings.Anchor;
import io.trustgate.assess.ratings.ArenaRatings;
import io.trustgate.assess.ratings.BattleCounts;
import io.trustgate.assess.ratings.BattleFormatException;
import io.trustgate.assess.ratings.BattleReader;
import io.trustgate.assess.ratings.ModelRating;
import io.trustgate.assess.ratings.RatingOptions;
import io.trustgate.assess.ratings.RatingResult;
import io.trustgate.assess.ratings.Solver;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trustgate assess ratings}: Bradley-Terry ratings on the Elo scale, as Chatbot Arena computes them, from a
 * file of pairwise battles, with bootstrap intervals; optionally stored as evidence on each model. Exit codes: 0
 * done, 1 no finite fit (the message names the models), 2 bad usage or an unreadable battle file.
 */
@Command(
        name = "ratings",
        mixinStandardHelpOptions = true,
        description = "Rate models from pairwise battles (Bradley-Terry on the Elo scale, as Chatbot Arena) with"
                + " bootstrap 95%% intervals.")
final class AssessRatingsCommand implements Callable<Integer> {
    @Mixin
    StateOptions state;

    @Option(
            names = "--battles",
            required = true,
            paramLabel = "FILE",
            description = "Battles: JSONL, one {\"model_a\", \"model_b\", \"winner\"} per line (FastChat's clean"
                    + " battles), or leaderbot's aggregated JSON {models, X, Y}.")
    Path battles;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "auto",
            description = "auto (default: from the first object's fields), jsonl or leaderbot.")
    String format;

    @Option(
            names = "--bootstrap",
            paramLabel = "N",
            defaultValue = "100",
            description = "Bootstrap rounds for the intervals (default 100, as Chatbot Arena; 0: no intervals).")
    int rounds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Bootstrap seed (default 0).")
    long seed;

    @Option(
            names = "--anchor",
            paramLabel = "MODEL=RATING",
            description = "Fix one model's rating, or 'mean' for a mean of 1000. Default: mixtral-8x7b-instruct-v0.1"
                    + "=1114 when it took part, else the mean (FastChat's default).")
    String anchor;

    @Option(
            names = "--solver",
            paramLabel = "SOLVER",
            defaultValue = "fastchat",
            description = "fastchat (default: stops where FastChat's L-BFGS-B stops, reproducing Chatbot Arena's"
                    + " figures) or exact (Newton to the exact maximum).")
    String solver;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Bootstrap rounds fitted in parallel (default: the number of cores).")
    Integer threads;

    @Option(names = "--json", description = "Print JSON: a list of {model, rating, lower, upper, battles}.")
    boolean json;

    @Option(
            names = "--evidence",
            description = "Store one RATING evidence record (arena-rating) per model under <data-dir>/evidence.")
    boolean evidence;

    @Option(names = "--timing", description = "Print read, fit and bootstrap times to stderr.")
    boolean timing;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (Files.isDirectory(battles)) {
            throw new CliException(battles + " is a directory, not a battle file", 2);
        }
        if (!Files.exists(battles)) {
            throw new CliException("battle file not found: " + battles, 2);
        }
        if (!Files.isRegularFile(battles)) {
            throw new CliException(battles + " is not a regular file (a device or a pipe), not a battle file", 2);
        }
        RatingOptions options = options();
        long t0 = System.nanoTime();
        BattleCounts counts;
        try {
            counts = BattleReader.read(battles, parseFormat());
        } catch (BattleFormatException e) {
            throw new CliException(e.getMessage(), 2);
        }
        long t1 = System.nanoTime();
        RatingResult result;
        try {
            result = ArenaRatings.rate(counts, options);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), 1);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (timing) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf(
                    Locale.ROOT,
                    "read %d battles (%d models, %d pairs) in %d ms; fit in %.1f ms; bootstrap %d rounds on %d"
                            + " threads in %d ms%n",
                    counts.total(),
                    counts.models().size(),
                    counts.pairs(),
                    (t1 - t0) / 1_000_000,
                    result.fitTime().toNanos() / 1e6,
                    result.bootstrapRounds(),
                    options.threads(),
                    result.bootstrapTime().toMillis());
            err.flush();
        }
        if (evidence) {
            writeEvidence(result, options);
        }
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ArrayNode arr = m.createArrayNode();
            for (ModelRating r : result.ratings()) {
                ObjectNode n = arr.addObject();
                n.put("model", r.model());
                n.put("rating", round2(r.rating()));
                n.put("lower", round2(r.lower()));
                n.put("upper", round2(r.upper()));
                n.put("battles", r.battles());
            }
            out.println(arr.toPrettyString());
        } else {
            Table t = new Table("rank", "model", "rating", "95% interval", "battles");
            int rank = 1;
            for (ModelRating r : result.ratings()) {
                t.row(
                        Integer.toString(rank++),
                        r.model(),
                        String.format(Locale.ROOT, "%.1f", r.rating()),
                        result.roundsUsed() == 0
                                ? "-"
                                : String.format(
                                        Locale.ROOT,
                                        "%.1f..%.1f (%+.1f/%+.1f)",
                                        r.lower(),
                                        r.upper(),
                                        r.lower() - r.rating(),
                                        r.upper() - r.rating()),
                        Long.toString(r.battles()));
            }
            t.print(out, "no models");
            out.printf(
                    Locale.ROOT,
                    "%d models, %d battles; %s%n",
                    result.ratings().size(),
                    result.battles(),
                    result.bootstrapRounds() == 0
                            ? "no bootstrap"
                            : result.roundsUsed() + " of " + result.bootstrapRounds() + " bootstrap rounds used (seed "
                                    + seed + ")");
        }
        out.flush();
        return 0;
    }

    private RatingOptions options() {
        if (rounds < 0 || rounds > RatingOptions.MAX_ROUNDS) {
            throw new CliException("--bootstrap must be in 0.." + RatingOptions.MAX_ROUNDS + ", was " + rounds, 2);
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new CliException("--threads must be >= 1, was " + n, 2);
        }
        Solver s = switch (solver.toLowerCase(Locale.ROOT)) {
            case "fastchat" -> Solver.FASTCHAT;
            case "exact" -> Solver.EXACT;
            default -> throw new CliException("--solver must be fastchat or exact, was " + solver, 2);
        };
        return RatingOptions.arena()
                .withAnchor(parseAnchor())
                .withBootstrap(rounds, seed)
                .withThreads(n)
                .withSolver(s);
    }

    private BattleReader.Format parseFormat() {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "auto" -> BattleReader.Format.AUTO;
            case "jsonl" -> BattleReader.Format.JSONL;
            case "leaderbot" -> BattleReader.Format.LEADERBOT;
            default -> throw new CliException("--format must be auto, jsonl or leaderbot, was " + format, 2);
        };
    }

    private Anchor parseAnchor() {
        if (anchor == null) {
            return Anchor.ARENA;
        }
        if (anchor.equalsIgnoreCase("mean")) {
            return new Anchor.Mean();
        }
        int eq = anchor.lastIndexOf('=');
        if (eq <= 0 || eq == anchor.length() - 1) {
            throw new CliException("--anchor must be MODEL=RATING or mean, was " + anchor, 2);
        }
        try {
            return new Anchor.Fixed(anchor.substring(0, eq), Double.parseDouble(anchor.substring(eq + 1)));
        } catch (IllegalArgumentException e) {
            throw new CliException("--anchor must be MODEL=RATING with a finite number, was " + anchor, 2);
        }
    }

    private void writeEvidence(RatingResult result, RatingOptions options) {
        EvidenceFiles files = new EvidenceFiles(state.dataDir());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String source = "battles " + battles.getFileName() + " (sha256 "
                + sha256(battles).substring(0, 16) + ")";
        String anchorText = switch (options.anchor()) {
            case Anchor.Mean m -> "mean " + options.scale().initial();
            case Anchor.Fixed f -> f.model() + "=" + f.rating();
            case Anchor.FixedIfPresent f -> f.model() + "=" + f.rating() + " if present, else mean";
        };
        String method = "Bradley-Terry maximum likelihood on the Elo scale (base 10, scale 400, initial 1000), ties as"
                + " half a win, solver " + options.solver().name().toLowerCase(Locale.ROOT) + ", anchor "
                + anchorText + "; 95% percentile bootstrap over " + result.roundsUsed() + " rounds (seed "
                + options.seed() + ")";
        for (ModelRating r : result.ratings()) {
            List<String> notes = new ArrayList<>();
            notes.add("relative to the " + result.ratings().size() + " models rated together from " + result.battles()
                    + " battles; not comparable with ratings from other battle sets");
            double lower = Math.min(r.lower(), r.rating());
            double upper = Math.max(r.upper(), r.rating());
            if (lower != r.lower() || upper != r.upper()) {
                notes.add("bootstrap interval " + r.lower() + ".." + r.upper() + " widened to contain the rating");
            }
            files.write(new Evidence(
                    r.model(),
                    EvidenceKind.RATING,
                    "arena-rating",
                    source,
                    today,
                    method,
                    List.of(new Measurement("rating", r.rating(), lower, upper, r.battles())),
                    notes));
        }
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            DigestInputStream d = (DigestInputStream) in;
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(d.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
