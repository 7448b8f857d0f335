package io.trustgate.registry.openness;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.registry.imports.MotImporter;
import io.trustgate.registry.profile.ModelProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Model Openness Tool's own test files and its REST output for them (src/test/resources/mot, MIT): our classifier
 * must give the same class and the same progress figures, exactly.
 */
class MofGoldenTest {
    static final Path DATA = Path.of("src/test/resources/mot/Test_Data");

    /** name -> {class, p1, p2, p3} from MOT's REST output (lenient: it has trailing commas). */
    static Map<String, double[]> expected() throws Exception {
        String json = Files.readString(DATA.resolve("expected_results.json"));
        Map<String, double[]> out = new HashMap<>();
        Pattern model = Pattern.compile(
                "\"release\":\\s*\\{\\s*\"name\":\\s*\"([^\"]+)\".*?\"classification\":\\s*\\{\\s*\"class\":\\s*(\\d),"
                        + "\\s*\"label\":\\s*\"([^\"]+)\",\\s*\"progress\":\\s*\\{\\s*\"1\":\\s*([0-9.]+),\\s*\"2\":\\s*([0-9.]+),"
                        + "\\s*\"3\":\\s*([0-9.]+)",
                Pattern.DOTALL);
        Matcher m = model.matcher(json);
        while (m.find()) {
            out.put(m.group(1), new double[] {
                Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(4)),
                Double.parseDouble(m.group(5)),
                Double.parseDouble(m.group(6))
            });
            assertThat(MofClass.of(Integer.parseInt(m.group(2))).label()).isEqualTo(m.group(3));
        }
        return out;
    }

    @Test
    void reproducesTheModelOpennessToolResultsExactly() throws Exception {
        Map<String, double[]> expected = expected();
        assertThat(expected).hasSize(27);
        MofClassifier classifier = MofClassifier.standard();
        List<Path> files;
        try (Stream<Path> s = Files.list(DATA)) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).hasSize(27);
        int classified = 0;
        for (Path f : files) {
            ModelProfile p = new MotImporter().read(Files.readString(f), f.toString());
            double[] e = expected.get(p.name());
            assertThat(e).as("expected result for %s", p.name()).isNotNull();
            MofResult r = classifier.classify(p.mof());
            assertThat(r.mofClass().number()).as(p.name()).isEqualTo((int) e[0]);
            assertThat(r.progress(1)).as(p.name() + " class I progress").isEqualTo(e[1]);
            assertThat(r.progress(2)).as(p.name() + " class II progress").isEqualTo(e[2]);
            assertThat(r.progress(3)).as(p.name() + " class III progress").isEqualTo(e[3]);
            classified += r.mofClass() == MofClass.UNCLASSIFIED ? 0 : 1;
        }
        assertThat(classified).isEqualTo(6);
    }

    @Test
    void aResearchPaperStandsInForTheTechnicalReport() {
        Map<MofComponent, String> r = new java.util.EnumMap<>(MofComponent.class);
        for (MofComponent c : List.of(
                MofComponent.MODEL_ARCHITECTURE,
                MofComponent.MODEL_PARAMETERS_FINAL,
                MofComponent.MODEL_CARD,
                MofComponent.DATA_CARD,
                MofComponent.EVALUATION_RESULTS,
                MofComponent.RESEARCH_PAPER)) {
            r.put(c, c.type() == MofComponent.ContentType.CODE ? "MIT" : "CC-BY-4.0");
        }
        MofResult res = MofClassifier.standard().classify(r);
        assertThat(res.mofClass()).isEqualTo(MofClass.CLASS_III);
        assertThat(res.progress(3)).isEqualTo(100.0);
    }

    @Test
    void aLicenceThatIsNotOpenKeepsTheModelUnclassified() {
        Map<MofComponent, String> r = new java.util.EnumMap<>(MofComponent.class);
        for (MofComponent c : MofComponent.values()) {
            r.put(c, "Apache-2.0");
        }
        assertThat(MofClassifier.standard().classify(r).mofClass()).isEqualTo(MofClass.CLASS_I);
        r.put(MofComponent.MODEL_PARAMETERS_FINAL, "LicenseRef-Llama-3.1-Community");
        MofResult res = MofClassifier.standard().classify(r);
        assertThat(res.mofClass()).isEqualTo(MofClass.UNCLASSIFIED);
        assertThat(res.status().get(MofComponent.MODEL_PARAMETERS_FINAL)).isEqualTo(MofResult.Status.NOT_OPEN);
        assertThat(res.progress(2)).isZero();
    }

    @Test
    void openLicencesFollowTheToolsLists() {
        MofLicences l = MofLicences.shipped();
        assertThat(l.isOpen("MIT")).isTrue();
        assertThat(l.isOpen("CC-BY-4.0")).isTrue();
        assertThat(l.isOpen("OpenMDW-1.0")).isTrue();
        assertThat(l.isOpen("CC-BY-NC-4.0")).isFalse();
        assertThat(l.isOpen("mit")).isFalse();
        assertThat(l.isTypeAppropriate("CC-BY-4.0", MofComponent.ContentType.DOCUMENT))
                .isTrue();
        assertThat(l.isTypeAppropriate("MIT", MofComponent.ContentType.DATA)).isFalse();
        assertThat(l.canonicalId("apache-2.0")).contains("Apache-2.0");
        assertThat(l.canonicalId("MIT License")).contains("MIT");
        assertThat(MofComponent.values()).hasSize(17);
    }
}
