package io.trustgate.assess.artifacts;

/** What a finding is about; the id is stable (SARIF rule id) and the text describes the rule, not one finding. */
public enum Rule {
    PICKLE_UNSAFE_GLOBAL("pickle/unsafe-global", "Pickle imports a callable that runs commands, code or I/O"),
    PICKLE_UNKNOWN_GLOBAL("pickle/unknown-global", "Pickle imports a callable outside the allow-list"),
    PICKLE_DYNAMIC_CALL("pickle/dynamic-call", "Pickle calls a value computed inside the pickle (gadget chain)"),
    PICKLE_GLOBAL_STATE("pickle/global-state", "Pickle rewrites attributes of an imported module or class (BUILD)"),
    PICKLE_EXTENSION("pickle/extension-code", "Pickle uses the copyreg extension registry (EXT1/2/4)"),
    PICKLE_MALFORMED("pickle/malformed", "Pickle stream is truncated or invalid; loaders may read it differently"),
    PICKLE_EMBEDDED("pickle/embedded", "Unsafe pickle found inside a file of another or unknown format"),
    ZIP_MALFORMED("zip/malformed", "Zip structure is invalid or inconsistent"),
    ZIP_NAME_MISMATCH("zip/name-mismatch", "Local and central headers name an entry differently"),
    ZIP_DUPLICATE("zip/duplicate-entry", "Two entries share a name; loaders disagree on which one wins"),
    ZIP_TRAVERSAL("zip/path-traversal", "Entry name is absolute or climbs out of the extraction folder"),
    ZIP_FLAGS("zip/flags", "Entry flags (encryption, patched data) that make some readers skip the entry"),
    ZIP_CRC("zip/crc-mismatch", "Entry content does not match its CRC (a reader that checks skips it)"),
    ZIP_HIDDEN("zip/hidden-entry", "Local entry not listed in the central directory"),
    ZIP_BOMB("zip/bomb", "Decompression limits reached (size or ratio)"),
    COMPRESSED_MALFORMED("compressed/malformed", "Compressed stream is invalid or truncated"),
    ARCHIVE_UNSUPPORTED("archive/unsupported", "Archive format whose content is not inspected"),
    ARCHIVE_CODE("archive/code", "Archive holds Python source that a loader may run (TorchScript)"),
    FORMAT_MISMATCH("format/mismatch", "File content is not the format its name claims"),
    FORMAT_POLYGLOT("format/polyglot", "File is valid as two formats at once"),
    NUMPY_OBJECT("numpy/object-array", "NumPy array of Python objects: loading it unpickles"),
    NUMPY_MALFORMED("numpy/malformed", "NumPy header is invalid or inconsistent with the data"),
    KERAS_LAMBDA("keras/lambda", "Keras Lambda layer: loading it runs serialized Python code"),
    KERAS_CUSTOM("keras/custom-object", "Keras layer or object from a module outside Keras"),
    SAFETENSORS_MALFORMED("safetensors/malformed", "Safetensors header invalid or inconsistent with the data"),
    SAFETENSORS_TRAILING("safetensors/trailing-data", "Bytes after the last tensor, where a payload can hide"),
    GGUF_MALFORMED("gguf/malformed", "GGUF header, metadata or tensor table invalid"),
    GGUF_TEMPLATE("gguf/chat-template", "Chat template uses Jinja constructs that can reach Python code execution"),
    ONNX_EXTERNAL_PATH("onnx/external-data-path", "External data path is absolute or escapes the model folder"),
    ONNX_CUSTOM_DOMAIN("onnx/custom-domain", "Operator from a custom domain needs a native custom-op library"),
    ONNX_MALFORMED("onnx/malformed", "ONNX protobuf is invalid"),
    HDF5_MALFORMED("hdf5/malformed", "HDF5 model config could not be read"),
    FILE_UNREADABLE("file/unreadable", "File could not be read"),
    FILE_SPECIAL("file/special", "Not a regular file (named pipe, socket, device): skipped without opening");

    private final String id;
    private final String description;

    Rule(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
