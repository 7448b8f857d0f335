package io.trustgate.assess.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * picklescan's test vectors (MIT, copied as bytes into test resources; live exploits: read, never loaded). Every
 * malicious vector must be flagged HIGH or CRITICAL, the benign ones must stay below HIGH (most are fully clean).
 */
class PicklescanVectorsTest {
    /** Vectors that are not attacks; everything else in the set is one. */
    private static final Set<String> BENIGN = Set.of(
            "benign0_v0.pkl",
            "benign0_v3.pkl",
            "benign0_v4.pkl",
            "pytorch_model.bin",
            "new_pytorch_model.bin",
            "int_array.npy",
            "int_arrays.npz",
            "int_arrays_compressed.npz",
            "object_array.npy",
            "object_arrays.npz",
            "object_arrays_compressed.npz",
            "not_a_pickle.bin",
            "benign_password_protected.zip",
            "bad_pytorch.pt");

    /** Benign vectors with no finding at all. */
    private static final Set<String> FULLY_CLEAN = Set.of(
            "benign0_v0.pkl",
            "benign0_v3.pkl",
            "benign0_v4.pkl",
            "pytorch_model.bin",
            "new_pytorch_model.bin",
            "int_array.npy",
            "int_arrays.npz",
            "int_arrays_compressed.npz",
            "not_a_pickle.bin");

    private final ArtifactScanner scanner = new ArtifactScanner();

    static Path root() {
        try {
            return Path.of(Objects.requireNonNull(PicklescanVectorsTest.class.getResource("/artifacts/picklescan"))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> vectors() throws Exception {
        try (Stream<Path> s = Files.walk(root().resolve("tests"))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyVectorGetsItsExpectedVerdict() throws Exception {
        List<Path> files = vectors();
        assertThat(files).hasSizeGreaterThanOrEqualTo(100);
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                    String name = f.getFileName().toString();
                    FileVerdict v = scanner.scanFile(f, name);
                    if (FULLY_CLEAN.contains(name)) {
                        assertThat(v).as(name + " findings: " + v.findings()).isInstanceOf(FileVerdict.Clean.class);
                    } else if (BENIGN.contains(name)) {
                        assertThat(v.worst())
                                .as(name + " " + v.findings())
                                .hasValueSatisfying(s ->
                                        assertThat(s.atLeast(Severity.HIGH)).isFalse());
                    } else {
                        assertThat(v.worst())
                                .as(name + " must be flagged")
                                .hasValueSatisfying(s ->
                                        assertThat(s.atLeast(Severity.HIGH)).isTrue());
                    }
                }));
    }

    private FileVerdict scan(String relative) {
        Path f = root().resolve("tests").resolve(relative);
        return scanner.scanFile(f, f.getFileName().toString());
    }

    private static boolean has(FileVerdict v, Rule rule, Severity s) {
        return v.findings().stream().anyMatch(f -> f.rule() == rule && f.severity() == s);
    }

    @Test
    void findsEvalBehindTheEncryptionFlagBypass() {
        for (String f : List.of("data/malicious1_0x1.zip", "data/malicious1_0x20.zip", "data/malicious1_0x40.zip")) {
            FileVerdict v = scan(f);
            assertThat(has(v, Rule.PICKLE_UNSAFE_GLOBAL, Severity.CRITICAL))
                    .as(f)
                    .isTrue();
        }
        assertThat(has(scan("data/malicious1_0x1.zip"), Rule.ZIP_FLAGS, Severity.MEDIUM))
                .isTrue();
    }

    @Test
    void readsEntriesWhoseCrcOrLocalNameDisagree() {
        assertThat(has(scan("data2/malicious1_crc.zip"), Rule.ZIP_CRC, Severity.MEDIUM))
                .isTrue();
        assertThat(has(scan("data2/malicious1_crc.zip"), Rule.PICKLE_UNSAFE_GLOBAL, Severity.CRITICAL))
                .isTrue();
        FileVerdict cd = scan("data/malicious1_central_directory.zip");
        assertThat(has(cd, Rule.ZIP_NAME_MISMATCH, Severity.HIGH)).isTrue();
        assertThat(has(cd, Rule.PICKLE_UNSAFE_GLOBAL, Severity.CRITICAL)).isTrue();
    }

    @Test
    void scansEveryPickleAfterAFakePytorchMagicNumber() {
        FileVerdict v = scan("data/pytorch_magic_bypass.pt");
        assertThat(v.findings().stream().filter(f -> f.rule() == Rule.PICKLE_UNSAFE_GLOBAL))
                .extracting(ArtifactFinding::reason)
                .anySatisfy(r -> assertThat(r).contains("eval"))
                .anySatisfy(r -> assertThat(r).contains("posix.system"));
    }

    @Test
    void resolvesStackGlobalThroughTheMemo() {
        // malicious11: module and name stored with PUT, popped, fetched back with GET before STACK_GLOBAL.
        assertThat(scan("data/malicious11.pkl").findings())
                .anySatisfy(f -> assertThat(f.reason()).contains("os.system"));
    }

    @Test
    void findsPicklesInsideUninspectableArchives() {
        assertThat(has(scan("data/malicious1.7z"), Rule.PICKLE_EMBEDDED, Severity.CRITICAL))
                .isTrue();
    }

    @Test
    void reportsAPngNamedLikeAPytorchFile() {
        assertThat(has(scan("data/bad_pytorch.pt"), Rule.FORMAT_MISMATCH, Severity.MEDIUM))
                .isTrue();
    }

    @Test
    void flagsModuleAttributeRewritesThroughBuild() {
        assertThat(has(scan("data/sys_module_override_sploit.pkl"), Rule.PICKLE_GLOBAL_STATE, Severity.CRITICAL))
                .isTrue();
    }

    @Test
    void treatsTheObjectArrayPayloadAsAPickle() {
        FileVerdict v = scan("data2/dns_exfiltration.npy");
        assertThat(has(v, Rule.NUMPY_OBJECT, Severity.LOW)).isTrue();
        assertThat(v.worst()).contains(Severity.CRITICAL);
    }

    @Test
    void reportsLocationsWithOffsetAndOpcodeIndex() {
        ArtifactFinding f = scan("data/malicious1_v4.pkl").findings().get(0);
        assertThat(f.location().offset()).isPositive();
        assertThat(f.location().index()).isPositive();
        assertThat(f.scanner()).isEqualTo("pickle");
    }
}
