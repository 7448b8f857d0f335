package io.trustgate.firewall;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanDeadline;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scanner for credentials: provider keys and tokens (AWS, GCP, Azure, GitHub, GitLab, Slack, Stripe, OpenAI,
 * Anthropic, Hugging Face, SendGrid, Mailgun, Databricks, PyPI, Shopify), JWTs, PEM private keys, connection strings
 * and URLs with passwords, {@code .pgpass} lines, and high-entropy or password values in assignment context
 * ({@code api_key = "..."}, {@code define('DB_PASSWORD', '...')}, {@code auth=("user", "pw")}) or on a command line
 * ({@code curl -u user:pw}, {@code sshpass -p pw}, {@code mysql -ppw}).
 *
 * <p><b>Threat.</b> OWASP LLM02 (sensitive information disclosure): a user pastes a config file, a stack trace or a
 * {@code .env} into a prompt and the secret goes to a third-party provider; or a model repeats a secret it saw (in
 * its context, a tool result, a retrieved document) in its output. Input and output stage alike.
 *
 * <p><b>How.</b> Each rule was written from the provider's documented key format (prefix, alphabet, length) and has
 * one or more literal keywords. One case-insensitive Aho-Corasick pass ({@link KeywordAutomaton}) over the text finds
 * the keywords; a rule's precompiled regex is tried (anchored, {@code lookingAt}) only at its own keyword hits, then a check (entropy,
 * placeholder words, JWT header decoding, ...) accepts the match and sets its score. Overlapping findings keep the most
 * specific rule. Decoded runs of the shared normaliser (base64, hex) are scanned too and reported on the encoded span,
 * and so is the normalised text when it differs from the original (a key with a zero-width char in it, or in
 * fullwidth letters), reported on the original run ({@link NormalizedSpans}).
 *
 * <p><b>Cost.</b> One pass of the automaton (a table look-up per char) plus regex work proportional to keyword hits,
 * not to the number of rules: a 2 KB prompt takes tens of microseconds, 1 MiB of keyword-dense random text about 130-150 ms (see
 * {@code SecretsScannerFuzzTest}). Thread-safe; no I/O; allocates per call only matchers and findings.
 *
 * <p><b>High-entropy threshold.</b> In assignment context a value of 16 to 512 chars is a secret when its Shannon
 * entropy is at least {@value #HEX_ENTROPY} bits per char for hex-only values, {@value #ENTROPY} otherwise (random
 * 16-char base62 is about 3.7, English identifiers rarely pass 3.5 with a digit required), and it contains a digit
 * (or is at least 32 chars of mixed case).
 *
 * <p><b>Limits.</b> Secrets without a known prefix and without a keyword before them (a bare random string on its own
 * line) are missed; so are short passwords (under 8 chars, or under 16 unless the name says password), passwords
 * split across lines, secrets in YAML where the key is on the parent line, and keys of providers without a rule.
 * Placeholder filtering is by word list ({@code example}, {@code changeme}, {@code xxxx}, {@code ${VAR}}, ...), so a
 * real key containing such a word is scored lower or missed. The Azure AD {@code Q~} shape is community-observed, not
 * vendor-documented. Nothing is verified against the provider. Documented sample values (AWS's {@code EXAMPLE} keys,
 * jwt.io's sample token, the test keys of Stripe's docs, GitHub's example tokens, the Azurite emulator's account key),
 * Stripe publishable keys and installation defaults where the password equals the user ({@code postgres:postgres},
 * scored 0.4) are not reported at the default threshold. A generic name with a random-looking value that is not a
 * secret (a CI cache key {@code key: deps-9378854cc04b19a5}) is still reported.
 */
public final class SecretsScanner implements Scanner {
    /** Minimum Shannon entropy, bits per char, of a non-hex value in assignment context. */
    public static final double ENTROPY = 3.5;
    /** Minimum Shannon entropy, bits per char, of a hex-only value in assignment context. */
    public static final double HEX_ENTROPY = 3.0;

    static final String NAME = "secrets";

    private static final int SPECIFIC = 3;
    private static final int STRUCTURAL = 2;
    private static final int GENERIC = 1;

    /** What a rule's check returns: a type and score for a span, or {@code null} to drop the match. */
    record Verdict(String type, double score, int start, int end) {}

    @FunctionalInterface
    interface Check {
        Verdict check(CharSequence text, Matcher m);
    }

    /**
     * One detection rule.
     *
     * @param id the rule id, also the default finding type
     * @param priority which of overlapping findings survives (higher wins)
     * @param keywords literals, one of which occurs in every match
     * @param pattern the compiled regex
     * @param back how far before a keyword hit a match may start
     * @param forward how far after a keyword hit a match may end
     * @param check accepts a match and scores it
     */
    record Rule(String id, int priority, List<String> keywords, Pattern pattern, int back, int forward, Check check) {}

    private static final Set<String> DB_SCHEMES = Set.of(
            "postgres",
            "postgresql",
            "mysql",
            "mariadb",
            "mongodb",
            "mongodb+srv",
            "redis",
            "rediss",
            "amqp",
            "amqps",
            "mssql",
            "sqlserver",
            "oracle",
            "cockroachdb",
            "clickhouse",
            "couchdb",
            "neo4j",
            "cassandra");

    private static final String[] PLACEHOLDER_WORDS = {
        "example",
        "changeme",
        "change_me",
        "change-me",
        "changeit",
        "placeholder",
        "xxxx",
        "****",
        "....",
        "your_",
        "your-",
        "yourkey",
        "your key",
        "<",
        ">",
        "${",
        "{{",
        "}}",
        "%(",
        "$(",
        "dummy",
        "redacted",
        "sample",
        "insert",
        "replace",
        "todo",
        "fixme",
        "_here",
        "here>",
        "key here",
        "process.env",
        "environ",
        "getenv",
        "secretsmanager",
        "notreal",
        "not_real",
        "fake"
    };

    private static final Set<String> SECRET_PARTS = Set.of(
            "key",
            "keys",
            "secret",
            "secrets",
            "token",
            "tokens",
            "password",
            "passwords",
            "passwd",
            "pwd",
            "pass",
            "passphrase",
            "apikey",
            "credential",
            "credentials",
            "creds",
            "auth",
            "authorization",
            "privatekey",
            "secretkey",
            "accesskey",
            "accesstoken",
            "authtoken",
            "sas",
            "signature",
            "salt");

    private static final Set<String> PASSWORD_PARTS = Set.of("password", "passwd", "pwd", "pass", "passphrase");

    private static final Set<String> NAME_EXCLUDED_SUFFIXES = Set.of(
            "id",
            "ids",
            "name",
            "names",
            "path",
            "file",
            "filename",
            "dir",
            "url",
            "uri",
            "type",
            "types",
            "length",
            "len",
            "size",
            "count",
            "field",
            "fields",
            "header",
            "prefix",
            "suffix",
            "hash",
            "sha",
            "digest",
            "checksum",
            "format",
            "algorithm",
            "alg",
            "expiry",
            "expires",
            "expiration",
            "ttl",
            "timeout",
            "mode",
            "class",
            "enabled",
            "version",
            "label",
            "public",
            "pubkey",
            "publickey",
            "policy",
            "env",
            "var",
            "ref",
            "regex",
            "pattern",
            "param",
            "column",
            "index",
            "usage",
            "encoding",
            "location",
            "store",
            "provider");

