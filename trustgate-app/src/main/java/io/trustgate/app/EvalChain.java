package io.trustgate.app;

import io.trustgate.api.Action;
import io.trustgate.api.ScanText;
import io.trustgate.firewall.FirewallChain;
import io.trustgate.firewall.ScannerOptions;
import io.trustgate.firewall.Scanners;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The scanners one {@code trustgate firewall eval} run measures together, resolved from the command line: each with
 * its threshold and options, and the stage they run at. Every member goes into one chain with action FLAG, so a text
 * is positive when any member reports a finding at or above its own threshold, as in a chain whose rules all block.
 * Any mistake on the command line is a {@link CliException} with exit status 2.
 *
 * @param members the scanners in the order given
 * @param stage the stage all of them run at
 * @param defaultThreshold the threshold of members without a {@code NAME=T} of their own
 */
record EvalChain(List<EvalChain.Member> members, ScanText.Stage stage, double defaultThreshold) {
    /** The threshold of a member that none is given for, a rule's default in the configuration. */
    static final double DEFAULT_THRESHOLD = 0.5;

    /** One scanner of the run. */
    record Member(Scanners.Spec spec, double threshold, ScannerOptions options) {
        String name() {
            return spec.name();
        }
    }

    EvalChain {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no scanner");
        }
    }

    boolean several() {
        return members.size() > 1;
    }

    /** The names, comma-separated as {@code --scanner} takes them. */
    String names() {
        return String.join(",", members.stream().map(Member::name).toList());
    }

    /** Builds the members' scanners into one chain with action FLAG; a bad option is a CliException. */
    FirewallChain chain() {
        List<FirewallChain.Rule> rules = new ArrayList<>();
        for (Member m : members) {
            io.trustgate.api.Scanner sc;
            try {
                sc = Scanners.create(m.name(), m.options());
            } catch (IllegalArgumentException e) {
                throw new CliException("scanner '" + m.name() + "': " + e.getMessage(), 2);
            }
            rules.add(new FirewallChain.Rule(sc, Action.FLAG, m.threshold()));
        }
        return Scanners.chain(rules);
    }

    /**
     * Resolves the command line.
     *
     * @param scannerArgs {@code --scanner} values, each one name or several comma-separated
     * @param thresholdArgs {@code --threshold} values: {@code T} for all, or {@code NAME=T} for one member
     * @param optionArgs {@code --option} values: {@code KEY=VALUE}, or {@code NAME.KEY=VALUE} for one member
     * @param stageArg {@code --stage}, empty for the default
     */
    static EvalChain resolve(
            List<String> scannerArgs, List<String> thresholdArgs, List<String> optionArgs, Optional<String> stageArg) {
        List<String> names = new ArrayList<>();
        for (String arg : scannerArgs) {
            for (String n : arg.split(",", -1)) {
                String name = n.strip();
                if (name.isEmpty()) {
                    throw new CliException("--scanner has an empty name in '" + arg + "'", 2);
                }
                if (names.contains(name)) {
                    throw new CliException("--scanner names '" + name + "' twice", 2);
                }
                names.add(name);
            }
        }
        // Thresholds first, as before several scanners were allowed: a bad bare threshold is reported first.
        double all = DEFAULT_THRESHOLD;
        boolean bareSeen = false;
        Map<String, Double> own = new LinkedHashMap<>();
        for (String arg : thresholdArgs) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                if (bareSeen) {
                    throw new CliException("--threshold T is given twice; use --threshold NAME=T for one scanner", 2);
                }
                bareSeen = true;
                all = threshold(arg, "--threshold");
            } else {
                String name = arg.substring(0, eq).strip();
                if (!names.contains(name)) {
                    throw new CliException(
                            "--threshold " + arg + " names scanner '" + name + "', which is not among --scanner ("
                                    + String.join(", ", names) + ")",
                            2);
                }
                if (own.put(name, threshold(arg.substring(eq + 1), "--threshold " + name + "=T")) != null) {
                    throw new CliException("--threshold " + name + "=T is given twice", 2);
                }
            }
        }
        List<Scanners.Spec> specs = new ArrayList<>();
        for (String name : names) {
            specs.add(Scanners.spec(name)
                    .orElseThrow(() -> new CliException(
                            "unknown scanner '" + name + "', known: "
                                    + String.join(
                                            ", ",
                                            Scanners.specs().stream()
                                                    .map(Scanners.Spec::name)
                                                    .toList()),
                            2)));
        }
        ScanText.Stage stage = stage(specs, stageArg);
        Map<String, Map<String, Object>> options = options(names, optionArgs);
        List<Member> members = new ArrayList<>();
        for (Scanners.Spec s : specs) {
            members.add(new Member(
                    s, own.getOrDefault(s.name(), all), new ScannerOptions(options.getOrDefault(s.name(), Map.of()))));
        }
        return new EvalChain(members, stage, all);
    }

    private static double threshold(String value, String what) {
        double t;
        try {
            t = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new CliException(what + " takes a number in [0, 1], was '" + value + "'", 2);
        }
        if (!(t >= 0 && t <= 1)) {
            throw new CliException(what + " must be in [0, 1], was " + t, 2);
        }
        return t;
    }

    /**
     * The stage: the one asked for, which every member must support; by default input, or output when a member runs
     * only there. Members that run only at different stages never meet in one chain, so that is an error.
     */
    private static ScanText.Stage stage(List<Scanners.Spec> specs, Optional<String> stageArg) {
        if (stageArg.isPresent()) {
            String asked = stageArg.get();
            ScanText.Stage st = switch (asked.toLowerCase(Locale.ROOT)) {
                case "input" -> ScanText.Stage.INPUT;
                case "output" -> ScanText.Stage.OUTPUT;
                default -> throw new CliException("--stage takes input or output, was '" + asked + "'", 2);
            };
            for (Scanners.Spec s : specs) {
                if (!s.stages().contains(st)) {
                    throw new CliException("scanner '" + s.name() + "' does not run at the " + asked + " stage", 2);
                }
            }
            return st;
        }
        Optional<Scanners.Spec> inputOnly = specs.stream()
                .filter(s -> !s.stages().contains(ScanText.Stage.OUTPUT))
                .findFirst();
        Optional<Scanners.Spec> outputOnly = specs.stream()
                .filter(s -> !s.stages().contains(ScanText.Stage.INPUT))
                .findFirst();
        if (inputOnly.isPresent() && outputOnly.isPresent()) {
            throw new CliException(
                    "scanners run at different stages: '" + inputOnly.get().name() + "' only at input, '"
                            + outputOnly.get().name() + "' only at output; measure them separately",
                    2);
        }
        return outputOnly.isPresent() ? ScanText.Stage.OUTPUT : ScanText.Stage.INPUT;
    }

    /**
     * Splits {@code --option}s by member. With one scanner a bare {@code KEY} is its option, as always; with several,
     * each key must name its member ({@code NAME.KEY}), since scanners share option names (allowed, substrings...).
     */
    private static Map<String, Map<String, Object>> options(List<String> names, List<String> optionArgs) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String o : optionArgs) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new CliException("--option takes KEY=VALUE, was '" + o + "'", 2);
            }
            String key = o.substring(0, eq);
            String v = o.substring(eq + 1);
            int dot = key.indexOf('.');
            String member = dot > 0 ? key.substring(0, dot) : "";
            String target;
            if (names.contains(member)) {
                target = member;
                key = key.substring(dot + 1);
            } else if (names.size() == 1) {
                target = names.get(0);
            } else if (dot > 0) {
                throw new CliException(
                        "--option " + o + " names scanner '" + member + "', which is not among --scanner ("
                                + String.join(", ", names) + ")",
                        2);
            } else {
                throw new CliException(
                        "--option " + o + ": with several scanners, prefix the key with its scanner: --option "
                                + names.get(0) + "." + o,
                        2);
            }
            if (key.isEmpty()) {
                throw new CliException("--option takes KEY=VALUE, was '" + o + "'", 2);
            }
            out.computeIfAbsent(target, k -> new LinkedHashMap<>())
                    .put(key, v.contains(",") ? List.of(v.split(",")) : v);
        }
        return out;
    }
}
