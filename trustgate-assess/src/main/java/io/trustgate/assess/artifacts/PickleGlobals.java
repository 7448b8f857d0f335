package io.trustgate.assess.artifacts;

import java.util.Set;

/**
 * Which Python callables a pickle may name. Safe: what PyTorch, NumPy and plain containers need to rebuild tensors
 * and dicts (the set that {@code torch.load(weights_only=True)} and picklescan treat as innocuous). Unsafe: callables
 * that run commands or code, open files or sockets, import modules, or load another pickle. Everything else is
 * unknown: the unpickler imports it, and calling it runs code nobody reviewed.
 */
final class PickleGlobals {
    enum Kind {
        SAFE,
        UNSAFE,
        UNKNOWN
    }

    private PickleGlobals() {}

    private static final Set<String> SAFE_EXACT = Set.of(
            "collections.OrderedDict",
            "collections.defaultdict",
            "collections.Counter",
            "collections.deque",
            "torch.Size",
            "torch.device",
            "torch.dtype",
            "torch.layout",
            "torch.memory_format",
            "torch.strided",
            "torch.sparse_coo",
            "torch.contiguous_format",
            "torch.channels_last",
            "torch.preserve_format",
            "torch._tensor._rebuild_from_type_v2",
            "torch.storage.UntypedStorage",
            "torch.storage.TypedStorage",
            "torch.nn.parameter.Parameter",
            "torch.serialization._get_layout",
            "numpy.core.multiarray._reconstruct",
            "numpy._core.multiarray._reconstruct",
            "numpy.core.multiarray.scalar",
            "numpy._core.multiarray.scalar",
            "numpy.core.numeric._frombuffer",
            "numpy._core.numeric._frombuffer",
            "numpy.ndarray",
            // RNG states saved next to checkpoints (rng_state.pth): the constructors look the generator up by name.
            "numpy.random._pickle.__randomstate_ctor",
            "numpy.random._pickle.__generator_ctor",
            "numpy.random._pickle.__bit_generator_ctor",
            "numpy.dtype",
            "_codecs.encode",
            "copyreg._reconstructor",
            "copy_reg._reconstructor",
            "copyreg.__newobj__",
            "datetime.datetime",
            "datetime.date",
            "datetime.time",
            "datetime.timedelta",
            "datetime.timezone",
            "decimal.Decimal",
            "fractions.Fraction",
            "uuid.UUID",
            "argparse.Namespace",
            "pathlib.PosixPath",
            "pathlib.WindowsPath",
            "pathlib.PurePosixPath",
            "pathlib.PureWindowsPath",
            "pathlib.Path");

    private static final Set<String> SAFE_BUILTINS = Set.of(
            "dict",
            "list",
            "set",
            "frozenset",
            "tuple",
            "bytes",
            "bytearray",
            "int",
            "float",
            "complex",
            "str",
            "bool",
            "slice",
            "range",
            "object",
            "Ellipsis",
            "NotImplemented");

    private static final Set<String> TORCH_DTYPES = Set.of(
            "float32",
            "float16",
            "bfloat16",
            "float64",
            "int64",
            "int32",
            "int16",
            "int8",
            "uint8",
            "bool",
            "complex64",
            "complex128",
            "half",
            "float",
            "double",
            "long",
            "int",
            "short",
            "cfloat",
            "cdouble",
            "float8_e4m3fn",
            "float8_e5m2",
            "uint16",
            "uint32",
            "uint64",
            "qint8",
            "quint8",
            "qint32");

    /** Whole modules whose every callable can run code, touch files or the network, or import more modules. */
    private static final Set<String> UNSAFE_MODULES = Set.of(
            "os",
            "posix",
            "nt",
            "subprocess",
            "_posixsubprocess",
            "sys",
            "socket",
            "_socket",
            "shutil",
            "webbrowser",
            "pty",
            "runpy",
            "importlib",
            "marshal",
            "pickle",
            "_pickle",
            "cPickle",
            "pickletools",
            "dill",
            "cloudpickle",
            "joblib",
            "code",
            "codeop",
            "ctypes",
            "_ctypes",
            "commands",
            "popen2",
            "multiprocessing",
            "asyncio",
            "http",
            "httplib",
            "urllib",
            "urllib2",
            "urllib3",
            "requests",
            "aiohttp",
            "httpx",
            "ftplib",
            "smtplib",
            "telnetlib",
            "poplib",
            "imaplib",
            "nntplib",
            "xmlrpc",
            "socketserver",
            "bdb",
            "pdb",
            "timeit",
            "trace",
            "profile",
            "cProfile",
            "pip",
            "setuptools",
            "distutils",
            "pkg_resources",
            "threading",
            "_thread",
            "signal",
            "tempfile",
            "io",
            "_io",
            "pathlib",
            "glob",
            "fileinput",
            "zipimport",
            "pkgutil",
            "site",
            "venv",
            "ensurepip",
            "pydoc",
            "_pyrepl",
            "idlelib",
            "lib2to3",
            "doctest",
            "_osx_support",
            "_aix_support",
            "platform",
            "sysconfig",
            "ssl",
            "mmap",
            "resource",
            "fcntl",
            "pwd",
            "grp",
            "antigravity",
            "shelve",
            "dbm",
            "sqlite3",
            "tarfile",
            "zipfile",
            "cgi",
            "cgitb",
            "wsgiref",
            "inspect",
            "gc",
            "linecache",
            "ctypeslib",
            "uuid",
            "logging.config",
            "logging.handlers");

