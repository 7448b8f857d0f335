package io.trustgate.registry.openness;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.registry.imports.MotImporter;
import io.trustgate.registry.imports.OsaiImporter;
import io.trustgate.registry.profile.ModelProfile;
import io.trustgate.registry.profile.OsaiRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Imports every European Open Source AI Index file in ../shared/datasets/openness/osai-index and compares the index's
 * grades with the MOF class of the same model in the MOT files (joined on the Hugging Face id). Skipped when
 * ../shared is absent. Prints the figures reported in docs/registry.md.
 */
class OsaiVsMofTest {
    static final Path SHARED =
            Path.of("../../shared/datasets/openness").toAbsolutePath().normalize();

    @Test
    void importsEveryOsaiFileAndComparesWithMof() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SHARED.resolve("osai-index")), "../shared is absent: skipped");
        OsaiImporter osai = new OsaiImporter();
        List<ModelProfile> osaiProfiles = new ArrayList<>();
        try (Stream<Path> s = Files.list(SHARED.resolve("osai-index"))) {
            for (Path f : s.filter(p -> osai.accepts(p.getFileName().toString()))
                    .sorted()
                    .toList()) {
                osaiProfiles.add(osai.read(Files.readString(f), f.toString()));
            }
        }
        Map<OsaiRecord.Level, Integer> grades = new TreeMap<>();
        for (ModelProfile p : osaiProfiles) {
            p.osai().orElseThrow().grades().values().forEach(g -> grades.merge(g.level(), 1, Integer::sum));
        }
        System.out.println("OSAI files imported: " + osaiProfiles.size() + ", grades: " + grades);
        assertThat(osaiProfiles).hasSize(193);

        Map<String, MofResult> mofById = new HashMap<>();
        MotImporter mot = new MotImporter();
        try (Stream<Path> s = Files.list(SHARED.resolve("mot/models"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yml")).toList()) {
                ModelProfile p = mot.read(Files.readString(f), f.toString());
                mofById.put(
                        p.id().toLowerCase(Locale.ROOT),
                        MofClassifier.standard().classify(p.mof()));
            }
        }
        Map<String, int[]> byClass = new TreeMap<>();
        int joined = 0;
        for (ModelProfile p : osaiProfiles) {
            MofResult r = mofById.get(p.id().toLowerCase(Locale.ROOT));
            if (r == null) {
                continue;
            }
            joined++;
            OsaiRecord o = p.osai().orElseThrow();
            int[] acc = byClass.computeIfAbsent(r.mofClass().label(), k -> new int[4]);
            acc[0]++;
            acc[1] += o.count(OsaiRecord.Level.OPEN);
            acc[2] += o.count(OsaiRecord.Level.PARTIAL);
            acc[3] += o.count(OsaiRecord.Level.CLOSED);
            System.out.printf(
                    Locale.ROOT,
                    "  %s | %s | open %d partial %d closed %d | weights %s, datasources %s, licences %s%n",
                    p.id(),
                    r.mofClass().label(),
                    o.count(OsaiRecord.Level.OPEN),
                    o.count(OsaiRecord.Level.PARTIAL),
                    o.count(OsaiRecord.Level.CLOSED),
                    o.grades().get("weights_endmodel").level().key(),
                    o.grades().get("datasources_basemodel").level().key(),
                    o.grades().get("licenses").level().key());
        }
        System.out.println("OSAI files matched to a MOT file by Hugging Face id: " + joined);
        byClass.forEach((k, v) -> System.out.printf(
                Locale.ROOT,
                "  %s: %d models, mean OSAI open %.1f / partial %.1f / closed %.1f of 12%n",
                k,
                v[0],
                (double) v[1] / v[0],
                (double) v[2] / v[0],
                (double) v[3] / v[0]));
    }
}
