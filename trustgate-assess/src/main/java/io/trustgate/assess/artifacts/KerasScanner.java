package io.trustgate.assess.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Checks Keras model configurations: {@code config.json} inside a .keras zip, any JSON file, and the
 * {@code model_config} JSON stored as an attribute in a legacy HDF5 (.h5) model, found by scanning the file's bytes
 * for the JSON blob. Threat: a {@code Lambda} layer stores Python bytecode (marshalled, base64) that Keras rebuilds
 * and runs when the model loads (CVE-2024-3660 for safe_mode bypasses): CRITICAL with serialized code, HIGH when it
 * names a function; layers and objects from modules outside Keras/TensorFlow load user code: MEDIUM. Cost: JSON
 * parse of the config (bounded to the header limit); for HDF5 a byte search through the file. Limits: HDF5 is not
 * parsed as HDF5 (chunked or compressed attributes are missed); weights are not inspected.
 */
final class KerasScanner {
    static final String NAME = "keras";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] CLASS_NAME = "{\"class_name\"".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> TRUSTED_MODULES =
            Set.of("keras", "tensorflow", "tf_keras", "keras_nlp", "keras_hub", "keras_cv", "builtins");

    private KerasScanner() {}

    static void scanJson(ScanJob job, Blob b, String entry) {
        if (b.size() > job.limits.maxHeaderBytes()) {
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(b.read(0, (int) b.size()));
        } catch (java.io.IOException | RuntimeException e) {
            return; // not JSON after all: nothing executable for Keras either
        }
        check(job, root, entry, 0);
    }

    static void scanHdf5(ScanJob job, Blob b, String entry) {
        long limit = Math.min(b.size(), 1L << 30);
        int found = 0;
        for (long p = 0; p < limit && found < 16; p++) {
            if (b.u8(p) != '{' || !b.startsWith(p, CLASS_NAME)) {
                continue;
            }
            long end = balanced(b, p, Math.min(limit, p + job.limits.maxHeaderBytes()));
            if (end < 0) {
                job.add(
                        Severity.MEDIUM,
                        Rule.HDF5_MALFORMED,
                        NAME,
                        "model config JSON at byte " + p + " is not terminated",
                        entry,
                        p,
                        -1);
                return;
            }
            try {
                check(job, JSON.readTree(b.read(p, (int) (end - p))), entry, p);
                found++;
            } catch (java.io.IOException | RuntimeException e) {
                job.add(
                        Severity.MEDIUM,
                        Rule.HDF5_MALFORMED,
                        NAME,
                        "model config at byte " + p + " is not valid JSON",
                        entry,
                        p,
                        -1);
            }
            p = end - 1;
        }
    }

    /** End (exclusive) of the JSON object starting at p, honouring strings, or -1. */
    private static long balanced(Blob b, long p, long limit) {
        int depth = 0;
        boolean str = false;
        for (long i = p; i < limit; i++) {
            int c = b.u8(i);
            if (str) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    str = false;
                }
            } else if (c == '"') {
                str = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private static void check(ScanJob job, JsonNode root, String entry, long offset) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(root);
        int visited = 0;
        while (!todo.isEmpty() && visited++ < 1_000_000) {
            JsonNode n = todo.pop();
            if (n.isObject()) {
                String cls = n.path("class_name").asText("");
                JsonNode cfg = n.path("config");
                if (cls.equals("Lambda")) {
                    lambda(job, cfg, entry, offset);
                }
                String module = n.path("module").asText("");
                if (!module.isEmpty() && n.has("class_name")) {
                    String head = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
                    if (!TRUSTED_MODULES.contains(head)) {
                        job.add(
                                Severity.MEDIUM,
                                Rule.KERAS_CUSTOM,
                                NAME,
                                "object '" + ZipScanner.clip(cls) + "' comes from module '" + ZipScanner.clip(module)
                                        + "' (user code runs on load)",
                                entry,
                                offset,
                                -1);
                    }
                }
            }
            if (n.isContainerNode()) {
                n.forEach(todo::push);
            }
        }
    }

    private static void lambda(ScanJob job, JsonNode cfg, String entry, long offset) {
        JsonNode fn = cfg.path("function");
        String layer = cfg.path("name").asText("?");
        boolean code = fn.isArray() && fn.size() > 0 && fn.get(0).isTextual()
                || fn.path("class_name").asText("").equals("__lambda__")
                || fn.path("config").has("code")
                || cfg.path("function_type").asText("").equals("lambda");
        if (code) {
            job.add(
                    Severity.CRITICAL,
                    Rule.KERAS_LAMBDA,
                    NAME,
                    "Lambda layer '" + ZipScanner.clip(layer)
                            + "' carries serialized Python bytecode that runs when the model loads",
                    entry,
                    offset,
                    -1);
        } else {
            job.add(
                    Severity.HIGH,
                    Rule.KERAS_LAMBDA,
                    NAME,
                    "Lambda layer '" + ZipScanner.clip(layer)
                            + "' calls a Python function by name when the model loads",
                    entry,
                    offset,
                    -1);
        }
    }
}