    /** Single callables that are unsafe inside otherwise harmless modules. */
    private static final Set<String> UNSAFE_EXACT = Set.of(
            "operator.attrgetter",
            "operator.methodcaller",
            "_operator.attrgetter",
            "_operator.methodcaller",
            "functools.partial",
            "functools.reduce",
            "types.CodeType",
            "types.FunctionType",
            "types.MethodType",
            "types.LambdaType",
            "types.ModuleType",
            "logging.FileHandler",
            "torch.load",
            "torch.serialization.load",
            "torch.storage._load_from_bytes",
            "torch._load_from_bytes",
            "torch.save",
            "numpy.load",
            "numpy.save",
            "numpy.fromfile",
            "numpy.loadtxt",
            "numpy.genfromtxt",
            "numpy.tofile",
            "numpy.lib.npyio.load",
            "numpy.testing._private.utils.runstring",
            "keras.models.load_model",
            "tensorflow.io.write_file",
            "tensorflow.io.read_file");

    private static final Set<String> UNSAFE_PREFIXES = Set.of(
            "torch.hub",
            "torch.jit",
            "torch.package",
            "torch._C",
            "torch.utils.cpp_extension",
            "torch._dynamo",
            "torch._inductor",
            "numpy.f2py",
            "numpy.distutils",
            "numpy.testing",
            "numpy.ctypeslib",
            "tensorflow.io");

    private static final Set<String> UNSAFE_BUILTINS = Set.of(
            "eval",
            "exec",
            "execfile",
            "compile",
            "open",
            "file",
            "getattr",
            "setattr",
            "delattr",
            "__import__",
            "apply",
            "input",
            "raw_input",
            "breakpoint",
            "globals",
            "locals",
            "vars",
            "reload",
            "help",
            "exit",
            "quit",
            "memoryview",
            "__build_class__",
            "type",
            "super",
            "classmethod",
            "staticmethod",
            "property",
            "dir",
            "print");

    static Kind classify(String module, String name) {
        String mod = module.equals("__builtin__") ? "builtins" : module;
        String full = mod + "." + name;
        if (mod.equals("builtins") || mod.equals("exceptions")) {
            if (SAFE_BUILTINS.contains(name)) {
                return Kind.SAFE;
            }
            String head = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            return UNSAFE_BUILTINS.contains(head) ? Kind.UNSAFE : Kind.UNKNOWN;
        }
        if (SAFE_EXACT.contains(full)) {
            return Kind.SAFE;
        }
        if (mod.equals("torch._utils") && name.startsWith("_rebuild_") && !name.contains(".")) {
            return Kind.SAFE;
        }
        if (mod.equals("torch") && !name.contains(".") && (name.endsWith("Storage") || TORCH_DTYPES.contains(name))) {
            return Kind.SAFE;
        }
        if ((mod.equals("numpy.dtypes")) && name.endsWith("DType") && !name.contains(".")) {
            return Kind.SAFE;
        }
        if (mod.startsWith("torch.nn.modules.") && !name.contains(".") && !name.startsWith("_")) {
            return Kind.SAFE;
        }
        if (UNSAFE_EXACT.contains(full)) {
            return Kind.UNSAFE;
        }
        String head = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (UNSAFE_EXACT.contains(mod + "." + head)) {
            return Kind.UNSAFE;
        }
        for (String m = mod; !m.isEmpty(); m = parent(m)) {
            if (UNSAFE_MODULES.contains(m) || UNSAFE_PREFIXES.contains(m)) {
                return Kind.UNSAFE;
            }
        }
        for (String p : UNSAFE_PREFIXES) {
            if (full.startsWith(p + ".")) {
                return Kind.UNSAFE;
            }
        }
        // torch.os.system: a module that imported os exposes it as an attribute, and the loader walks the dots.
        String[] parts = full.split("\\.", -1);
        for (int i = 1; i < parts.length - 1; i++) {
            if (REACHED.contains(parts[i])) {
                String name2 = String.join(".", java.util.Arrays.asList(parts).subList(i + 1, parts.length));
                String mod2 = parts[i].equals("__builtins__") ? "builtins" : parts[i];
                if (classify(mod2, name2) == Kind.UNSAFE) {
                    return Kind.UNSAFE;
                }
            }
        }
        return Kind.UNKNOWN;
    }

    /** Dangerous modules that other modules commonly import, so they are reachable as attributes of those. */
    private static final Set<String> REACHED = Set.of(
            "os",
            "posix",
            "nt",
            "subprocess",
            "sys",
            "builtins",
            "__builtin__",
            "__builtins__",
            "importlib",
            "shutil",
            "socket",
            "pty",
            "runpy",
            "marshal",
            "ctypes",
            "pickle",
            "_pickle",
            "dill",
            "pip",
            "commands",
            "webbrowser",
            "multiprocessing");

    private static String parent(String m) {
        int i = m.lastIndexOf('.');
        return i < 0 ? "" : m.substring(0, i);
    }
}
