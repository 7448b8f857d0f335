package io.trustgate.registry.openness;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.registry.imports.MotImporter;
import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.ProfileYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Classifies every MOT model file in ../shared/datasets/openness/mot/models (skipped when that folder is absent) and
 * prints the class distribution reported in docs/registry.md.
 */
class MotCatalogTest {
    static final Path MODELS = Path.of("../../shared/datasets/openness/mot/models");

    @Test
    void classifiesEveryModelOpennessToolModelFile() throws Exception {
        Path models = MODELS.toAbsolutePath().normalize();
        Assumptions.assumeTrue(
                Files.isDirectory(models),
                "MOT model files not found at " + models + " (../shared is absent): skipped");
        List<Path> files;
        try (Stream<Path> s = Files.list(models)) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        Map<MofClass, Integer> dist = new EnumMap<>(MofClass.class);
        java.util.Set<String> ids = new java.util.HashSet<>();
        MofClassifier classifier = MofClassifier.standard();
        MotImporter importer = new MotImporter();
        for (Path f : files) {
            ModelProfile p = importer.read(Files.readString(f), f.toString());
            if (!ids.add(p.id())) {
                // MOT keys models by release name; a second file with the same name updates the first there.
                System.out.println("MOT file with an id seen before: " + p.id() + " (" + f.getFileName() + ")");
            }
            MofResult r = classifier.classify(p.mof());
            dist.merge(r.mofClass(), 1, Integer::sum);
            if (r.mofClass() != MofClass.UNCLASSIFIED) {
                System.out.println("  " + r.mofClass().label() + ": " + p.name() + " (" + p.provider() + ")");
            }
            // The written profile keeps the resolved licences: it classifies the same.
            ModelProfile back = ProfileYaml.read(ProfileYaml.write(p), f.toString());
            assertThat(classifier.classify(back.mof()).mofClass()).isEqualTo(r.mofClass());
        }
        System.out.println(
                "MOT model files: " + files.size() + ", distinct ids: " + ids.size() + ", MOF classes: " + dist);
        assertThat(files).hasSize(273);
        assertThat(dist)
                .containsEntry(MofClass.CLASS_I, 14)
                .containsEntry(MofClass.CLASS_II, 1)
                .containsEntry(MofClass.CLASS_III, 16)
                .containsEntry(MofClass.UNCLASSIFIED, 242);
    }
}