    /** Name parts saying the value is a digest of something, not the thing: token_sha256, cert_md5. */
    private static final Pattern DIGEST_NAME =
            Pattern.compile("sha[0-9]{0,3}(?:sum)?|md5(?:sum)?|crc(?:32)?|hashed|hashes"
                    + "|digests|checksums|fingerprints?|thumbprints?");

    private static final Pattern DIGIT_RUN = Pattern.compile("[0-9]{3}");
    /** A lower-case letter or digit followed by a capital, or a segment in capitals: how code names are written. */
    private static final Pattern CAMEL_HUMP = Pattern.compile("[a-z0-9][A-Z]|\\.[A-Z][A-Z0-9_]+$");

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+");
    private static final Pattern PEM_END = Pattern.compile("-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+");
    /** What may stand right before a Mailgun key: "api" as the basic-auth user, or a name that says key/secret/token. */
    private static final Pattern MAILGUN_CONTEXT = Pattern.compile("(?i)(?:(?<![\\w-])api[\"']?[ \\t]*[,:][ \\t]*[\"']?"
            + "|[\\w.-]*(?:key|secret|token)[\\w.-]*[\"'\\]]{0,2}[ \\t]*(?::=|=>|=|:)[ \\t]*[\"']?)$");

    private static final Pattern DOTTED_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)+");

    /** The signature of the sample token on jwt.io (HS256, key "your-256-bit-secret"). */
    private static final String JWT_IO_SAMPLE_SIGNATURE = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    /** The test key Stripe's API reference shows to every reader. */
    private static final String STRIPE_DOCS_SAMPLE = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

    /**
     * Other values that vendors print in their documentation for every reader (reported at 0.4, below the default
     * threshold): another Stripe test key of its docs, the example user-to-server and refresh tokens of GitHub's docs,
     * and the account key of Azurite, Azure's local storage emulator, which is the same on every machine.
     */
    private static final Set<String> DOCUMENTED_SAMPLES = Set.of(
            "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
            "ghu_16C7e42F292c6912E7710c838347Ae178B4a",
            "ghr_1B4a2e77838347a7E420ce178F2E7c6912E169246c34E1ccbF66C46812d16D5B1A9Dc86A1498",
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==");

    private final List<Rule> rules;
    private final KeywordAutomaton automaton;
    private final int[][] rulesOfKeyword;

    /** A scanner with the built-in rules. */
    public SecretsScanner() {
        this(builtInRules());
    }

    SecretsScanner(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, List<Integer>> byKeyword = new LinkedHashMap<>();
        for (int r = 0; r < this.rules.size(); r++) {
            for (String kw : this.rules.get(r).keywords()) {
                byKeyword
                        .computeIfAbsent(kw.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(r);
            }
        }
        List<String> keywords = new ArrayList<>(byKeyword.keySet());
        this.automaton = new KeywordAutomaton(keywords);
        this.rulesOfKeyword = new int[keywords.size()][];
        for (int k = 0; k < keywords.size(); k++) {
            rulesOfKeyword[k] = byKeyword.get(keywords.get(k)).stream()
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The rules' ids, in the order they run. */
    public List<String> ruleIds() {
        return rules.stream().map(Rule::id).distinct().toList();
    }

    @Override
    public List<Finding> scan(ScanText text) {
        List<Finding> findings =
                new ArrayList<>(NormalizedSpans.withNormalized(text, scanString(text.original()), this::scanString));
        for (ScanText.Decoded d : text.decoded()) {
            if (!d.encoding().equals("base64") && !d.encoding().equals("hex")) {
                continue;
            }
            int start = Math.max(0, Math.min(d.start(), text.original().length()));
            int end = Math.max(start, Math.min(d.end(), text.original().length()));
            for (Finding f : scanString(d.text())) {
                findings.add(new Finding(NAME, Category.SECRET, f.type(), f.score() * 0.9, start, end));
            }
        }
        return findings;
    }

    /** Scans a plain string; spans are offsets in it. */
    List<Finding> scanString(String text) {
        int n = rules.size();
        int[] doneUpTo = new int[n]; // per rule: matches found so far end here; later hits before it are skipped
        Matcher[] matchers = new Matcher[n];
        List<Candidate> found = new ArrayList<>();
        ScanDeadline deadline = ScanDeadline.current(); // looked up once: the callback runs per keyword hit
        automaton.forEachMatch(text, (k, s, e) -> {
            deadline.step();
            for (int r : rulesOfKeyword[k]) {
                if (s < doneUpTo[r]) {
                    continue;
                }
                Rule rule = rules.get(r);
                if (matchers[r] == null) {
                    matchers[r] = rule.pattern()
                            .matcher(text)
                            .useTransparentBounds(true)
                            .useAnchoringBounds(false);
                }
                int end = (int) Math.min(text.length(), (long) e + rule.forward());
                int from = rule.priority() == GENERIC
                        ? identifierStart(text, s, rule.back())
                        : Math.max(0, s - rule.back());
                for (int at = Math.max(from, doneUpTo[r]); at <= s; at++) {
                    Matcher m = matchers[r].region(at, end);
                    if (m.lookingAt()) {
                        doneUpTo[r] = m.end();
                        Verdict v = rule.check().check(text, m);
                        if (v != null && v.end() > v.start() && v.score() > 0) {
                            found.add(new Candidate(rule.priority(), v));
                        }
                        break;
                    }
                }
            }
        });
        return resolveOverlaps(found);
    }

    /** Where the identifier around {@code pos} starts (assignment names), at most {@code max} chars back. */
    private static int identifierStart(String text, int pos, int max) {
        int i = pos;
        int limit = Math.max(0, pos - max);
        while (i > limit) {
            char c = text.charAt(i - 1);
            if (Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' || c == '-') {
                i--;
            } else {
                break;
            }
        }
        if (i > 0 && (text.charAt(i - 1) == '$' || text.charAt(i - 1) == '@')) {
            i--;
        }
        return i;
    }

    private record Candidate(int priority, Verdict verdict) {}

    /** Keeps, among overlapping findings, those of the highest priority; equal priorities all stay. */
    private static List<Finding> resolveOverlaps(List<Candidate> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        found.sort(Comparator.comparingInt((Candidate c) -> -c.priority())
                .thenComparingInt(c -> c.verdict().start()));
        TreeMap<Integer, Integer> covered = new TreeMap<>(); // disjoint union of kept spans of higher priorities
        List<Finding> result = new ArrayList<>();
        Map<Long, Boolean> seen = new HashMap<>();
        int i = 0;
        while (i < found.size()) {
            int level = found.get(i).priority();
            List<Verdict> kept = new ArrayList<>();
            for (; i < found.size() && found.get(i).priority() == level; i++) {
                Verdict v = found.get(i).verdict();
                Map.Entry<Integer, Integer> e = covered.floorEntry(v.end() - 1);
                if (e != null && e.getValue() > v.start()) {
                    continue;
                }
                long key = ((long) v.start() << 32) | v.end();
                if (seen.putIfAbsent(key, Boolean.TRUE) != null) {
                    continue;
                }
                kept.add(v);
            }
            for (Verdict v : kept) {
                result.add(new Finding(NAME, Category.SECRET, v.type(), v.score(), v.start(), v.end()));
                int s = v.start();
                int e = v.end();
                Map.Entry<Integer, Integer> lower = covered.floorEntry(s);
                if (lower != null && lower.getValue() >= s) {
                    s = lower.getKey();
                    e = Math.max(e, lower.getValue());
                }
                Map.Entry<Integer, Integer> next;
                while ((next = covered.ceilingEntry(s)) != null && next.getKey() <= e) {
                    e = Math.max(e, next.getValue());
                    covered.remove(next.getKey());
                }
                covered.put(s, e);
            }
        }
        result.sort(Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end));
        return result;
    }

    // ---------------------------------------------------------------- rules

    private static Rule rule(String id, int priority, List<String> keywords, String regex, int back, int fwd, Check c) {
        return new Rule(id, priority, keywords, Pattern.compile(regex), back, fwd, c);
    }

    /** As {@link #group1}, scoring a {@link #DOCUMENTED_SAMPLES documented sample} 0.4. */
    private static Check sampleAware(String type, double score, java.util.function.Predicate<String> ok) {
        return (t, m) -> ok.test(m.group(1))
                ? new Verdict(type, DOCUMENTED_SAMPLES.contains(m.group(1)) ? 0.4 : score, m.start(1), m.end(1))
                : null;
    }

    /** A check that accepts group 1 with a fixed type and score when {@code ok} holds for its text. */
    private static Check group1(String type, double score, java.util.function.Predicate<String> ok) {
        return (t, m) -> ok.test(m.group(1)) ? new Verdict(type, score, m.start(1), m.end(1)) : null;
    }

    static List<Rule> builtInRules() {
        List<Rule> r = new ArrayList<>();
        // AWS: access key ids are 20 chars, AKIA (long-term) or ASIA (temporary STS) then 16 upper-case alnum.
        r.add(rule(
                "AWS_ACCESS_KEY_ID",
                SPECIFIC,
                List.of("akia", "asia"),
                "(?<![A-Za-z0-9])((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Za-z0-9])",
                0,
                20,
                (t, m) -> {
                    String v = m.group(1);
                    double score = v.contains("EXAMPLE") || distinct(v.substring(4)) < 6 ? 0.4 : 0.9;
                    return new Verdict("AWS_ACCESS_KEY_ID", score, m.start(1), m.end(1));
                }));
        // AWS secret access keys: 40 chars of base64 alphabet, recognisable only by the name they are assigned to.
        r.add(rule(
                "AWS_SECRET_ACCESS_KEY",
                STRUCTURAL,
                List.of("aws", "secret_access", "secretaccess", "secret-access"),
                "(?i:aws[\\w.-]{0,32}?secret[\\w.-]{0,32}|secret[_-]?access[_-]?key[\\w.-]{0,16})[\"']?[ \\t]*"
                        + "(?::=|=>|=|:)[ \\t]*[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
                48,
                140,
                (t, m) -> {
                    String v = m.group(1);
                    if (entropy(v) < ENTROPY) {
                        return null;
                    }
                    double score = v.contains("EXAMPLE") ? 0.4 : 0.9;
                    return new Verdict("AWS_SECRET_ACCESS_KEY", score, m.start(1), m.end(1));
                }));
        // GCP API keys: "AIza" then 35 chars of [0-9A-Za-z_-].
        r.add(rule(
                "GCP_API_KEY",
                SPECIFIC,
                List.of("aiza"),
                "(?<![\\w-])(AIza[0-9A-Za-z_-]{35})(?![\\w-])",
                0,
                40,
                group1("GCP_API_KEY", 0.9, v -> !isPlaceholder(v))));
        // GCP service-account key files: JSON with "private_key": "-----BEGIN PRIVATE KEY-----\n...".
        r.add(rule(
                "GCP_SERVICE_ACCOUNT_KEY",
                SPECIFIC,
                List.of("\"private_key\""),
                // the JSON string as an unrolled possessive loop: a lazy (char|escape) loop recursed once per char and
                // overflowed the stack on a real 1.7 KB key
                "\"private_key\"[ \\t]*:[ \\t]*\"(-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+)\"",
                0,
                8200,
                group1(
                        "GCP_SERVICE_ACCOUNT_KEY",
                        0.95,
                        v -> v.length() >= 80
                                && v.length() <= 8200
                                && PEM_END.matcher(v).find())));
        // Azure storage account keys: 64 random bytes, base64 (88 chars), after AccountKey= in a connection string.
        r.add(rule(
                "AZURE_STORAGE_ACCOUNT_KEY",
                SPECIFIC,
                List.of("accountkey=", "--account-key"),
                "(?i:AccountKey=|--account-key[ =]+)['\"]?([A-Za-z0-9+/]{40,100}={0,2})",
                0,
                120,
                sampleAware("AZURE_STORAGE_ACCOUNT_KEY", 0.95, v -> !isPlaceholder(v) && entropy(v) >= ENTROPY)));
        // Azure Service Bus / Event Hubs SAS keys: 32 bytes base64 (44 chars) after SharedAccessKey=.
        r.add(rule(
                "AZURE_SHARED_ACCESS_KEY",
                SPECIFIC,
                List.of("sharedaccesskey="),
                "(?i:SharedAccessKey)=([A-Za-z0-9+/]{40,100}={0,2})",
                0,
                120,
                group1("AZURE_SHARED_ACCESS_KEY", 0.9, v -> !isPlaceholder(v) && entropy(v) >= ENTROPY)));
        // Azure AD (Entra) client secrets: 3 chars, a digit, "Q~", then 31-34 chars (observed shape).
        r.add(rule(
                "AZURE_AD_CLIENT_SECRET",
                SPECIFIC,
                List.of("q~"),
                "(?<![\\w~.-])([A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?![\\w~.-])",
                8,
                40,
                group1("AZURE_AD_CLIENT_SECRET", 0.85, v -> !isPlaceholder(v) && entropy(v) >= ENTROPY)));
        // Client secrets by name; Azure AD when Azure context is near, otherwise a generic OAuth client secret.
        r.add(rule(
                "OAUTH_CLIENT_SECRET",
                STRUCTURAL,
                List.of("client_secret", "clientsecret", "client-secret"),
                "(?i:client[_-]?secret)[\"']?[ \\t]*(?::=|=>|=|:)[ \\t]*[\"']?([A-Za-z0-9_~.+/=-]{24,88})(?![\\w~.+/=-])",
                0,
                120,
                (t, m) -> {
                    String v = m.group(1);
                    if (isPlaceholder(v) || entropy(v) < ENTROPY || !hasDigit(v)) {
                        return null;
                    }
                    String before = t.subSequence(Math.max(0, m.start() - 400), m.start())
                            .toString()
                            .toLowerCase(Locale.ROOT);
                    boolean azure = before.contains("azure")
                            || before.contains("tenant")
                            || before.contains("microsoftonline")
                            || before.contains("entra");
                    return new Verdict(
                            azure ? "AZURE_AD_CLIENT_SECRET" : "OAUTH_CLIENT_SECRET", 0.8, m.start(1), m.end(1));
                }));
        // GitHub: ghp_ (PAT), gho_ (OAuth), ghu_/ghs_ (App user/server), ghr_ (refresh), then 36+ alnum.
        r.add(rule(
                "GITHUB_TOKEN",
                SPECIFIC,
                List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
                "(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36}[A-Za-z0-9._-]{0,700}+)",
                0,
                760,
                sampleAware("GITHUB_TOKEN", 0.95, v -> !isPlaceholder(v) && entropy(v) >= HEX_ENTROPY)));
        // GitHub fine-grained PATs: github_pat_, 22 alnum, _, 59 alnum.
        r.add(rule(
                "GITHUB_FINE_GRAINED_PAT",
                SPECIFIC,
                List.of("github_pat_"),
                "(?<![A-Za-z0-9_])(github_pat_[A-Za-z0-9]{20,30}_[A-Za-z0-9]{50,70})(?![A-Za-z0-9_])",
                0,
                120,
                group1("GITHUB_FINE_GRAINED_PAT", 0.95, v -> !isPlaceholder(v))));
        // GitLab: glpat- (personal/project/group access), gldt- (deploy), glrt- (runner), gloas- (OAuth app secret).
        r.add(rule(
                "GITLAB_TOKEN",
                SPECIFIC,
                List.of("glpat-", "gldt-", "glrt-", "gloas-"),
                "(?<![A-Za-z0-9_-])((?:glpat|gldt|glrt|gloas)-[A-Za-z0-9_.-]{20,120}+)",
                0,
                130,
                group1("GITLAB_TOKEN", 0.9, v -> !isPlaceholder(v) && entropy(v) >= ENTROPY)));
        // Slack tokens: xoxb- (bot), xoxp- (user), xoxa- (app), xoxr- (refresh), xoxe- (rotating), then dash groups.
        r.add(rule(
                "SLACK_TOKEN",
                SPECIFIC,
                List.of("xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxe-", "xoxe."),
                "(?<![A-Za-z0-9-])(xox[abpre](?:\\.xox[bp])?-[0-9]{1,20}-[A-Za-z0-9-]{10,250}+)",
                0,
                280,
                group1("SLACK_TOKEN", 0.9, v -> !isPlaceholder(v) && entropy(v) >= HEX_ENTROPY)));
        // Slack app-level tokens: xapp-<n>-<app id>-<digits>-<hex>.
        r.add(rule(
                "SLACK_APP_TOKEN",
                SPECIFIC,
                List.of("xapp-"),
                "(?<![A-Za-z0-9-])(xapp-[0-9]{1,3}-[A-Za-z0-9]{6,}-[0-9]{6,}-[A-Za-z0-9]{20,})",
                0,
                200,
                group1("SLACK_APP_TOKEN", 0.9, v -> !isPlaceholder(v))));
        // Slack incoming webhooks: https://hooks.slack.com/services/T.../B.../secret (and workflows, triggers).
        r.add(rule(
                "SLACK_WEBHOOK_URL",
                SPECIFIC,
                List.of("hooks.slack.com"),
                "(https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9]{6,}/[A-Za-z0-9]{6,}/"
                        + "[A-Za-z0-9/_-]{16,200})",
                8,
                260,
                group1("SLACK_WEBHOOK_URL", 0.9, v -> !isPlaceholder(v.substring(20)))));
        // Stripe: sk_ (secret) or rk_ (restricted), then live_ or test_, then alnum. Test keys score lower: they
        // reach only test-mode data, but that data and the account's settings are still behind them.
        r.add(rule(
                "STRIPE_KEY",
                SPECIFIC,
                List.of("sk_live_", "rk_live_", "sk_test_", "rk_test_"),
                "(?<![A-Za-z0-9_])((sk|rk)_(live|test)_[0-9A-Za-z]{16,247})(?![A-Za-z0-9_])",
                0,
                260,
                (t, m) -> {
                    String v = m.group(1);
                    if (isPlaceholder(v)
                            || v.startsWith(STRIPE_DOCS_SAMPLE)
                            || !hasDigit(v)
                            || entropy(v.substring(8)) < HEX_ENTROPY) {
                        return null;
                    }
                    boolean live = m.group(3).equals("live");
                    String type = live
                            ? (m.group(2).equals("rk") ? "STRIPE_RESTRICTED_KEY" : "STRIPE_SECRET_KEY")
                            : "STRIPE_TEST_KEY";
                    double score = DOCUMENTED_SAMPLES.contains(v) ? 0.4 : live ? 0.95 : 0.6;
                    return new Verdict(type, score, m.start(1), m.end(1));
                }));
        // Anthropic: sk-ant-api03-... (and admin01, oat01), base64url body.
        r.add(rule(
                "ANTHROPIC_API_KEY",
                SPECIFIC,
                List.of("sk-ant-"),
                "(?<![A-Za-z0-9_-])(sk-ant-[a-z]{2,8}[0-9]{2}-[A-Za-z0-9_-]{32,200}+)",
                0,
                230,
                group1("ANTHROPIC_API_KEY", 0.95, v -> !isPlaceholder(v) && mixed(v) && entropy(v) >= ENTROPY)));
        // OpenAI: sk- (legacy, 48 alnum), sk-proj-, sk-svcacct-, sk-admin-; most carry the marker "T3BlbkFJ".
        r.add(rule(
                "OPENAI_API_KEY",
                SPECIFIC,
                List.of("sk-"),
                "(?<![A-Za-z0-9_-])(sk-(?!ant-)(?:(proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,300}+)",
                0,
                320,
                (t, m) -> {
                    String v = m.group(1);
                    if (isPlaceholder(v)) {
                        return null;
                    }
                    String body = m.group(2) == null
                            ? v.substring(3)
                            : v.substring(m.group(2).length() + 4);
                    double score;
                    if (body.contains("T3BlbkFJ") && body.length() >= 40) {
                        score = 0.95;
                    } else if (m.group(2) != null && body.length() >= 40 && mixed(body) && entropy(body) >= 4.0) {
                        score = 0.85;
                    } else if (m.group(2) == null
                            && body.length() == 48
                            && body.chars().allMatch(Character::isLetterOrDigit)
                            && mixed(body)
                            && entropy(body) >= 4.0) {
                        score = 0.7;
                    } else {
                        return null;
                    }
                    return new Verdict("OPENAI_API_KEY", score, m.start(1), m.end(1));
                }));
        // Hugging Face user access tokens: hf_ then 34 letters (we accept 30-40 alnum, mixed case).
        r.add(rule(
                "HUGGINGFACE_TOKEN",
                SPECIFIC,
                List.of("hf_"),
                "(?<![A-Za-z0-9_])(hf_[A-Za-z0-9]{30,40})(?![A-Za-z0-9_])",
                0,
                44,
                group1("HUGGINGFACE_TOKEN", 0.9, v -> !isPlaceholder(v) && mixed(v) && entropy(v) >= ENTROPY)));
        // SendGrid API keys: "SG.", a 22-char key id, ".", a 43-char secret, both base64url. Needs its own rule: in
        // assignment context the dotted shape reads as a code reference (config.secret_key) and is dropped.
        r.add(rule(
                "SENDGRID_API_KEY",
                SPECIFIC,
                List.of("sg."),
                "(?<![\\w.-])(SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})(?![\\w.-])",
                0,
                72,
                group1("SENDGRID_API_KEY", 0.95, v -> !isPlaceholder(v) && entropy(v) >= ENTROPY)));
        // Mailgun's legacy API keys: "key-" then 32 hex. "key-" alone is a common word part, so some context must
        // say it is a credential: Mailgun named nearby, "api" as the basic-auth user before it, or a secret-ish name.
        r.add(rule(
                "MAILGUN_API_KEY",
                SPECIFIC,
                List.of("key-"),
                "(?<![\\w-])(key-[0-9a-f]{32})(?![\\w-])",
                0,
                36,
                (t, m) -> {
                    String v = m.group(1);
                    if (isPlaceholder(v) || entropy(v.substring(4)) < HEX_ENTROPY) {
                        return null;
                    }
                    String before = t.subSequence(Math.max(0, m.start() - 300), m.start())
                            .toString();
                    boolean context = before.toLowerCase(Locale.ROOT).contains("mailgun")
                            || MAILGUN_CONTEXT.matcher(before).find();
                    return context ? new Verdict("MAILGUN_API_KEY", 0.85, m.start(1), m.end(1)) : null;
                }));
        // Databricks personal access tokens: "dapi" then 32 hex, sometimes with a "-<digit>" suffix.
        r.add(rule(
                "DATABRICKS_TOKEN",
                SPECIFIC,
                List.of("dapi"),
                "(?<![\\w-])(dapi[0-9a-f]{32}(?:-[0-9])?)(?![\\w-])",
                0,
                40,
                group1("DATABRICKS_TOKEN", 0.9, v -> !isPlaceholder(v) && isHighEntropy(v.substring(4, 36)))));
        // PyPI API tokens: "pypi-" then a base64url macaroon whose fixed start encodes its location ("pypi.org" or
        // "test.pypi.org"), so the prefix alone is specific.
        r.add(rule(
                "PYPI_TOKEN",
                SPECIFIC,
                List.of("pypi-ageichlwas5vcmc", "pypi-agendgvzdc5wexbplm9yzw"),
                "(?<![\\w-])(pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}+)",
                0,
                1030,
                group1("PYPI_TOKEN", 0.95, v -> !isPlaceholder(v))));
        // Shopify: shpat_ (Admin API access token), shpca_ (custom app), shppa_ (private app), shpss_ (shared
        // secret), each then 32 hex.
        r.add(rule(
                "SHOPIFY_TOKEN",
                SPECIFIC,
                List.of("shpat_", "shpca_", "shppa_", "shpss_"),
                "(?<![\\w-])(shp(?:at|ca|pa|ss)_[0-9a-fA-F]{32})(?![\\w-])",
                0,
                40,
                group1("SHOPIFY_TOKEN", 0.9, v -> !isPlaceholder(v) && isHighEntropy(v.substring(6)))));
        // Stripe webhook signing secrets: "whsec_" then 32 or more base64-ish chars.
        r.add(rule(
                "STRIPE_WEBHOOK_SECRET",
                SPECIFIC,
                List.of("whsec_"),
                "(?<![\\w-])(whsec_[A-Za-z0-9+/=_-]{32,100}+)(?![\\w-])",
                0,
                110,
                group1("STRIPE_WEBHOOK_SECRET", 0.9, v -> !isPlaceholder(v) && isHighEntropy(v.substring(6)))));
        // JWT: three base64url parts; the header decodes to a JSON object with "alg".
        r.add(rule(
                "JWT",
                STRUCTURAL,
                List.of("eyj"),
                "(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,2000}+\\.[A-Za-z0-9_-]{8,8000}+\\.[A-Za-z0-9_-]{0,2000}+)",
                0,
                12100,
                (t, m) -> {
                    String v = m.group(1);
                    int dot1 = v.indexOf('.');
                    int dot2 = v.indexOf('.', dot1 + 1);
                    String header = decodeBase64Url(v.substring(0, dot1));
                    if (header == null || !header.trim().startsWith("{") || !header.contains("\"alg\"")) {
                        return null;
                    }
                    boolean unsigned = dot2 == v.length() - 1;
                    if (v.endsWith(JWT_IO_SAMPLE_SIGNATURE)) {
                        return null; // the documented sample every JWT tutorial shows
                    }
                    if (!unsigned && v.length() - dot2 - 1 < 16) {
                        return null;
                    }
                    return new Verdict("JWT", unsigned ? 0.5 : 0.85, m.start(1), m.end(1));
                }));
        // PEM private keys (PKCS#1, PKCS#8, EC, DSA, OpenSSH, encrypted, PGP): BEGIN line to END line, or to the
        // end of the base64 body when the END line is missing (truncated paste, streamed output).
        r.add(rule(
                "PRIVATE_KEY",
                STRUCTURAL,
                List.of("private key"),
                "-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----",
                60,
                30,
                (t, m) -> {
                    int bodyStart = m.end();
                    int limit = Math.min(t.length(), bodyStart + 16_000);
                    String str = t.toString();
                    Matcher end = PEM_END.matcher(str);
                    int bodyEnd = -1;
                    int spanEnd = -1;
                    for (int at = str.indexOf("-----END", bodyStart);
                            at >= 0 && at < limit;
                            at = str.indexOf("-----END", at + 1)) {
                        if (end.region(at, Math.min(str.length(), at + 80)).lookingAt()) {
                            bodyEnd = at;
                            spanEnd = end.end();
                            break;
                        }
                    }
                    if (bodyEnd < 0) {
                        int i = bodyStart;
                        while (i < limit && isPemBodyChar(t.charAt(i))) {
                            i++;
                        }
                        bodyEnd = i;
                        spanEnd = i;
                    }
                    int b64 = 0;
                    for (int i = bodyStart; i < bodyEnd; i++) {
                        char c = t.charAt(i);
                        if (Character.isLetterOrDigit(c) || c == '+' || c == '/') {
                            b64++;
                        }
                    }
                    String body = t.subSequence(bodyStart, bodyEnd).toString();
                    // a real key's body is long: only a short one can be a placeholder ("MIIE...xyz")
                    if (b64 < 24 || body.contains("...") || (body.length() <= 200 && isPlaceholder(body))) {
                        return null;
                    }
                    return new Verdict("PRIVATE_KEY", 0.95, m.start(), spanEnd);
                }));
        // Credentials in URLs: scheme://user:password@host. Database schemes are connection strings.
        r.add(rule(
                "CONNECTION_STRING_PASSWORD",
                STRUCTURAL,
                List.of("://"),
                "(?<![A-Za-z0-9+.-])((?:jdbc:)?([A-Za-z][A-Za-z0-9+.-]{1,30}))://([^\\s:/@'\"`<>]{0,128}):"
                        + "([^\\s@/'\"`<>]{1,256})@(?=[A-Za-z0-9\\[._-])",
                40,
                400,
                (t, m) -> {
                    String scheme = m.group(2).toLowerCase(Locale.ROOT);
                    String user = m.group(3);
                    String pw = m.group(4);
                    if (isPlaceholderPassword(pw) || pw.chars().allMatch(Character::isDigit) && pw.length() <= 5) {
                        return null;
                    }
                    boolean db = DB_SCHEMES.contains(scheme)
                            || m.group(1).toLowerCase(Locale.ROOT).startsWith("jdbc:");
                    // postgres:postgres, root:root: an installation default, reported below the default threshold
                    double score = pw.equals(user) ? 0.4 : db ? 0.9 : 0.8;
                    return new Verdict(
                            db ? "CONNECTION_STRING_PASSWORD" : "URL_CREDENTIALS", score, m.start(4), m.end(4));
                }));
        // Basic-auth credentials on a command line: curl -u user:password, wget --user=... --password=...
        r.add(rule(
                "CLI_CREDENTIALS",
                STRUCTURAL,
                List.of(" -u ", "--user ", "--user=", "--password"),
                "(?:\\s-u\\s+|\\s--user[ =])['\"]?[^\\s:'\"]{1,64}:([^\\s'\"]{4,128})['\"]?(?=\\s|$)"
                        + "|\\s--password[ =]['\"]?([^\\s'\"]{4,128})",
                20,
                220,
                (t, m) -> {
                    int g = m.group(1) != null ? 1 : 2;
                    return passwordAt(m, g, false, "CLI_CREDENTIALS", 0.8);
                }));
        // Password flags of clients that take the password itself as an argument: sshpass -p PW, docker/podman login
        // -p PW, twine upload -p TOKEN, and mysql/mariadb -pPW (attached: a bare -p makes them prompt instead).
        r.add(rule(
                "CLI_PASSWORD_FLAG",
                STRUCTURAL,
                List.of("sshpass", "docker login", "podman login", "twine upload", "mysql", "mariadb"),
                "(?<![\\w.-])(?:sshpass[ \\t]+(?:-[a-oq-zA-Z][ \\t]+)*-p[ \\t]*"
                        + "|(?:docker|podman)[ \\t]+login[ \\t][^\\n|;&]{0,200}?(?<=[ \\t])-p[ \\t]+"
                        + "|twine[ \\t]+upload[ \\t][^\\n|;&]{0,200}?(?<=[ \\t])-p[ \\t]+"
                        + "|(?:mysql|mariadb|mysqldump|mysqladmin|mariadb-dump)(?:\\.exe)?[ \\t][^\\n|;&<>]{0,200}?"
                        + "(?<=[ \\t])-p(?=[^\\s-]))"
                        + "(['\"]?)([^\\s'\"]{4,128})\\1(?=\\s|$)",
                12,
                260,
                // the flag says it is a password: a long mixed-case value needs no digit or symbol
                (t, m) -> passwordAt(m, 2, true, "CLI_CREDENTIALS", 0.8)));
        // HTTP basic auth as a (user, password) pair in code: requests' auth=("user", "pw"), HTTPBasicAuth("u", "pw"),
        // aiohttp's BasicAuth("u", "pw").
        r.add(rule(
                "BASIC_AUTH_PASSWORD",
                STRUCTURAL,
                List.of("auth"),
                "(?<![\\w.-])(?:auth[ \\t]*=[ \\t]*|(?:HTTP)?(?:Basic|Digest)Auth)\\([ \\t]*"
                        + "([\"'])[^\"'\\s]{1,64}\\1[ \\t]*,[ \\t]*([\"'])([^\\s\"']{4,128})\\2[ \\t]*\\)",
                14,
                260,
                (t, m) -> passwordAt(m, 3, true, "BASIC_AUTH_PASSWORD", 0.8)));
        // .pgpass lines: host:port:database:user:password, one per line. Keyed on the port field being PostgreSQL's
        // default 5432, PgBouncer's 6432 or the wildcard *, as nearly every such line has.
        r.add(rule(
                "PGPASS_PASSWORD",
                STRUCTURAL,
                List.of(":5432:", ":6432:", ":*:"),
                "(?<![^\\n])[ \\t]*[A-Za-z0-9*][A-Za-z0-9.*_-]{0,252}:(?:5432|6432|\\*):[^:\\s]{1,128}:[^:\\s]{1,128}:"
                        + "([^\\s]{4,256})[ \\t]*(?=\\r?\\n|$)",
                260,
                520,
                (t, m) -> passwordAt(m, 1, true, "PGPASS_PASSWORD", 0.85)));
        // A passphrase given in the sentence right before the encrypted private key it opens ("the key is protected
        // with passphrase PW" then -----BEGIN ENCRYPTED PRIVATE KEY-----).
        r.add(rule(
                "PRIVATE_KEY_PASSPHRASE",
                STRUCTURAL,
                List.of("passphrase"),
                "(?i:passphrase)(?:[ \\t]+(?i:is|was))?[ \\t]*[:=]?[ \\t]*(['\"]?)([^\\s'\"]{6,128}?)\\1[.,;]?[ \\t]*"
                        + "\\r?\\n(?:[ \\t]*\\r?\\n)?-----BEGIN (?:ENCRYPTED PRIVATE KEY|[A-Z ]{0,20}PRIVATE KEY-----"
                        + "\\r?\\nProc-Type: 4,ENCRYPTED)",
                0,
                260,
                (t, m) -> passwordAt(m, 2, false, "PRIVATE_KEY_PASSPHRASE", 0.8)));
        // JDBC URLs with a password property: jdbc:...;password=... or ?password=... / &password=...
        r.add(rule(
                "JDBC_PASSWORD",
                STRUCTURAL,
                List.of("jdbc:"),
                "(?i)jdbc:[a-z0-9:+.-]{1,40}[^\\s'\"`]{0,300}?[;?&:](?:password|pwd)=([^;&\\s'\"`]{1,256})",
                0,
                620,
                (t, m) -> isPlaceholderPassword(m.group(1))
                        ? null
                        : new Verdict("CONNECTION_STRING_PASSWORD", 0.9, m.start(1), m.end(1))));
        // .netrc entries: machine HOST login USER password SECRET (whitespace-separated, often one per line).
        r.add(rule(
                "NETRC_PASSWORD",
                STRUCTURAL,
                List.of("machine"),
                "(?<![\\w-])machine\\s+\\S{1,253}\\s+login\\s+\\S{1,128}\\s+password\\s+(\\S{4,256})",
                0,
                700,
                (t, m) -> {
                    String pw = m.group(1);
                    return isPlaceholderPassword(pw) || looksLikeReference(pw) || distinct(pw) < 5
                            ? null
                            : new Verdict("NETRC_PASSWORD", 0.85, m.start(1), m.end(1));
                }));
        // XML elements holding a secret: <password>...</password> in Maven's settings.xml, <secret>, <apiKey>, ...
        r.add(rule(
                "XML_SECRET",
                STRUCTURAL,
                List.of("password>", "passwd>", "secret>", "token>", "apikey>", "api_key>", "passphrase>"),
                "<((?i:[\\w.-]{0,40}(?:password|passwd|secret|token|apikey|api_key|passphrase)))>([^<>\\s]{6,512})</\\1>",
                64,
                600,
                (t, m) -> {
                    String v = m.group(2);
                    if (isPlaceholder(v) || looksLikeReference(v) || isPlaceholderPassword(v) || distinct(v) < 5) {
                        return null;
                    }
                    boolean random = v.length() >= 16 && isHighEntropy(v);
                    return random || hasDigit(v) || hasSymbol(v)
                            ? new Verdict("XML_SECRET", random ? 0.8 : 0.6, m.start(2), m.end(2))
                            : null;
                }));
        // An AWS secret access key written near its access key id without a name ("access key AKIA...\nsecret
        // e7PW..."): 40 chars of the key alphabet, high entropy, within 200 chars after the id.
        r.add(rule(
                "AWS_SECRET_NEAR_KEY_ID",
                STRUCTURAL,
                List.of("akia", "asia"),
                "(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])[\\s\\S]{1,200}?(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
                0,
                280,
                (t, m) -> {
                    String v = m.group(1);
                    boolean mixed = v.chars().anyMatch(Character::isUpperCase)
                            && v.chars().anyMatch(Character::isLowerCase)
                            && hasDigit(v);
                    return mixed && entropy(v) >= 4.2 && !v.contains("EXAMPLE")
                            ? new Verdict("AWS_SECRET_ACCESS_KEY", 0.85, m.start(1), m.end(1))
                            : null;
                }));
        // Go's MySQL DSN: user:password@tcp(host:port)/db (no scheme, so the URL rule does not see it).
        r.add(rule(
                "GO_DSN_PASSWORD",
                STRUCTURAL,
                List.of("@tcp(", "@unix("),
                "(?<![\\w.-])[A-Za-z0-9_.-]{1,64}:([^\\s:@'\"`/]{1,256})@(?:tcp|unix)\\(",
                330,
                10,
                (t, m) -> isPlaceholderPassword(m.group(1)) || looksLikeReference(m.group(1))
                        ? null
                        : new Verdict("CONNECTION_STRING_PASSWORD", 0.9, m.start(1), m.end(1))));
        // Assignments: name = value, name: value, "name": "value", name := value, name => value, Bearer headers.
        List<String> assignmentKeywords = List.of(
                "key",
                "secret",
                "token",
                "passw",
                "pwd",
                "pass",
                "auth",
                "credential",
                "creds",
                "salt",
                "signature",
                "sas");
        r.add(rule(
                "HIGH_ENTROPY_ASSIGNMENT",
                GENERIC,
                assignmentKeywords,
                "(?<![\\w.-])([A-Za-z_$@][\\w.-]{0,63})(?:\\\\?[\"'\\]]){0,2}[ \\t]*(?::=|=>|==?|:)[ \\t]*"
                        + "(?:!!binary[ \\t]+)?(?:(?:Bearer|Basic|Token|token)[ \\t]+)?((?:\\\\(?=[\"']))?[\"'`]?)"
                        + "((?<=[\"'`])(?:[^\\s\"'`\\\\]|\\\\(?![\"'`])){8,512}+"
                        + "|[^\\s\"'`,;()\\[\\]{}<>]{8,512}+)\\2"
                        + "(?![(<\\[{])",
                72,
                600,
                SecretsScanner::checkAssignment));
        // A secret passed with its name as a call's two string arguments: a header set in code
        // (AddDefaultHeader("api_key", "..."), headers.set("X-Api-Key", "...")), PHP's define('DB_PASSWORD', '...').
        // Judged as an assignment of the value to the name.
        r.add(rule(
                "CALL_ARGUMENT_SECRET",
                GENERIC,
                assignmentKeywords,
                "(?<=\\([ \\t]{0,8}[\"'])([A-Za-z_$@][\\w.-]{0,63})[\"'][ \\t]*,[ \\t]*([\"'])"
                        + "([^\\s\"'`]{8,512}+)\\2[ \\t]*\\)", // exactly two arguments: ps("Signature", "MD5...", x) is
                // none
                72,
                600,
                SecretsScanner::checkAssignment));
        return List.copyOf(r);
    }

    /**
     * The verdict for group {@code g}, a value given where a password goes (a flag, a pair, a .pgpass field): none for a
     * placeholder, a reference or a value of fewer than 5 distinct chars; else one when it holds a digit or a symbol,
     * or, if {@code longMixedCase}, is 12 chars or more in mixed case.
     */
    private static Verdict passwordAt(Matcher m, int g, boolean longMixedCase, String type, double score) {
        String pw = m.group(g);
        if (isPlaceholderPassword(pw) || looksLikeReference(pw) || distinct(pw) < 5) {
            return null;
        }
        boolean ok = hasDigit(pw) || hasSymbol(pw) || (longMixedCase && pw.length() >= 12 && mixed(pw));
        return ok ? new Verdict(type, score, m.start(g), m.end(g)) : null;
    }

    private static Verdict checkAssignment(CharSequence text, Matcher m) {
        String name = m.group(1);
        String value = m.group(3);
        List<String> parts = nameParts(name);
        if (parts.isEmpty()) {
            return null;
        }
        String last = parts.get(parts.size() - 1);
        if (NAME_EXCLUDED_SUFFIXES.contains(last) || DIGEST_NAME.matcher(last).matches()) {
            return null;
        }
        if (parts.equals(List.of("shopify", "api", "key")) && value.matches("[0-9a-fA-F]{32}")) {
            return null; // Shopify's API key is the app's public client id (the secret is the shpss_ shared secret)
        }
        boolean secretName = false;
        boolean passwordName = false;
        for (String p : parts) {
            if (SECRET_PARTS.contains(p)) {
                secretName = true;
            }
            // pgpassword, adminpassword: a password name run together with its qualifier
            if (PASSWORD_PARTS.contains(p) || p.endsWith("password") || p.endsWith("passwd")) {
                secretName = true;
                passwordName = true;
            }
        }
        if (!secretName
                || cacheKey(text, m.start(), parts)
                || isPlaceholder(value)
                || looksLikeReference(value)
                || value.startsWith("pk_")
                || value.endsWith(JWT_IO_SAMPLE_SIGNATURE)
                || value.contains("://")
                || value.startsWith("arn:")
                || sealed(text, m.start(), value)) {
            // pk_live_/pk_test_: Stripe's publishable keys are meant to be public; a URL's own credentials have their
            // rule, and an endpoint is no secret; an ARN names a resource; a sealed secret is encrypted to the cluster
            return null;
        }
        if (value.length() >= 16 && isHighEntropy(value)) {
            return new Verdict("HIGH_ENTROPY_ASSIGNMENT", 0.7, m.start(3), m.end(3));
        }
        if (passwordName
                && !isPlaceholderPassword(value)
                && (hasDigit(value) || hasSymbol(value))
                && distinct(value) >= 5) {
            return new Verdict("PASSWORD_ASSIGNMENT", 0.6, m.start(3), m.end(3));
        }
        return null;
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Whether a {@code key} names a cache entry, not a credential: {@code cache_key}, {@code cacheKey}, or a YAML
     * {@code key:} whose parent is {@code cache:} (GitLab CI, GitHub Actions). Such keys often end in a hash of the
     * lock file ({@code deps-9378854cc04b19a5}), which reads as random.
     */
    private static boolean cacheKey(CharSequence text, int start, List<String> parts) {
        if (!parts.get(parts.size() - 1).equals("key")) {
            return false;
        }
        if (parts.contains("cache")) {
            return true;
        }
        if (parts.size() != 1) {
            return false;
        }
        int lineStart = lineStart(text, start);
        int indent = indent(text, lineStart, start);
        if (lineStart + indent != start) {
            return false; // not a YAML key at the start of its line
        }
        // the nearest line above with less indentation is the parent key; look back a few lines only
        int end = lineStart - 1;
        for (int lines = 0; lines < 8 && end > 0; lines++) {
            int b = lineStart(text, end);
            int ind = indent(text, b, end);
            if (b + ind < end && ind < indent) {
                String parent = text.subSequence(b + ind, end).toString().strip();
                return parent.equals("cache:") || parent.equals("- cache:");
            }
            end = b - 1;
        }
        return false;
    }

    /** Where the line holding {@code pos} starts. */
    private static int lineStart(CharSequence text, int pos) {
        int b = pos;
        while (b > 0 && text.charAt(b - 1) != '\n') {
            b--;
        }
        return b;
    }

    /** The spaces at {@code from}, up to {@code limit}. */
    private static int indent(CharSequence text, int from, int limit) {
        int n = 0;
        while (from + n < limit && text.charAt(from + n) == ' ') {
            n++;
        }
        return n;
    }

    /**
     * Whether a long value sits under {@code encryptedData:} of a Bitnami SealedSecret: ciphertext only the cluster's
     * controller can open, meant to be committed (its base64 starts "Ag", the format's version byte).
     */
    private static boolean sealed(CharSequence text, int start, String value) {
        if (value.length() < 100 || !value.startsWith("Ag")) {
            return false;
        }
        String before = text.subSequence(Math.max(0, start - 4000), start).toString();
        return before.contains("encryptedData:") && before.contains("SealedSecret");
    }

    /** Whether a value in assignment context is random enough to be a secret (see the class comment). */
    static boolean isHighEntropy(String v) {
        if (UUID.matcher(v).matches()) {
            return false;
        }
        boolean hex =
                v.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
        double h = entropy(v);
        if (hex) {
            return h >= HEX_ENTROPY && hasDigit(v) && v.chars().anyMatch(Character::isLetter);
        }
        if (h < ENTROPY) {
            return false;
        }
        return hasDigit(v) || (v.length() >= 32 && mixed(v));
    }

    /** Shannon entropy of the chars of {@code s}, in bits per char. */
    static double entropy(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return 0;
        }
        Map<Character, Integer> wide = null;
        int[] counts = new int[128];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                if (wide == null) {
                    wide = new HashMap<>();
                }
                wide.merge(c, 1, Integer::sum);
            }
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        if (wide != null) {
            for (int c : wide.values()) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(2);
    }

    static boolean isPlaceholder(String v) {
        if (v.endsWith("...") || v.endsWith("\u2026")) {
            return true; // elided: "sk_live_..." shows the shape of a key, not a key
        }
        String l = v.toLowerCase(Locale.ROOT);
        for (String w : PLACEHOLDER_WORDS) {
            if (l.contains(w)) {
                return true;
            }
        }
        return distinct(v) < 5;
    }

    private static boolean isPlaceholderPassword(String pw) {
        String l = pw.toLowerCase(Locale.ROOT);
        return isPlaceholder(pw)
                || l.startsWith("$")
                || l.startsWith("%")
                || l.contains("pass")
                || l.contains("pwd")
                || l.contains("secret")
                || l.equals("admin")
                || l.equals("root")
                || l.equals("user")
                || l.equals("guest")
                || l.equals("test");
    }

    /** Values that name something rather than hold it: env var names, dotted code references, file paths. */
    private static boolean looksLikeReference(String v) {
        if (v.startsWith("$") || v.startsWith("%") || v.startsWith("@") || v.startsWith("/") || v.startsWith("./")) {
            return true;
        }
        if (ENV_NAME.matcher(v).matches()) {
            return true; // DB_PASSWORD
        }
        if (!DOTTED_NAME.matcher(v).matches()) {
            return false;
        }
        String head = v.substring(0, v.indexOf('.'));
        // config.secret_key is a reference; Cobalt5064.tundra is a password: code names rarely hold 3 digits in a row,
        // and those that do are camel-cased (x509Credentials.popPrivateKey, CertificateX509Key.NAME)
        return !(head.length() >= 12 && hasDigit(head) && isHighEntropy(head))
                && !(DIGIT_RUN.matcher(v).find() && !CAMEL_HUMP.matcher(v).find() && !v.endsWith(".class"));
    }

    private static List<String> nameParts(String name) {
        List<String> parts = new ArrayList<>();
        for (String p : CAMEL.split(name)) {
            if (!p.isEmpty()) {
                parts.add(p.toLowerCase(Locale.ROOT));
            }
        }
        return parts;
    }

    private static boolean isPemBodyChar(char c) {
        return Character.isLetterOrDigit(c)
                || c == '+'
                || c == '/'
                || c == '='
                || c == '\\'
                || c == ':'
                || c == '-'
                || c == ','
                || c == ' '
                || c == '\n'
                || c == '\r'
                || c == '\t';
    }

    static int distinct(String s) {
        return (int) s.chars().distinct().count();
    }

    private static boolean hasDigit(String s) {
        return s.chars().anyMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean hasSymbol(String s) {
        return s.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
    }

    private static boolean mixed(String s) {
        return s.chars().anyMatch(Character::isUpperCase) && s.chars().anyMatch(Character::isLowerCase);
    }

    private static String decodeBase64Url(String part) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(part.replace("=", ""));
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
