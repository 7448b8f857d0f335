package io.trustgate.registry.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Checks the shipped model profiles generically (plain YAML, no profile loader): enough of them, required keys, a
 * source on every fact, unique ids, licence-terms keys that exist, no invented sizes for closed models.
 */
class ShippedCatalogTest {
    private static final Set<String> NUMERIC_FACTS =
            Set.of("parameters", "active-parameters", "training-compute-flop", "training-tokens");
    private static final Map<String, Map<?, ?>> PROFILES = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        URL dir = ShippedCatalogTest.class.getResource("/catalog/models");
        assertThat(dir).as("catalog folder on the class path").isNotNull();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path p :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    Object o = new Load(LoadSettings.builder()
                                    .setLabel(p.getFileName().toString())
                                    .build())
                            .loadFromInputStream(in);
                    assertThat(o).as(p.toString()).isInstanceOf(Map.class);
                    PROFILES.put(p.getFileName().toString(), (Map<?, ?>) o);
                }
            }
        }
    }

    @Test
    void shipsAtLeastTwentyFiveProfiles() {
        assertThat(PROFILES).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void everyProfileHasTheRequiredKeysAndValidEnums() {
        PROFILES.forEach((file, p) -> {
            for (String k : List.of("id", "name", "provider", "hosting", "weights", "licence")) {
                assertThat(p.get(k)).as(file + ": " + k).isNotNull();
            }
            assertThat(List.of("open", "closed")).as(file).contains(String.valueOf(p.get("weights")));
            assertThat((List<?>) p.get("hosting"))
                    .as(file)
                    .isNotEmpty()
                    .allMatch(h -> Set.of("self-hosted", "vendor-api").contains(String.valueOf(h)));
            if (p.get("osaid") instanceof Map<?, ?> o) {
                assertThat(Set.of("compliant", "non-compliant", "not-assessed"))
                        .as(file)
                        .contains(String.valueOf(o.get("value")));
            }
        });
    }

    @Test
    void idsAreUniqueAndMatchTheFileName() {
        Set<String> ids = new HashSet<>();
        PROFILES.forEach((file, p) -> {
            String id = String.valueOf(p.get("id"));
            assertThat(ids.add(id)).as("duplicate id " + id).isTrue();
            assertThat(file).isEqualTo(id.replace("/", "__") + ".yaml");
        });
        List<String> aliases = new ArrayList<>();
        PROFILES.values().forEach(p -> {
            if (p.get("aliases") instanceof List<?> l) {
                l.forEach(a -> aliases.add(String.valueOf(a)));
            }
        });
        assertThat(aliases).doesNotHaveDuplicates().noneMatch(ids::contains);
    }

    @Test
    void everyFactAndEvidenceRecordCitesASource() {
        PROFILES.forEach((file, p) -> walk(file, p));
    }

    private static void walk(String where, Object node) {
        if (node instanceof Map<?, ?> m) {
            boolean isFact = m.containsKey("value");
            boolean isRecord = m.containsKey("measurements") || m.containsKey("components");
            if (isFact || isRecord) {
                assertThat(String.valueOf(m.get("source")))
                        .as(where + " needs a source")
                        .isNotBlank()
                        .isNotEqualTo("null");
            }
            // measurements are numbers of a record that already has its source, not facts of their own
            m.forEach((k, v) -> {
                if (!"measurements".equals(k)) {
                    walk(where + "." + k, v);
                }
            });
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                walk(where + "[" + i + "]", l.get(i));
            }
        }
    }

    @Test
    void numbersArePositiveAndClosedModelsHaveNoInventedSizes() {
        PROFILES.forEach((file, p) -> {
            for (String k : NUMERIC_FACTS) {
                if (p.get(k) instanceof Map<?, ?> f) {
                    assertThat(f.get("value")).as(file + " " + k).isInstanceOf(Number.class);
                    assertThat(((Number) f.get("value")).doubleValue())
                            .as(file + " " + k)
                            .isPositive();
                }
            }
            if (p.get("active-parameters") instanceof Map<?, ?> a && p.get("parameters") instanceof Map<?, ?> t) {
                assertThat(((Number) a.get("value")).doubleValue())
                        .as(file)
                        .isLessThan(((Number) t.get("value")).doubleValue());
            }
            if ("closed".equals(p.get("weights"))) {
                assertThat(p.containsKey("parameters"))
                        .as(file + ": closed model sizes are unknown")
                        .isFalse();
            }
            if (p.get("evidence") instanceof List<?> ev) {
                for (Object e : ev) {
                    for (Object m : (List<?>) ((Map<?, ?>) e).get("measurements")) {
                        assertThat(((Number) ((Map<?, ?>) m).get("value")).doubleValue())
                                .as(file)
                                .isPositive();
                    }
                }
            }
        });
    }

    @Test
    void licenceTermsKeysExistAndLicenceIdsAreSpdxOrLicenseRef() {
        LicenceAnalyzer analyzer = LicenceAnalyzer.shipped();
        PROFILES.forEach((file, p) -> {
            Map<?, ?> licence = (Map<?, ?>) p.get("licence");
            String id = String.valueOf(((Map<?, ?>) licence.get("id")).get("value"));
            assertThat(id.startsWith("LicenseRef-") || analyzer.spdx().isKnown(id))
                    .as(file + ": " + id)
                    .isTrue();
            Object terms = licence.get("terms");
            assertThat(terms).as(file + ": licence.terms").isNotNull();
            assertThat(analyzer.terms().keys()).as(file).contains(String.valueOf(terms));
            // the profile's licence id must lead to the same terms, so either can be used to ask
            assertThat(analyzer.terms().find(id).map(LicenceTerms::key))
                    .as(file + ": " + id)
                    .contains(String.valueOf(terms));
        });
    }

    @Test
    void everyOpenModelHasItsLicenceAssessableForPlainCommercialUse() {
        LicenceAnalyzer analyzer = LicenceAnalyzer.shipped();
        UseCase internal = UseCase.builder()
                .commercial(true)
                .monthlyActiveUsers(1_000)
                .region("US")
                .build();
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        PROFILES.forEach((file, p) -> {
            String terms = String.valueOf(((Map<?, ?>) p.get("licence")).get("terms"));
            verdicts.put(
                    String.valueOf(p.get("id")),
                    analyzer.assess(terms, internal).verdict());
        });
        assertThat(verdicts.get("meta-llama/Llama-3.1-8B-Instruct")).isEqualTo(Verdict.ALLOWED);
        assertThat(verdicts.get("tiiuae/falcon-180B")).isEqualTo(Verdict.UNKNOWN);
        assertThat(verdicts.get("gpt-4o")).isEqualTo(Verdict.ALLOWED);
    }
}
