package io.trustgate.assess.artifacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Renders a scan report as a text table, JSON, or SARIF 2.1.0 (for code-scanning dashboards). */
public final class ScanReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScanReports() {}

    /** One line per finding (worst first per file), then a summary line. */
    public static String table(ScanReport r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-9s %-26s %-40s %s%n", "SEVERITY", "RULE", "LOCATION", "REASON"));
        for (FileVerdict f : r.files()) {
            for (ArtifactFinding x : f.findings()) {
                b.append(String.format(
                        Locale.ROOT,
                        "%-9s %-26s %-40s %s%n",
                        x.severity(),
                        x.rule().id(),
                        x.location().display(),
                        x.reason()));
            }
        }
        Map<Severity, Integer> c = r.counts();
        b.append(String.format(
                Locale.ROOT,
                "%d file(s), %d byte(s) scanned in %d ms: %d critical, %d high, %d medium, %d low%n",
                r.files().size(),
                r.bytes(),
                r.elapsed().toMillis(),
                c.get(Severity.CRITICAL),
                c.get(Severity.HIGH),
                c.get(Severity.MEDIUM),
                c.get(Severity.LOW)));
        return b.toString();
    }

    public static ObjectNode json(ScanReport r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("root", r.root());
        n.put("files_scanned", r.files().size());
        n.put("bytes", r.bytes());
        n.put("elapsed_ms", r.elapsed().toMillis());
        ObjectNode counts = n.putObject("counts");
        r.counts().forEach((s, k) -> counts.put(s.name().toLowerCase(Locale.ROOT), k));
        ArrayNode files = n.putArray("files");
        for (FileVerdict f : r.files()) {
            ObjectNode fn = files.addObject();
            fn.put("file", f.file());
            fn.put("format", f.format());
            fn.put("bytes", f.bytes());
            fn.put(
                    "verdict",
                    switch (f) {
                        case FileVerdict.Clean c -> "clean";
                        case FileVerdict.Flagged x -> "flagged";
                    });
            ArrayNode fs = fn.putArray("findings");
            for (ArtifactFinding x : f.findings()) {
                ObjectNode o = fs.addObject();
                o.put("severity", x.severity().name());
                o.put("rule", x.rule().id());
                o.put("scanner", x.scanner());
                o.put("reason", x.reason());
                o.put("file", x.location().file());
                o.put("entry", x.location().entry());
                o.put("offset", x.location().offset());
                o.put("opcode_index", x.location().index());
            }
        }
        return n;
    }

    /** SARIF 2.1.0: one run, the rules that fired, one result per finding. */
    public static ObjectNode sarif(ScanReport r, String toolVersion) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "trustgate-scan");
        driver.put("version", toolVersion);
        Set<Rule> fired = EnumSet.noneOf(Rule.class);
        r.findings().forEach(f -> fired.add(f.rule()));
        ArrayNode rules = driver.putArray("rules");
        for (Rule rule : fired) {
            ObjectNode rn = rules.addObject();
            rn.put("id", rule.id());
            rn.putObject("shortDescription").put("text", rule.description());
        }
        ArrayNode results = run.putArray("results");
        for (ArtifactFinding f : r.findings()) {
            ObjectNode res = results.addObject();
            res.put("ruleId", f.rule().id());
            res.put("level", level(f.severity()));
            res.putObject("message").put("text", f.reason());
            res.putObject("properties").put("severity", f.severity().name()).put("scanner", f.scanner());
            ObjectNode loc = res.putArray("locations").addObject();
            ObjectNode phys = loc.putObject("physicalLocation");
            phys.putObject("artifactLocation").put("uri", uri(f.location().file()));
            if (f.location().offset() >= 0 && f.location().entry().isEmpty()) {
                phys.putObject("region").put("byteOffset", f.location().offset());
            }
            ArrayNode logical = loc.putArray("logicalLocations");
            if (!f.location().entry().isEmpty()) {
                logical.addObject().put("name", f.location().entry()).put("kind", "archiveEntry");
            }
            if (f.location().index() >= 0) {
                logical.addObject()
                        .put("name", "opcode " + f.location().index())
                        .put("kind", "opcode");
            }
            if (!f.location().entry().isEmpty() && f.location().offset() >= 0) {
                logical.addObject().put("name", "byte " + f.location().offset()).put("kind", "entryOffset");
            }
            if (logical.isEmpty()) {
                loc.remove("logicalLocations");
            }
        }
        return root;
    }

    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "note";
        };
    }

    private static String uri(String file) {
        StringBuilder b = new StringBuilder();
        for (String seg : file.split("/", -1)) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(java.net.URLEncoder.encode(seg, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return b.toString();
    }
}
