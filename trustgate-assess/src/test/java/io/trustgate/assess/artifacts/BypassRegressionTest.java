package io.trustgate.assess.artifacts;

import static io.trustgate.assess.artifacts.Build.ascii;
import static io.trustgate.assess.artifacts.Build.concat;
import static io.trustgate.assess.artifacts.Build.shortUnicode;
import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.assess.artifacts.Build.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * Bypasses reported against picklescan, ModelScan and fickling, rebuilt from their descriptions (each test names the
 * report). Every one must be flagged HIGH or CRITICAL here.
 */
class BypassRegressionTest {
    private final ArtifactScanner scanner = new ArtifactScanner();

    private Severity worst(String name, byte[] data) {
        FileVerdict v = scanner.scanBytes(name, data);
        return v.worst().orElseThrow(() -> new AssertionError(name + " was not flagged"));
    }

    private void flagged(String name, byte[] data) {
        assertThat(worst(name, data).atLeast(Severity.HIGH)).as(name).isTrue();
    }

    @Test
    void pipMainInstallsAPackage() {
        // CVE-2025-1716: picklescan did not treat pip as unsafe.
        assertThat(worst("p.pkl", Build.globalCall("pip", "main", "install evil")))
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void torchHubAndNestedLoaders() {
        assertThat(worst("h.pkl", Build.globalCall("torch.hub", "load", "evil/repo")))
                .isEqualTo(Severity.CRITICAL);
        assertThat(worst("l.pkl", Build.globalCall("torch", "load", "other.pt")))
                .isEqualTo(Severity.CRITICAL);
        // ModelScan #267: pickle.loads on an inner pickle.
        assertThat(worst("n.pkl", Build.stackGlobalCall("pickle", "loads", "x")))
                .isEqualTo(Severity.CRITICAL);
        assertThat(worst("n2.pkl", Build.stackGlobalCall("_pickle", "loads", "x")))
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void importlibAndGetattrChains() {
        // ModelScan #331: importlib.import_module, then builtins.getattr on its result.
        byte[] chain = concat(
                new byte[] {(byte) 0x80, 4},
                shortUnicode("importlib"),
                shortUnicode("import_module"),
                new byte[] {(byte) 0x93, (byte) 0x94},
                shortUnicode("builtins"),
                new byte[] {(byte) 0x85, 'R', (byte) 0x94},
                shortUnicode("builtins"),
                shortUnicode("getattr"),
                new byte[] {(byte) 0x93, (byte) 0x94, 'h', 2, 'h', 1},
                shortUnicode("exec"),
                new byte[] {(byte) 0x86, 'R', '.'});
        assertThat(worst("c.pkl", chain)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void marshalAndCodeObjectChains() {
        assertThat(worst("m.pkl", Build.globalCall("marshal", "loads", "code"))).isEqualTo(Severity.CRITICAL);
        assertThat(worst("t.pkl", Build.globalCall("types", "FunctionType", "code")))
                .isEqualTo(Severity.CRITICAL);
        assertThat(worst("r.pkl", Build.globalCall("runpy", "_run_code", "code")))
                .isEqualTo(Severity.CRITICAL);
        // pkgutil.resolve_name resolves any dotted name at load time (reported as a universal picklescan bypass).
        assertThat(worst("k.pkl", Build.globalCall("pkgutil", "resolve_name", "os:system")))
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void gadgetsOutsideAnyDenyListStillCountAsCalls() {
        // ModelScan #338: torch.utils.collect_env.run, multiprocessing.util.spawnv_passfds, pandas read_csv.
        flagged("a.pkl", Build.globalCall("torch.utils.collect_env", "run", "id"));
        flagged("b.pkl", Build.globalCall("multiprocessing.util", "spawnv_passfds", "/bin/sh"));
        flagged("c.pkl", Build.globalCall("pandas.io.parsers.readers", "read_csv", "https://x"));
    }

    @Test
    void memoPaddingDoesNotHideStackGlobalOperands() {
        // agent-bom #3326: operands stored in the memo, padding strings pushed, operands fetched back by BINGET.
        byte[] p = concat(
                new byte[] {(byte) 0x80, 4},
                shortUnicode("os"),
                new byte[] {'q', 7, '0'},
                shortUnicode("system"),
                new byte[] {'q', 8, '0'},
                shortUnicode("pad1"),
                shortUnicode("pad2"),
                new byte[] {'0', '0', 'h', 7, 'h', 8, (byte) 0x93},
                shortUnicode("id"),
                new byte[] {(byte) 0x85, 'R', '.'});
        assertThat(worst("memo.pkl", p)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void numpyBuiltinsThroughBuild() {
        // ModelScan #330: allow-listed module, attributes rewritten with BUILD, then a call of the result.
        byte[] p = concat(
                new byte[] {(byte) 0x80, 4},
                shortUnicode("numpy"),
                shortUnicode("size"),
                new byte[] {(byte) 0x93, (byte) 0x94, (byte) 0x94},
                shortUnicode("numpy"),
                shortUnicode("__builtins__"),
                new byte[] {(byte) 0x93, (byte) 0x94, (byte) 0x94, 'h', 1, '}', '}'},
                shortUnicode("shape"),
                new byte[] {'h', 3, 's', (byte) 0x86, 'b', 'h', 1, 'h', 1},
                shortUnicode("eval"),
                new byte[] {(byte) 0x86, 'R'},
                shortUnicode("print(1)"),
                new byte[] {(byte) 0x85, 'R', '.'});
        assertThat(worst("np.pkl", p)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void poppedCallResultsAreStillCalls() {
        // fickling: a call whose result is POPped vanished from its AST.
        byte[] p = concat(Build.globalCall("os", "system", "id"));
        p[p.length - 1] = '0';
        p = concat(p, new byte[] {'N', '.'});
        assertThat(worst("pop.pkl", p)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void oddExtensionsAndNamesInsideArchives() {
        // GHSA-769v-p64c-89pr: pickles in PyTorch zips under non-standard names.
        byte[] zip = Build.zip(new ZipEntry("archive/weights.txt", Build.globalCall("os", "system", "id")));
        assertThat(worst("model.pt", zip)).isEqualTo(Severity.CRITICAL);
        // modelaudit #624: protocol 0 pickle in an entry named like text.
        byte[] p0 = ascii("cos\nsystem\n(S'id'\ntR.");
        assertThat(worst("z.zip", Build.zip(new ZipEntry("notes.txt", p0)))).isEqualTo(Severity.CRITICAL);
        assertThat(worst("model.weights", p0)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aBrokenEntryDoesNotHideTheNextOne() {
        // ModelScan #354: a corrupt entry before archive/data.pkl aborted the whole archive.
        byte[] zip = Build.zip(
                new ZipEntry("archive/a.pkl", "archive/a.pkl", ascii("not deflate"), 0, true, false),
                new ZipEntry("archive/data.pkl", Build.globalCall("builtins", "eval", "1")));
        byte[] broken = zip.clone();
        broken[8] = 8; // claim deflate for stored garbage
        assertThat(worst("model.pt", broken)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void smallBinFilesAreScannedToo() {
        // agent-bom #3326: a size gate skipped small .bin files.
        assertThat(worst("pytorch_model.bin", Build.globalCall("os", "system", "id")))
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void picklesWithoutAProtoHeaderAreStillPickles() {
        // QA pass 5 #1: PROTO is optional in every protocol; Python runs these streams.
        byte[] sg = concat(
                shortUnicode("os"),
                shortUnicode("system"),
                new byte[] {(byte) 0x93, '('},
                shortUnicode("id"),
                ascii("tR."));
        byte[] ev = concat(
                shortUnicode("builtins"),
                shortUnicode("eval"),
                new byte[] {(byte) 0x93, '('},
                shortUnicode("1"),
                ascii("tR."));
        for (String name : new String[] {"noproto.bin", "noproto.pkl", "noproto.pt", "noproto.model", "noproto.data"}) {
            assertThat(worst(name, sg)).as(name).isEqualTo(Severity.CRITICAL);
            assertThat(worst(name, ev)).as(name).isEqualTo(Severity.CRITICAL);
        }
        // Protocol 1 opcodes (BINUNICODE) without a header, and a stream cut before STOP (the call has run by then).
        byte[] p1 = concat(ascii("cposix\nsystem\nq\u0000(X"), Build.le(2, 4), ascii("idtR."));
        assertThat(worst("w.bin", p1)).isEqualTo(Severity.CRITICAL);
        assertThat(worst("cut.bin", java.util.Arrays.copyOf(sg, sg.length - 1))).isEqualTo(Severity.CRITICAL);
        // Appended after the last tensor of a safetensors file, where only a PROTO header used to be carved.
        byte[] st = Build.safetensors(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[0,20]}}", concat(new byte[20], sg));
        assertThat(worst("model.safetensors", st)).isEqualTo(Severity.CRITICAL);
        // Benign headerless pickles and plain bytes stay clean.
        assertThat(scanner.scanBytes("ok.bin", ascii("(lp0\nI1\na."))).isInstanceOf(FileVerdict.Clean.class);
        assertThat(scanner.scanBytes("n.bin", ascii("N."))).isInstanceOf(FileVerdict.Clean.class);
        assertThat(scanner.scanBytes("t.bin", ascii("hello world\n"))).isInstanceOf(FileVerdict.Clean.class);
    }

    @Test
    void escapedNamesInProtocol0StringsAreDecodedLikePython() {
        // QA pass 5 #5: V operands are raw-unicode-escape and S operands escape-decoded by pickle: o\u0073 is os.
        byte[] u = ascii("Vo\\u0073\nVsystem\n\u0093(Vid\ntR.");
        FileVerdict v = scanner.scanBytes("u.pkl", u);
        assertThat(v.worst()).contains(Severity.CRITICAL);
        assertThat(v.findings().get(0).reason()).contains("os.system");
        assertThat(worst("x.pkl", ascii("S'o\\x73'\nS'system'\n\u0093(S'id'\ntR.")))
                .isEqualTo(Severity.CRITICAL);
        assertThat(worst("o.pkl", ascii("S'o\\163'\nS'system'\n\u0093(S'id'\ntR.")))
                .isEqualTo(Severity.CRITICAL);
        assertThat(worst("b.pkl", ascii("Vbuiltin\\u0073\nV\\U00000065val\n\u0093(V1\ntR.")))
                .isEqualTo(Severity.CRITICAL);
        // Other escapes decode as in Python; an unknown escape keeps its backslash.
        assertThat(PickleScanner.escapeDecode("a\\tb\\\\c\\qd")).isEqualTo("a\tb\\c\\qd");
        assertThat(PickleScanner.rawUnicodeEscape("\\x73\\u00e9")).isEqualTo("\\x73\u00e9");
    }

    @Test
    void dottedPathsThroughAnotherModuleReachTheDenyList() {
        // QA pass 5 #5: torch imports os, so torch + "os.system" is os.system (STACK_GLOBAL walks the dots).
        assertThat(worst("t.pkl", Build.stackGlobalCall("torch", "os.system", "id")))
                .isEqualTo(Severity.CRITICAL);
        assertThat(worst("s.pkl", Build.stackGlobalCall("numpy", "sys.modules", "id")))
                .isEqualTo(Severity.CRITICAL);
        assertThat(worst("e.pkl", Build.stackGlobalCall("transformers.utils", "builtins.eval", "1")))
                .isEqualTo(Severity.CRITICAL);
        // Harmless attributes reached the same way, and look-alike names, stay outside the deny-list.
        assertThat(worst("l.pkl", Build.stackGlobalCall("torch", "builtins.len", "1")))
                .isEqualTo(Severity.HIGH);
        assertThat(worst("m.pkl", Build.stackGlobalCall("mypkg.os_utils", "run", "x")))
                .isEqualTo(Severity.HIGH);
    }
}
