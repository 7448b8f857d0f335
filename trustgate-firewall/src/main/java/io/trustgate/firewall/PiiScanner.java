package io.trustgate.firewall;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanDeadline;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scanner for structured personal data (PII) in prompts and responses: e-mail addresses, phone numbers, payment
 * cards, IBANs, US social security numbers, IP addresses, dates of birth, person names and street addresses. Finding
 * types are Presidio's names ({@code EMAIL_ADDRESS}, {@code PHONE_NUMBER}, {@code CREDIT_CARD}, {@code IBAN_CODE},
 * {@code US_SSN}, {@code IP_ADDRESS}, {@code PERSON}) plus {@code DATE_OF_BIRTH} for a date in birth context (Presidio
 * only has {@code DATE_TIME}) and {@code STREET_ADDRESS} (Presidio's {@code LOCATION} also covers cities and
 * countries, which are not personal data on their own).
 *
 * <p><b>Threat:</b> OWASP LLM02, sensitive information disclosure: personal data sent to an upstream model (input
 * stage) or leaked by it (output stage). The chain masks or reversibly anonymises what this finds (see
 * {@link Redactor}).
 *
 * <p><b>Where:</b> input and output chains; scans {@link ScanText#original()} so that the spans are the ones to
 * redact, and the normalised text too when it differs, for values hidden by invisible chars or fullwidth forms
 * ({@link NormalizedSpans}). Each value is checked, not just matched: Luhn and issuer ranges for cards, the
 * per-country length and mod-97 for IBANs, the invalid ranges for SSNs, octet ranges for IPv4, a structural parser for
 * IPv6 (no {@code InetAddress}, so never DNS), libphonenumber's {@code Leniency.VALID} for phone numbers.
 *
 * <p><b>Cost:</b> linear in the text; a 2 KB prompt takes tens of microseconds on an idle machine (see
 * {@code PiiScannerCorpusTest}). libphonenumber runs only on windows around digit runs, once per configured region.
 * Names and addresses add about 27 us on that prompt (measured in one JVM against the whole scan's 376 us, on a
 * loaded 2-core machine): one pass over the capitalised words with set look-ups, and the address patterns only at
 * house numbers.
 *
 * <p><b>Names and addresses</b> are heuristics, described in {@link NamesAndAddresses}: a gazetteer of some 4,600 given
 * names, titles and context cues for {@code PERSON} (scores 0.6 to 0.9 by the evidence); house number, street words
 * and suffix (US, UK, German, French, Italian, Spanish forms) for {@code STREET_ADDRESS}. Measured on a held-out span
 * corpus: PERSON recall 0.83 at precision 1.00, STREET_ADDRESS 1.00 / 1.00 (see {@code PiiNamesCorpusTest}); the
 * misses are names outside the gazetteer with no title or cue. On names written blind by someone else (nine
 * languages, many look-alikes) PERSON was 0.80 precision at 0.65 recall (docs/firewall.md).
 *
 * <p><b>Limits:</b> names in lower case, all caps or uncased scripts, and surnames alone without a title, are missed;
 * organisations and places named like people ({@code Christian Dior}) are reported as persons. Phone numbers are
 * found only in the configured regions' national formats or in international {@code +CC} or {@code 00CC} format; a
 * national number must be valid (libphonenumber's VALID) unless a phone keyword precedes it, a {@code +CC} number or one
 * after a keyword need only fit its plan's lengths (POSSIBLE), a {@code 00CC} number must also belong to a region of its
 * country code, and a bare digit run with no separator counts only after a keyword. A number after a reference word
 * ("Ref.", "kenmerk", "Vorgangsnummer", "please quote") or in a column named as references ({@code case_ref},
 * {@code policy_number}) is not a phone number; neither is a year and a serial ({@code 2025-481177}). A bare 9-digit SSN
 * needs an SSN keyword nearby. Dates of birth need a birth keyword within about 40 chars (English, German, French,
 * Spanish, Italian, Portuguese, Dutch, Polish, the Nordic languages, Finnish, Czech, Greek, Turkish) or a table column
 * headed as one ({@code dob}, {@code geb_datum}, {@code datum_narozeni}); month names in those languages. In delimited
 * tables a header names birth-date, phone and reference columns. IBANs are all upper case or all lower case. Cards
 * are Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay and Maestro; a card-shaped run that a letter precedes (the
 * inside of an IBAN) or that a fifth group of four digits continues (a tracking number) is none. A dotted quad is not
 * an IP address after "version" or "v", after a version word earlier on its line (upgraded, firmware, dependency,
 * {@code agent_build}) with no address word there, or when it is loopback, unspecified, broadcast, a netmask
 * ({@code 255.255.240.0}) or a network with its prefix ({@code 10.0.0.0/16}). E-mail addresses inside a URL's user-info ({@code https://user:pw@host}) and scp-style git
 * remotes ({@code git@host:org/repo}) are not reported: the first is a credential (the secrets scanner's job), the
 * second is not a person's address. Values spelled out or split over lines are missed.
 */
public final class PiiScanner implements Scanner {
    /** Default regions for national phone formats. */
    public static final List<String> DEFAULT_REGIONS = List.of("US", "GB", "DE", "FR", "IN");

    static final String EMAIL = "EMAIL_ADDRESS";
    static final String PHONE = "PHONE_NUMBER";
    static final String CARD = "CREDIT_CARD";
    static final String IBAN = "IBAN_CODE";
    static final String SSN = "US_SSN";
    static final String IP = "IP_ADDRESS";
    static final String DOB = "DATE_OF_BIRTH";

    /** When findings of different types overlap, the one earlier in this list wins. */
    private static final List<String> PRIORITY =
            List.of(EMAIL, IBAN, CARD, SSN, IP, DOB, PHONE, NamesAndAddresses.ADDRESS, NamesAndAddresses.PERSON);

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private static final Pattern CARD_CANDIDATE = Pattern.compile("(?<![\\p{L}\\d-])\\d(?:[ -]?\\d){12,18}(?!\\d)");
    private static final Pattern SSN_FORMATTED =
            Pattern.compile("(?<![\\d-])(\\d{3})([- ])(\\d{2})\\2(\\d{4})(?![\\d-])");
    private static final Pattern SSN_BARE = Pattern.compile("(?<![\\d-])(\\d{3})(\\d{2})(\\d{4})(?![\\d-])");
    private static final Pattern SSN_KEYWORD = Pattern.compile(
            "\\b(?:ssn|ss#|social\\s+security|soc\\.?\\s*sec|social(?=\\s+(?:is|number|no\\b|#)))",
            Pattern.CASE_INSENSITIVE);
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 =
            Pattern.compile("(?<![\\d.])(?<!\\d\\.)" + OCTET + "(?:\\." + OCTET + "){3}(?!\\d|\\.\\d)");
    private static final Pattern VERSION_CONTEXT =
            Pattern.compile("(?:\\b(?:version|ver|release|build|v)\\.?\\s*|[A-Za-z_])$", Pattern.CASE_INSENSITIVE);
    /** Words before a dotted quad on its line that make it a version ("upgraded the agent from 8.15.17.185"). */
    private static final Pattern VERSION_CUE = Pattern.compile(
            "(?<![A-Za-z])(?:firmware|versions?|release|build|upgrad\\w*|updat\\w*|downgrad\\w*|bump\\w*|dependenc\\w*|"
                    + "package|librar\\w*|driver|patch\\w*|section|chapter|clause|paragraph|sec\\.)(?![A-Za-z])",
            Pattern.CASE_INSENSITIVE);
    /** Words that make a dotted quad an address whatever else the line says. */
    private static final Pattern ADDRESS_CUE = Pattern.compile(
            "(?<![A-Za-z])(?:ip|ipv4|address|addr|host|hostname|server|client|gateway|dns|subnet|ping|connect\\w*|login|"
                    + "logged|request\\w*|source|src|dst|destination|peer|remote)(?![A-Za-z])",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern IPV6_CANDIDATE = Pattern.compile("(?<![\\w:.])[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]*");
    private static final Pattern UUID =
            Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
    private static final Pattern PHONE_WINDOW = Pattern.compile("[+(]?\\d[\\d\\s().\\-/\u2010-\u2015]{5,}\\d");
    private static final Pattern PHONE_KEYWORD = Pattern.compile(
            "(?<![\\p{L}])(?:phone|tel|telephone|call|mobile|cell|fax|whatsapp|sms|text|contact|telefon|handy|"
                    + "t[ée]l[ée]phone|portable|mobil|ph|ring|reach|n[úu]mero|tel[ée]fono|m[óo]vil|cellulare|telefono|"
                    + "telefoonnummer|nummer|rappeler|appeler|joindre|ll[áa]m\\p{L}*|chiam\\p{L}*|bel|bellen|"
                    + "anrufen|erreichbar|kontakt|numer|numerem|numeru|mobilnummer|telefonnummer|handynummer|rufnummer|"
                    + "telefone|telefonic[oa]|telem[óo]vel|celular|ligar|ligue|puhelin|tlf|tfn|τηλέφωνο|телефон|"
                    + "(?-i:[TMPF])\\s?:)(?![\\p{L}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern DATE_LIKE = Pattern.compile(
            "\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}|\\d{1,2}:\\d{2}(?::\\d{2})?");

    /** SSN shape, amounts with thousands separators, part numbers ending in a check digit. */
    private static final Pattern NOT_PHONE_SHAPE =
            Pattern.compile("\\d{3}-\\d{2}-\\d{4}|\\d{1,3}(?:[ ,.]\\d{3})+|.*[- ./]\\d|(?:19|20)\\d{2}[-/]\\d{4,8}");
    /** A dotted quad, with or without a prefix length: an IP address or a network, never a phone number. */
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}(?:/\\d{1,2})?");

    private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october|november"
            + "|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|januar|februar|märz|maerz|mai|juni|juli"
            + "|oktober|dezember|janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre"
            + "|novembre|décembre|decembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre"
            + "|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
            + "|januari|februari|maart|mei|augustus|oktober|janeiro|fevereiro|março|marco|maio|junho|julho|setembro"
            + "|outubro|novembro|dezembro|maj|augusti|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia"
            + "|września|wrzesnia|października|pazdziernika|listopada|grudnia|marts|desember"
            // Finnish (partitive), Czech (genitive), Greek (genitive), Turkish
            + "|tammikuuta|helmikuuta|maaliskuuta|huhtikuuta|toukokuuta|kesäkuuta|heinäkuuta|elokuuta|syyskuuta"
            + "|lokakuuta|marraskuuta|joulukuuta|ledna|února|března|dubna|května|června|července|srpna|září|října"
            + "|listopadu|prosince|ιανουαρίου|φεβρουαρίου|μαρτίου|απριλίου|μαΐου|μαίου|ιουνίου|ιουλίου|αυγούστου"
            + "|σεπτεμβρίου|οκτωβρίου|νοεμβρίου|δεκεμβρίου|ocak|şubat|subat|mart|nisan|mayıs|mayis|haziran|temmuz"
            + "|ağustos|agustos|eylül|eylul|ekim|kasım|kasim|aralık|aralik";
    private static final Pattern DATE = Pattern.compile(
            "(?<![\\w.])(?:"
                    + "(?<y1>\\d{4})-(?<m1>\\d{1,2})-(?<d1>\\d{1,2})"
                    + "|(?<a2>\\d{1,2})[./-](?<b2>\\d{1,2})[./-](?<y2>\\d{4}|\\d{2})"
                    + "|(?<d3>\\d{1,2})(?:st|nd|rd|th|er|º|°)?\\.?\\s+(?:of\\s+|de\\s+)?(?<m3>" + MONTHS
                    + ")\\.?,?\\s+(?:de\\s+)?(?<y3>\\d{4})"
                    + "|(?<m4>" + MONTHS + ")\\.?\\s+(?<d4>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<y4>\\d{4})"
                    + "|(?<d5>\\d{1,2})(?<s5>[-/])(?<m5>" + MONTHS + ")\\k<s5>(?<y5>\\d{4})"
                    // Czech and Slovak write "25. 1. 1994"
                    + "|(?<a6>\\d{1,2})\\.\\s(?<b6>\\d{1,2})\\.\\s(?<y6>\\d{4})"
                    // compact (Swedish personal numbers start so): only ever read near a birth word or in its column
                    + "|(?<y7>(?:19|20)\\d{2})(?<m7>0[1-9]|1[0-2])(?<d7>0[1-9]|[12]\\d|3[01])"
                    + ")(?![\\w])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern BIRTH_KEYWORD = Pattern.compile(
            // the look-ahead holds the first letter of every word below: most word starts then fail at once instead of
            // trying each of some 50 alternatives (this regex read every text twice and was half of the scanner's time)
            "(?<![\\p{L}])(?=[bdfgnosuγ])(?:born|dob|d\\.o\\.b\\.?|date[\\s_]+of[\\s_]+birth|birth[\\s_-]*date|birthdate|birthday|n[ée]e?"
                    + "|geboren|geburtsdatum|geburtstag|geb\\.|date\\s+de\\s+naissance|fecha\\s+de\\s+nacimiento|nacid[oa]"
                    + "|data\\s+di\\s+nascita|(?-i:nat[oa])|data\\s+de\\s+nascimento|nascid[oa]|geboortedatum"
                    + "|född|födelsedatum|födelsedag|urodzon[yaei]|data\\s+urodzenia|ur\\."
                    // any "... of birth" (a typo'd "dte of birth"; a letter class before it cost a step at every
                    // letter of the text), Nordic, Finnish, Czech, Greek, Turkish, Spanish and
                    // Italian form labels
                    + "|of\\s+birth|født|fødselsdato|fødselsdag|syntynyt|syntym[äa]{1,2}ika"
                    + "|syntymäpäivä|narozen[aáý]?|datum\\s+narozen\\p{L}*|nar\\.|γέννησης|γεννήθηκε|γεννηθ\\p{L}*"
                    + "|do[gğ]um[\\s_]+tarihi|do[gğ]umlu|f\\.\\s?nac\\.?|nat[oa]/[ao])(?![\\p{L}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final int BIRTH_WINDOW = 40;

    private final List<String> regions;

    /** A scanner over the {@link #DEFAULT_REGIONS}. */
    public PiiScanner() {
        this(DEFAULT_REGIONS);
    }

    /**
     * A scanner whose phone detection uses the given regions (ISO 3166 alpha-2, e.g. {@code US}) for national formats;
     * international {@code +CC} numbers are found whatever the regions.
     */
    public PiiScanner(List<String> regions) {
        Objects.requireNonNull(regions, "regions");
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("pii scanner: phone regions must not be empty");
        }
        for (String r : regions) {
            if (!PHONES.getSupportedRegions().contains(r)) {
                throw new IllegalArgumentException("pii scanner: unknown phone region '" + r + "'");
            }
        }
        this.regions = List.copyOf(regions);
    }

    @Override
    public String name() {
        return "pii";
    }

    @Override
    public List<Finding> scan(ScanText text) {
        return NormalizedSpans.withNormalized(text, scan(text.original()), this::scan);
    }

    /** Scans a plain string; the spans are offsets in it. */
    public List<Finding> scan(String s) {
        List<Finding> all = new ArrayList<>();
        int[] segments = numericSegments(s);
        // each pass is linear: a chain's time limit is checked between them and in their loops
        ScanDeadline.checkNow();
        emails(s, all);
        ScanDeadline.checkNow();
        ibans(s, all);
        ScanDeadline.checkNow();
        cards(s, segments, all);
        ssns(s, segments, all);
        ipv4(s, segments, all);
        ScanDeadline.checkNow();
        ipv6(s, all);
        ScanDeadline.checkNow();
        datesOfBirth(s, all);
        ScanDeadline.checkNow();
        phones(s, segments, all);
        ScanDeadline.checkNow();
        tableColumns(s, all);
        ScanDeadline.checkNow();
        List<NamesAndAddresses.Hit> hits = new ArrayList<>();
        NamesAndAddresses.addresses(s, hits);
        ScanDeadline.checkNow();
        NamesAndAddresses.persons(s, hits);
        for (NamesAndAddresses.Hit h : hits) {
            all.add(finding(h.type(), h.score(), h.start(), h.end()));
        }
        return resolveOverlaps(all);
    }

    /**
     * The maximal runs of digits and number punctuation that hold a digit, as start/end pairs. Cards, SSNs, IPv4
     * addresses and phone numbers lie inside one such run, so their patterns run only there (with transparent bounds
     * for the look-arounds): prose costs one pass over its chars.
     */
    static int[] numericSegments(String s) {
        int[] out = new int[16];
        int n = 0;
        int i = 0;
        int len = s.length();
        while (i < len) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                i++;
                continue;
            }
            int start = i;
            while (start > 0 && isNumberPunct(s.charAt(start - 1))) {
                start--;
            }
            int end = i;
            while (end < len && (isDigit(s.charAt(end)) || isNumberPunct(s.charAt(end)))) {
                end++;
            }
            if (n + 2 > out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            out[n++] = start;
            out[n++] = end;
            i = end;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isNumberPunct(char c) {
        return c == ' '
                || c == '-'
                || c == '.'
                || c == '/'
                || c == '('
                || c == ')'
                || c == '+'
                || c == '\t'
                || c == '\n'
                || c == '\r'
                || c == '\u00a0'
                || (c >= '\u2010' && c <= '\u2015');
    }

    /** A matcher of {@code p} over {@code s} restricted to segment {@code k}. */
    private static Matcher inSegment(Pattern p, String s, int[] segments, int k) {
        Matcher m = p.matcher(s);
        m.region(segments[2 * k], segments[2 * k + 1]);
        m.useTransparentBounds(true);
        return m;
    }

    private Finding finding(String type, double score, int start, int end) {
        return new Finding(name(), Category.PII, type, score, start, end);
    }

    private static List<Finding> resolveOverlaps(List<Finding> all) {
        all.sort(Comparator.comparingInt((Finding f) -> PRIORITY.indexOf(f.type()))
                .thenComparingInt(f -> -(f.end() - f.start())));
        List<Finding> kept = new ArrayList<>();
        TreeMap<Integer, Integer> taken = new TreeMap<>(); // start -> end of kept spans, which never overlap
        for (Finding f : all) {
            if (!overlaps(taken, f.start(), f.end())) {
                taken.put(f.start(), f.end());
                kept.add(f);
            }
        }
        kept.sort(Comparator.comparingInt(Finding::start));
        return kept;
    }

    private static boolean overlaps(TreeMap<Integer, Integer> taken, int start, int end) {
        Map.Entry<Integer, Integer> before = taken.floorEntry(start);
        if (before != null && before.getValue() > start) {
            return true;
        }
        Map.Entry<Integer, Integer> after = taken.ceilingEntry(start);
        return after != null && after.getKey() < end;
    }

    // ---- e-mail ----------------------------------------------------------------------------------------------

    private static boolean isLocalChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+/=?^_`{|}~-.".indexOf(c) >= 0;
    }

    private static boolean isDomainChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }

    private void emails(String s, List<Finding> out) {
        int at = s.indexOf('@');
        while (at >= 0) {
            ScanDeadline.tick();
            int start = at;
            while (start > 0 && at - start < 64 && isLocalChar(s.charAt(start - 1))) {
                start--;
            }
            int runStart = start; // a run cut by the 64-char limit is no address
            // "remote=git@host", "user=ana@example.org": '=' is legal in a local part, but in logs it ends a key
            for (int i = at - 1; i >= start; i--) { // within the local part only: a text of many '@' stays linear
                if (s.charAt(i) == '=') {
                    start = i + 1;
                    break;
                }
            }
            // a local part never starts with a dot, and '/' or quotes before it are usually URL or path punctuation
            while (start < at && (s.charAt(start) == '.' || s.charAt(start) == '/' || s.charAt(start) == '\'')) {
                start++;
            }
            int end = at + 1;
            while (end < s.length() && end - at < 254 && isDomainChar(s.charAt(end))) {
                end++;
            }
            while (end > at + 1 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == '-')) {
                end--;
            }
            if (start < at
                    && validLocal(s, start, at)
                    && validDomain(s.substring(at + 1, end))
                    && !(runStart > 0 && isLocalChar(s.charAt(runStart - 1)))
                    && !inUrlUserInfo(s, start)
                    && !messageIdHeader(s, start)
                    && !isScpGitRemote(s, start, at, end)) {
                out.add(finding(EMAIL, 0.95, start, end));
            }
            at = s.indexOf('@', at + 1);
        }
    }

    private static boolean validLocal(String s, int start, int end) {
        if (s.charAt(end - 1) == '.') {
            return false;
        }
        for (int i = start + 1; i < end; i++) {
            if (s.charAt(i) == '.' && s.charAt(i - 1) == '.') {
                return false;
            }
        }
        return true;
    }

    /** The mail headers whose {@code <...@...>} values are message identifiers, not mailboxes. */
    private static final Pattern MESSAGE_ID_HEADER =
            Pattern.compile("(?i)^\\s*(?:message-id|in-reply-to|references|content-id)\\s*:");

    /** Whether the address at {@code start} is inside {@code <>} on a Message-ID, In-Reply-To or References line. */
    private static boolean messageIdHeader(String s, int start) {
        if (start == 0 || s.charAt(start - 1) != '<') {
            return false;
        }
        int line = start - 1;
        while (line > 0 && start - line < 2000 && s.charAt(line - 1) != '\n') {
            line--;
        }
        return MESSAGE_ID_HEADER.matcher(s).region(line, start).find();
    }

    /** Endings of image files named {@code name@2x.png}: never a top-level domain. */
    private static final Set<String> FILE_ENDINGS =
            Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff");

    private static boolean validDomain(String d) {
        String[] labels = d.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String l : labels) {
            if (l.isEmpty() || l.length() > 63 || l.charAt(0) == '-' || l.charAt(l.length() - 1) == '-') {
                return false;
            }
        }
        String tld = labels[labels.length - 1];
        if (tld.length() < 2 || FILE_ENDINGS.contains(tld.toLowerCase(Locale.ROOT))) {
            return false;
        }
        for (int i = 0; i < tld.length(); i++) {
            if (!Character.isLetter(tld.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code start} sits in the authority of a URL, as in {@code https://user:pw@host}. */
    private static boolean inUrlUserInfo(String s, int start) {
        int i = start - 1;
        while (i >= 0 && start - i < 256) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '/' && (i == 0 || s.charAt(i - 1) != '/')) {
                return false;
            }
            if (c == '/' && i >= 2 && s.charAt(i - 1) == '/' && s.charAt(i - 2) == ':') {
                return true;
            }
            i--;
        }
        return false;
    }

    private static boolean isScpGitRemote(String s, int start, int at, int end) {
        return s.regionMatches(start, "git", 0, 3) && at - start == 3 && end < s.length() && s.charAt(end) == ':';
    }

    // ---- payment cards ---------------------------------------------------------------------------------------

    private void cards(String s, int[] segments, List<Finding> out) {
        for (int k = 0; k < segments.length / 2; k++) {
            ScanDeadline.tick();
            Matcher m = inSegment(CARD_CANDIDATE, s, segments, k);
            while (m.find()) {
                ScanDeadline.tick();
                card(s, m, out);
            }
        }
    }

    private void card(String s, Matcher m, List<Finding> out) {
        int start = m.start();
        int end = m.end();
        // the greedy match may have swallowed a following group: try the longest valid prefix ending at a group
        while (end > start) {
            String digits = digitsOf(s, start, end);
            if (digits.length() >= 13 && luhn(digits) && issuerAccepts(digits) && consistentSeparators(s, start, end)) {
                if (!groupContinues(s, start, end)) {
                    out.add(finding(CARD, 0.9, start, end));
                }
                break;
            }
            int cut = lastSeparator(s, start, end);
            if (cut < 0) {
                break;
            }
            end = cut;
        }
    }

    /**
     * Whether a full group of four digits follows with the number's own separator ("6519 2032 0677 9879 2514"): the
     * number is longer than a card (a tracking number) and its first 16 digits passing Luhn is chance.
     */
    private static boolean groupContinues(String s, int start, int end) {
        if (end + 5 > s.length()) {
            return false;
        }
        char sep = s.charAt(end);
        if (sep != ' ' && sep != '-') {
            return false;
        }
        int groupStart = lastSeparator(s, start, end);
        if (groupStart < 0 || s.charAt(groupStart) != sep) {
            return false;
        }
        for (int i = end + 1; i < end + 5; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return end + 5 == s.length() || !isDigit(s.charAt(end + 5));
    }

    private static boolean consistentSeparators(String s, int start, int end) {
        char sep = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '-') {
                if (sep == 0) {
                    sep = c;
                } else if (sep != c) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int lastSeparator(String s, int start, int end) {
        for (int i = end - 1; i > start; i--) {
            char c = s.charAt(i);
            if (c == ' ' || c == '-') {
                return i;
            }
        }
        return -1;
    }

    static String digitsOf(String s, int start, int end) {
        StringBuilder b = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** Whether a known issuer uses this prefix with this length. */
    static boolean issuerAccepts(String d) {
        int len = d.length();
        int p1 = d.charAt(0) - '0';
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p3 = Integer.parseInt(d.substring(0, 3));
        int p4 = Integer.parseInt(d.substring(0, 4));
        if (p1 == 4) { // Visa
            return len == 13 || len == 16 || len == 19;
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) { // Mastercard
            return len == 16;
        }
        if (p2 == 34 || p2 == 37) { // American Express
            return len == 15;
        }
        if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65) { // Discover
            return len >= 16 && len <= 19;
        }
        if (p4 >= 3528 && p4 <= 3589) { // JCB
            return len >= 16 && len <= 19;
        }
        if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) { // Diners Club
            return len >= 14 && len <= 19;
        }
        if (p2 == 62) { // UnionPay
            return len >= 16 && len <= 19;
        }
        if (p4 == 5018
                || p4 == 5020
                || p4 == 5038
                || p4 == 5893
                || p4 == 6304
                || p4 == 6759
                || (p4 >= 6761 && p4 <= 6763)) {
            return len >= 12 && len <= 19; // Maestro (and the Irish Laser range 6304, now Maestro)
        }
        return false;
    }

    // ---- IBAN ------------------------------------------------------------------------------------------------

    /** IBAN length per country, from the SWIFT IBAN registry. */
    static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24),
            Map.entry("AE", 23),
            Map.entry("AL", 28),
            Map.entry("AT", 20),
            Map.entry("AZ", 28),
            Map.entry("BA", 20),
            Map.entry("BE", 16),
            Map.entry("BG", 22),
            Map.entry("BH", 22),
            Map.entry("BI", 27),
            Map.entry("BR", 29),
            Map.entry("BY", 28),
            Map.entry("CH", 21),
            Map.entry("CR", 22),
            Map.entry("CY", 28),
            Map.entry("CZ", 24),
            Map.entry("DE", 22),
            Map.entry("DJ", 27),
            Map.entry("DK", 18),
            Map.entry("DO", 28),
            Map.entry("EE", 20),
            Map.entry("EG", 29),
            Map.entry("ES", 24),
            Map.entry("FI", 18),
            Map.entry("FK", 18),
            Map.entry("FO", 18),
            Map.entry("FR", 27),
            Map.entry("GB", 22),
            Map.entry("GE", 22),
            Map.entry("GI", 23),
            Map.entry("GL", 18),
            Map.entry("GR", 27),
            Map.entry("GT", 28),
            Map.entry("HR", 21),
            Map.entry("HU", 28),
            Map.entry("IE", 22),
            Map.entry("IL", 23),
            Map.entry("IQ", 23),
            Map.entry("IS", 26),
            Map.entry("IT", 27),
            Map.entry("JO", 30),
            Map.entry("KW", 30),
            Map.entry("KZ", 20),
            Map.entry("LB", 28),
            Map.entry("LC", 32),
            Map.entry("LI", 21),
            Map.entry("LT", 20),
            Map.entry("LU", 20),
            Map.entry("LV", 21),
            Map.entry("LY", 25),
            Map.entry("MC", 27),
            Map.entry("MD", 24),
            Map.entry("ME", 22),
            Map.entry("MK", 19),
            Map.entry("MN", 20),
            Map.entry("MR", 27),
            Map.entry("MT", 31),
            Map.entry("MU", 30),
            Map.entry("NI", 28),
            Map.entry("NL", 18),
            Map.entry("NO", 15),
            Map.entry("OM", 23),
            Map.entry("PK", 24),
            Map.entry("PL", 28),
            Map.entry("PS", 29),
            Map.entry("PT", 25),
            Map.entry("QA", 29),
            Map.entry("RO", 24),
            Map.entry("RS", 22),
            Map.entry("RU", 33),
            Map.entry("SA", 24),
            Map.entry("SC", 31),
            Map.entry("SD", 18),
            Map.entry("SE", 24),
            Map.entry("SI", 19),
            Map.entry("SK", 24),
            Map.entry("SM", 27),
            Map.entry("SO", 23),
            Map.entry("ST", 25),
            Map.entry("SV", 28),
            Map.entry("TL", 23),
            Map.entry("TN", 24),
            Map.entry("TR", 26),
            Map.entry("UA", 29),
            Map.entry("VA", 22),
            Map.entry("VG", 24),
            Map.entry("XK", 20),
            Map.entry("YE", 30));

    private void ibans(String s, List<Finding> out) {
        int i = 0;
        int last = s.length() - 4;
        while (i <= last) {
            if ((i & 0xFFF) == 0) {
                // a pass over every char, once per text: it can run long before the JIT compiles it, so the clock
                // is read every 4K chars (a tick would read it every 64 ticks)
                ScanDeadline.checkNow();
            }
            char c0 = s.charAt(i);
            // all in upper case, or all in lower case (typed by hand: "nl02rabo..."); never mixed
            boolean lower = isLower(c0);
            if ((isUpper(c0) || lower)
                    && (lower ? isLower(s.charAt(i + 1)) : isUpper(s.charAt(i + 1)))
                    && isDigit(s.charAt(i + 2))
                    && isDigit(s.charAt(i + 3))
                    && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
                Integer len = IBAN_LENGTHS.get(s.substring(i, i + 2).toUpperCase(Locale.ROOT));
                int end = len == null ? -1 : ibanEnd(s, i, len, lower);
                if (end > 0 && mod97(s.substring(i, end).replace(" ", "").toUpperCase(Locale.ROOT)) == 1) {
                    out.add(finding(IBAN, 0.95, i, end));
                    i = end;
                    continue;
                }
            }
            i++;
        }
    }

    /** The end of an IBAN of {@code len} chars starting at {@code start}, spaces only between groups of 4; or -1. */
    private static int ibanEnd(String s, int start, int len, boolean lower) {
        int i = start;
        int n = 0;
        boolean spaced = false;
        while (n < len) {
            if (i >= s.length()) {
                return -1;
            }
            char c = s.charAt(i);
            if (c == ' ' && n > 0 && n % 4 == 0 && (spaced || n == 4)) {
                spaced = true;
                i++;
                continue;
            }
            if (!((lower ? isLower(c) : isUpper(c)) || (c >= '0' && c <= '9'))) {
                return -1;
            }
            if (spaced && n % 4 == 0 && s.charAt(i - 1) != ' ') {
                return -1;
            }
            n++;
            i++;
        }
        if (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
            return -1;
        }
        return i;
    }

    static int mod97(String iban) {
        String r = iban.substring(4) + iban.substring(0, 4);
        int mod = 0;
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            int v = c >= 'A' && c <= 'Z' ? c - 'A' + 10 : c - '0';
            mod = v >= 10 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
        }
        return mod;
    }

    // ---- US SSN ----------------------------------------------------------------------------------------------

    private void ssns(String s, int[] segments, List<Finding> out) {
        for (int k = 0; k < segments.length / 2; k++) {
            ScanDeadline.tick();
            Matcher m = inSegment(SSN_FORMATTED, s, segments, k);
            while (m.find()) {
                ScanDeadline.tick();
                if (validSsn(m.group(1), m.group(3), m.group(4))) {
                    out.add(finding(SSN, 0.85, m.start(), m.end()));
                }
            }
            Matcher b = inSegment(SSN_BARE, s, segments, k);
            while (b.find()) {
                ScanDeadline.tick();
                if (validSsn(b.group(1), b.group(2), b.group(3))
                        && keywordNear(s, SSN_KEYWORD, b.start(), b.end(), 40)) {
                    out.add(finding(SSN, 0.7, b.start(), b.end()));
                }
            }
        }
    }

    static boolean validSsn(String area, String group, String serial) {
        int a = Integer.parseInt(area);
        String whole = area + "-" + group + "-" + serial;
        return a != 0
                && a != 666
                && a < 900
                && !group.equals("00")
                && !serial.equals("0000")
                && !whole.equals("078-05-1120")
                && !whole.equals("219-09-9999");
    }

    private static boolean keywordNear(String s, Pattern keyword, int start, int end, int window) {
        Matcher k = keyword.matcher(s);
        k.region(Math.max(0, start - window), Math.min(s.length(), end + window));
        k.useTransparentBounds(true);
        return k.find();
    }

    // ---- IP addresses ----------------------------------------------------------------------------------------

    private void ipv4(String s, int[] segments, List<Finding> out) {
        for (int k = 0; k < segments.length / 2; k++) {
            ScanDeadline.tick();
            Matcher m = inSegment(IPV4, s, segments, k);
            while (m.find()) {
                ScanDeadline.tick();
                int from = Math.max(0, m.start() - 12);
                if (!VERSION_CONTEXT.matcher(s.substring(from, m.start())).find()
                        && !versionOnItsLine(s, m.start())
                        && !notAHost(s, m.start(), m.end())) {
                    out.add(finding(IP, 0.9, m.start(), m.end()));
                }
            }
        }
    }

    /** A version cue earlier on the line (within 60 chars) and no address cue there. */
    private static boolean versionOnItsLine(String s, int start) {
        int from = start;
        while (from > 0 && start - from < 60 && s.charAt(from - 1) != '\n') {
            from--;
        }
        String before = s.substring(from, start);
        return VERSION_CUE.matcher(before).find()
                && !ADDRESS_CUE.matcher(before).find();
    }

    /**
     * Loopback, unspecified and broadcast addresses, and a network written with its prefix length and a zero host
     * part ({@code 10.0.0.0/16}), name no person's device.
     */
    private static boolean notAHost(String s, int start, int end) {
        String v = s.substring(start, end);
        if (v.startsWith("127.") || v.equals("0.0.0.0") || v.equals("255.255.255.255") || netmask(v)) {
            return true;
        }
        return v.endsWith(".0") && end + 1 < s.length() && s.charAt(end) == '/' && isDigit(s.charAt(end + 1));
    }

    /** A contiguous netmask ({@code 255.255.240.0}): a mask, not any device's address. */
    static boolean netmask(String quad) {
        if (!quad.startsWith("255.")) {
            return false;
        }
        long v = 0;
        for (String octet : quad.split("\\.")) {
            v = (v << 8) | Integer.parseInt(octet);
        }
        long host = ~v & 0xFFFFFFFFL; // the host bits of a mask are a run of ones at the end
        return (host & (host + 1)) == 0;
    }

    private void ipv6(String s, List<Finding> out) {
        if (s.indexOf(':') < 0) {
            return;
        }
        Matcher m = IPV6_CANDIDATE.matcher(s);
        while (m.find()) {
            ScanDeadline.tick();
            int start = m.start();
            int end = m.end();
            if (end - start < 3) {
                continue;
            }
            // sentence punctuation after the address
            while (end > start && s.charAt(end - 1) == '.') {
                end--;
            }
            if (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                continue;
            }
            String c = s.substring(start, end);
            if (c.endsWith(":") && !c.endsWith("::")) {
                c = c.substring(0, c.length() - 1);
                end--;
            }
            boolean network =
                    c.endsWith("::") && end + 1 < s.length() && s.charAt(end) == '/' && isDigit(s.charAt(end + 1));
            // loopback and unspecified name no device; 2001:db8::/32 is a network, as 10.0.0.0/8 is
            if (isIpv6(c) && !c.equals("::1") && !c.equals("::") && !network) {
                out.add(finding(IP, 0.9, start, end));
            }
        }
    }

    /** A structural IPv6 literal check (RFC 4291 text forms, with an optional trailing dotted quad). */
    static boolean isIpv6(String c) {
        if (c.length() < 2 || c.length() > 45) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < c.length(); i++) {
            if (Character.isDigit(c.charAt(i))) {
                digit = true;
                break;
            }
        }
        if (!digit) {
            return false; // "dead::beef", "abc::def": code, far more often than addresses
        }
        int dc = c.indexOf("::");
        if (dc >= 0 && c.indexOf("::", dc + 1) >= 0) {
            return false;
        }
        if (c.contains(":::")) {
            return false;
        }
        String head = dc >= 0 ? c.substring(0, dc) : c;
        String tail = dc >= 0 ? c.substring(dc + 2) : "";
        int groups = 0;
        for (String part : new String[] {head, tail}) {
            if (part.isEmpty()) {
                continue;
            }
            String[] gs = part.split(":", -1);
            for (int i = 0; i < gs.length; i++) {
                String g = gs[i];
                boolean last = part == (dc >= 0 ? tail : head) && i == gs.length - 1;
                if (g.contains(".")) {
                    if (!last || !g.matches(OCTET + "(?:\\." + OCTET + "){3}")) {
                        return false;
                    }
                    groups += 2;
                } else {
                    if (g.isEmpty() || g.length() > 4) {
                        return false;
                    }
                    for (int j = 0; j < g.length(); j++) {
                        if (Character.digit(g.charAt(j), 16) < 0) {
                            return false;
                        }
                    }
                    groups++;
                }
            }
        }
        if (dc >= 0 && head.contains(".")) {
            return false;
        }
        return dc >= 0 ? groups <= 7 : groups == 8;
    }

    // ---- dates of birth --------------------------------------------------------------------------------------

    private void datesOfBirth(String s, List<Finding> out) {
        if (!mayHoldBirthKeyword(s)) {
            return;
        }
        Matcher k = BIRTH_KEYWORD.matcher(s);
        if (!k.find()) {
            return;
        }
        // dates only near keywords, so that a long text with one keyword does not pay the date pattern everywhere
        TreeMap<Integer, Integer> near = new TreeMap<>();
        List<int[]> keywords = new ArrayList<>(); // kept for the second loop: the keyword regex reads the text once
        int searched = 0;
        do {
            ScanDeadline.tick(); // per keyword: a text of keywords and no dates would otherwise never check
            keywords.add(new int[] {k.start(), k.end()});
            int from = Math.max(searched, k.start() - BIRTH_WINDOW - 40);
            int to = Math.min(s.length(), k.end() + BIRTH_WINDOW + 40);
            if (from < to) {
                Matcher d = DATE.matcher(s);
                d.region(from, to);
                d.useTransparentBounds(true);
                while (d.find()) {
                    ScanDeadline.tick();
                    if (plausibleDate(d)) {
                        near.put(d.start(), d.end());
                    }
                }
                searched = to;
            }
        } while (k.find());
        if (near.isEmpty()) {
            return;
        }
        List<int[]> dates = new ArrayList<>();
        near.forEach((a, b) -> dates.add(new int[] {a, b}));
        List<int[]> taken = new ArrayList<>();
        for (int[] kw : keywords) {
            ScanDeadline.tick();
            if (headerCell(s, kw[0], kw[1])) {
                continue; // a table's column name: its column is read by tableColumns, not the dates near it
            }
            int[] best = null;
            for (int[] date : dates) { // nearest date after the keyword
                if (date[0] >= kw[1] && date[0] - kw[1] <= BIRTH_WINDOW) {
                    best = date;
                    break;
                }
            }
            if (best == null) {
                for (int i = dates.size() - 1; i >= 0; i--) { // else the nearest before it
                    int[] date = dates.get(i);
                    if (date[1] <= kw[0] && kw[0] - date[1] <= BIRTH_WINDOW) {
                        best = date;
                        break;
                    }
                }
            }
            if (best != null && !taken.contains(best)) {
                taken.add(best);
                out.add(finding(DOB, 0.8, best[0], best[1]));
            }
        }
    }

    /**
     * Whether {@code [start, end)} lies in a cell of its own of a delimited line ({@code ;}, {@code ,}, tab or
     * {@code |}, at least two of them): a header such as {@code full_name;follow_up;dob}.
     */
    private static boolean headerCell(String s, int start, int end) {
        int a = start;
        while (a > 0 && isNameChar(s.charAt(a - 1))) {
            a--;
        }
        int b = end;
        while (b < s.length() && isNameChar(s.charAt(b))) {
            b++;
        }
        char before = a > 0 ? s.charAt(a - 1) : '\n';
        char after = b < s.length() ? s.charAt(b) : '\n';
        char delim = isCellDelimiter(before) ? before : isCellDelimiter(after) ? after : 0;
        if (delim == 0 || !(before == delim || before == '\n') || !(after == delim || after == '\n' || after == '\r')) {
            return false;
        }
        // a header is a short line: looking no further than MAX_HEADER_CHARS keeps a long line of keywords linear
        int lineStart = start;
        while (lineStart > 0 && s.charAt(lineStart - 1) != '\n') {
            if (start - --lineStart > MAX_HEADER_CHARS) {
                return false;
            }
        }
        int lineEnd = end;
        while (lineEnd < s.length() && s.charAt(lineEnd) != '\n') {
            if (++lineEnd - lineStart > MAX_HEADER_CHARS) {
                return false;
            }
        }
        int count = 0;
        for (int i = lineStart; i < lineEnd && count < 2; i++) {
            if (s.charAt(i) == delim) {
                count++;
            }
        }
        if (count < 2) {
            return false;
        }
        // a key-value row ("| Datum narození | 25. 1. 1994 |") holds its date; a header row holds none
        return !DATE.matcher(s).region(lineStart, lineEnd).find();
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ' ' || c == '-';
    }

    private static boolean isCellDelimiter(char c) {
        return c == ';' || c == ',' || c == '\t' || c == '|';
    }

    private static final String[] BIRTH_STEMS = {
        "born",
        "dob",
        "d.o.b",
        "birth",
        "né",
        "nee",
        "geb",
        "naissance",
        "nacimiento",
        "nacid",
        "nascit",
        "nascid",
        "nato",
        "nata",
        "geboorte",
        "nascim",
        "föd",
        "urodz",
        "ur.",
        "of birth",
        "føds",
        "født",
        "synty",
        "naroz",
        "nar.",
        "γέννη",
        "γεννή",
        "γεννη",
        "doğum",
        "dogum",
        "nac."
    };

    private static boolean mayHoldBirthKeyword(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        for (String stem : BIRTH_STEMS) {
            if (lower.indexOf(stem) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean plausibleDate(Matcher d) {
        if (d.group("y1") != null) {
            return month(d.group("m1")) && day(d.group("d1"));
        }
        if (d.group("y2") != null) {
            int a = Integer.parseInt(d.group("a2"));
            int b = Integer.parseInt(d.group("b2"));
            return a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12);
        }
        if (d.group("y3") != null) {
            return day(d.group("d3"));
        }
        if (d.group("y5") != null) {
            return day(d.group("d5"));
        }
        if (d.group("y6") != null) {
            return day(d.group("a6")) && month(d.group("b6"));
        }
        if (d.group("y7") != null) {
            return true; // its groups only take valid months and days
        }
        return day(d.group("d4"));
    }

    private static boolean month(String m) {
        int v = Integer.parseInt(m);
        return v >= 1 && v <= 12;
    }

    private static boolean day(String m) {
        int v = Integer.parseInt(m);
        return v >= 1 && v <= 31;
    }

    // ---- tables: a header names the column ---------------------------------------------------------------------

    private static final Pattern BIRTH_COLUMN = Pattern.compile(
            "(?:dob|d\\.o\\.b\\.?|birth[ _-]?date|date[ _-]?of[ _-]?birth|birthday|born|geburtsdatum|geb\\.?|"
                    + "date[ _-]?de[ _-]?naissance|fecha[ _-]?(?:de[ _-]?)?nacimiento|data[ _-]?di[ _-]?nascita|"
                    + "geboortedatum|data[ _-]?(?:de[ _-]?)?nascimento|geb[ _-]?datum|f[øöo]dselsdato|f[öo]delsedatum|"
                    + "syntym[äa]{1,2}ika|datum[ _-]?naroz\\p{L}*|do[gğ]um[ _-]?tarihi|data[ _-]?urodzenia|"
                    + "\\p{L}*[ _-]?γέννησης)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern PHONE_COLUMN = Pattern.compile(
            "(?:(?:phone|t[ée]l|telephone|mobile|cell|fax|telefon|handy|t[ée]l[ée]phone|portable|tel[ée]fono|m[óo]vil|"
                    + "cellulare|telefoonnummer|mobiel)(?:[ _-]?(?:number|no\\.?|nr\\.?|nummer|#))?)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** A birth-date column name with a number after it: "dob_2", "datum_narozeni_2". */
    private static boolean birthColumnWithSuffix(String cell) {
        int cut = cell.length();
        while (cut > 0 && isDigit(cell.charAt(cut - 1))) {
            cut--;
        }
        while (cut > 0 && cut < cell.length() && (cell.charAt(cut - 1) == '_' || cell.charAt(cut - 1) == ' ')) {
            cut--;
        }
        return cut > 0
                && cut < cell.length()
                && BIRTH_COLUMN.matcher(cell.substring(0, cut)).matches();
    }

    /**
     * Column names that say a column holds references (case, policy, order, invoice, tax and account numbers): a
     * phone-shaped number in such a column is not a phone number.
     */
    private static final Pattern ID_COLUMN = Pattern.compile(
            "(?:\\p{L}+[ _-])?(?:ref|reference|r[ée]f[ée]rence|referen[ct]ia|riferimento|kenmerk|case|ticket|polic[ey]|"
                    + "polizza|order|invoice|ein|vat|tracking|account|konto|customer|member|claim|[äa]rende\\p{L}*|"
                    + "fall\\p{L}*|aktenzeichen|vorgang\\p{L}*|sags\\p{L}*|saks\\p{L}*|dossier|expediente|pratica|"
                    + "sipari\\p{L}*|objedn\\p{L}*|faktur\\p{L}*|fattura|factura|rechnung\\p{L}*|pedido|commande|"
                    + "zam[óo]wieni\\p{L}*|ordre\\p{L}*|ordernummer|bestell\\p{L}*)"
                    + "(?:[ _-]?(?:id|no\\.?|nr\\.?|number|num|nummer|n[º°o]|#|ref|\\d+))*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern SSN_COLUMN =
            Pattern.compile("(?:ssn|ss#|social[ _-]?security(?:[ _-]?(?:number|no\\.?|#))?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_CELL = Pattern.compile("[\\p{L}][\\p{L}\\d _.#-]{0,40}");
    private static final int MAX_TABLE_ROWS = 10_000;
    private static final int MAX_HEADER_CHARS = 400;
    /** The stems of {@link #BIRTH_COLUMN} and {@link #PHONE_COLUMN} names, for a cheap first look. */
    private static final KeywordAutomaton COLUMN_WORDS = new KeywordAutomaton(List.of(
            "dob",
            "d.o.b",
            "birth",
            "born",
            "geburt",
            "geb.",
            "naissance",
            "nacimiento",
            "nascita",
            "geboorte",
            "nascimento",
            "geb_",
            "geb ",
            "dselsdato", // fødselsdato (the automaton reads ASCII; the header's own check reads the rest)
            "delsedatum",
            "syntym",
            "naroz",
            "tarihi",
            "urodzenia",
            "phone",
            "tel",
            "mobile",
            "cell",
            "fax",
            "handy",
            "portable",
            "movil",
            "cellulare",
            "mobiel",
            "ssn",
            "ss#",
            "social",
            "ref",
            "case",
            "polic",
            "order",
            "invoice",
            "ein",
            "ticket",
            "rende",
            "claim",
            "tracking"));

    /**
     * Delimited text (CSV, TSV, pipes) whose header names a birth-date or phone column: the dates and numbers in that
     * column, however far from the header, are dates of birth and phone numbers. A row with another cell count ends
     * the table.
     */
    private void tableColumns(String s, List<Finding> out) {
        int nl = s.indexOf('\n');
        if (nl < 0) {
            return;
        }
        // one automaton pass finds the lines that could be a header; prose lines with commas are never split
        java.util.BitSet candidates = new java.util.BitSet();
        COLUMN_WORDS.forEachMatch(s, (a, start, end) -> candidates.set(start));
        if (candidates.isEmpty()) {
            return;
        }
        List<int[]> idCells = new ArrayList<>(); // in text order
        int lineStart = 0;
        while (lineStart < s.length()) {
            int lineEnd = s.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = s.length();
            }
            ScanDeadline.tick();
            int hit = candidates.nextSetBit(lineStart);
            char delim = hit >= 0 && hit < lineEnd && lineEnd - lineStart <= MAX_HEADER_CHARS
                    ? delimiter(s, lineStart, lineEnd)
                    : 0;
            if (delim != 0) {
                List<int[]> cells = cells(s, lineStart, lineEnd, delim);
                long births = 0; // a bit per birth-date column ("datum_narozeni", "datum_narozeni_2")
                int phone = -1;
                int ssn = -1;
                long ids = 0; // a bit per reference column
                boolean header = true;
                for (int i = 0; i < cells.size() && header; i++) {
                    String c = s.substring(cells.get(i)[0], cells.get(i)[1]);
                    header = HEADER_CELL.matcher(c).matches();
                    if (BIRTH_COLUMN.matcher(c).matches() || (i < 64 && birthColumnWithSuffix(c))) {
                        births |= i < 64 ? 1L << i : 0;
                    } else if (PHONE_COLUMN.matcher(c).matches()) {
                        phone = i;
                    } else if (SSN_COLUMN.matcher(c).matches()) {
                        ssn = i;
                    } else if (i < 64 && ID_COLUMN.matcher(c).matches()) {
                        ids |= 1L << i;
                    }
                }
                if (header && (births != 0 || phone >= 0 || ssn >= 0 || ids != 0)) {
                    lineEnd = tableRows(
                            s, lineEnd, delim, cells.size(), births, ids, new int[] {phone, ssn}, idCells, out);
                }
            }
            lineStart = lineEnd + 1;
        }
        if (!idCells.isEmpty()) {
            // phones were found before the tables were read: a reference column takes its numbers back
            out.removeIf(f -> f.type().equals(PHONE) && inCell(idCells, f.start(), f.end()));
        }
    }

    /** Whether {@code [start, end)} lies inside one of the cells, which are in text order. */
    private static boolean inCell(List<int[]> cells, int start, int end) {
        int lo = 0;
        int hi = cells.size() - 1;
        while (lo <= hi) { // the last cell that starts at or before start
            int mid = (lo + hi) >>> 1;
            if (cells.get(mid)[0] <= start) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi >= 0 && end <= cells.get(hi)[1];
    }

    /**
     * Reads the rows after a header whose birth-date, phone and SSN columns are {@code columns} (-1: none); returns
     * where the table ends. A Markdown separator row ({@code |---|:--:|}) is skipped.
     */
    private int tableRows(
            String s,
            int from,
            char delim,
            int width,
            long births,
            long ids,
            int[] columns,
            List<int[]> idCells,
            List<Finding> out) {
        int phone = columns[0];
        int ssn = columns[1];
        int lineStart = from + 1;
        int rows = 0;
        int end = from;
        while (lineStart < s.length() && rows++ < MAX_TABLE_ROWS) {
            int lineEnd = s.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = s.length();
            }
            List<int[]> cells = cells(s, lineStart, lineEnd, delim);
            if (cells.size() != width) {
                return end;
            }
            if (delim == '|' && separatorRow(s, cells)) {
                end = lineEnd;
                lineStart = lineEnd + 1;
                continue;
            }
            if (ssn >= 0) {
                int[] c = cells.get(ssn);
                Matcher m = SSN_FORMATTED.matcher(s).region(c[0], c[1]);
                Matcher b = SSN_BARE.matcher(s).region(c[0], c[1]);
                boolean valid = m.matches()
                        ? validSsn(m.group(1), m.group(3), m.group(4))
                        : b.matches() && validSsn(b.group(1), b.group(2), b.group(3));
                if (valid && !covered(out, c[0], c[1])) {
                    out.add(finding(SSN, 0.8, c[0], c[1]));
                }
            }
            for (long b = ids; b != 0; b &= b - 1) {
                idCells.add(cells.get(Long.numberOfTrailingZeros(b)));
            }
            for (long b = births; b != 0; b &= b - 1) {
                int[] c = cells.get(Long.numberOfTrailingZeros(b));
                Matcher d = DATE.matcher(s);
                d.region(c[0], c[1]);
                if (d.matches() && plausibleDate(d) && !covered(out, c[0], c[1])) {
                    out.add(finding(DOB, 0.8, c[0], c[1]));
                }
            }
            if (phone >= 0) {
                int[] c = cells.get(phone);
                if (c[1] - c[0] >= 7 && !covered(out, c[0], c[1]) && possiblePhone(s.substring(c[0], c[1]))) {
                    out.add(finding(PHONE, 0.75, c[0], c[1]));
                }
            }
            end = lineEnd;
            lineStart = lineEnd + 1;
        }
        return end;
    }

    /** Whether every cell is a Markdown alignment cell: dashes, with a colon at either end. */
    private static boolean separatorRow(String s, List<int[]> cells) {
        for (int[] c : cells) {
            if (c[0] == c[1]) {
                continue; // the border's empty cells
            }
            for (int i = c[0]; i < c[1]; i++) {
                char ch = s.charAt(i);
                if (ch != '-' && !(ch == ':' && (i == c[0] || i == c[1] - 1))) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean possiblePhone(String v) {
        int digits = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (isDigit(c)) {
                digits++;
            } else if (!isNumberPunct(c)) {
                return false;
            }
        }
        if (digits < 7 || digits > 15) {
            return false;
        }
        for (String region : regions) {
            try {
                if (PHONES.isPossibleNumber(PHONES.parse(v, region))) {
                    return true;
                }
            } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                // not a number in this region's format; try the next
            }
        }
        return false;
    }

    private static boolean covered(List<Finding> out, int start, int end) {
        for (Finding f : out) {
            if (f.start() < end && start < f.end()) {
                return true;
            }
        }
        return false;
    }

    /** The line's delimiter: the first of tab, semicolon, pipe, comma that occurs in it, or 0. */
    private static char delimiter(String s, int from, int to) {
        char found = 0;
        int rank = 4;
        for (int i = from; i < to; i++) { // one pass over the line, not one search per delimiter to the text's end
            int r = DELIMITERS.indexOf(s.charAt(i));
            if (r >= 0 && r < rank) {
                rank = r;
                found = DELIMITERS.charAt(r);
                if (r == 0) {
                    break;
                }
            }
        }
        return found;
    }

    /** Delimiters in order of preference. */
    private static final String DELIMITERS = "\t;|,";

    /** The cells of a line, trimmed, as start/end pairs (no quoting: a quoted delimiter ends a cell). */
    private static List<int[]> cells(String s, int from, int to, char delim) {
        List<int[]> out = new ArrayList<>();
        int a = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == delim) {
                int cs = a;
                int ce = i;
                while (cs < ce && (Character.isWhitespace(s.charAt(cs)) || s.charAt(cs) == '"')) {
                    cs++;
                }
                while (ce > cs && (Character.isWhitespace(s.charAt(ce - 1)) || s.charAt(ce - 1) == '"')) {
                    ce--;
                }
                out.add(new int[] {cs, ce});
                a = i + 1;
            }
        }
        // a Markdown row "| a | b |": the empty cells outside its borders are no columns
        if (delim == '|'
                && out.size() > 2
                && out.get(0)[0] == out.get(0)[1]
                && out.get(out.size() - 1)[0] == out.get(out.size() - 1)[1]) {
            out = new ArrayList<>(out.subList(1, out.size() - 1));
        }
        return out;
    }

    // ---- phone numbers ---------------------------------------------------------------------------------------

    private void phones(String s, int[] segments, List<Finding> out) {
        if (segments.length == 0) {
            return;
        }
        TreeMap<Integer, Integer> uuids = new TreeMap<>();
        if (s.indexOf('-') >= 0) {
            Matcher u = UUID.matcher(s);
            while (u.find()) {
                ScanDeadline.tick();
                uuids.put(u.start(), u.end());
            }
        }
        // a run that a stronger finding (card, IBAN, SSN, IP, date of birth) covers would lose the overlap anyway
        TreeMap<Integer, Integer> stronger = new TreeMap<>();
        for (Finding f : out) {
            stronger.merge(f.start(), f.end(), Math::max);
        }
        int lastEnd = -1;
        TreeMap<Integer, Integer> found = new TreeMap<>();
        for (int k = 0; k < segments.length / 2; k++) {
            ScanDeadline.tick();
            Matcher w = inSegment(PHONE_WINDOW, s, segments, k);
            while (w.find()) {
                ScanDeadline.tick();
                Map.Entry<Integer, Integer> cover = stronger.floorEntry(w.start());
                if (cover != null && cover.getValue() >= w.end()) {
                    continue;
                }
                lastEnd = phoneWindow(s, w, lastEnd, uuids, found);
            }
        }
        found.forEach((start, end) -> out.add(finding(PHONE, 0.75, start, end)));
    }

    private int phoneWindow(
            String s, Matcher w, int lastEnd, TreeMap<Integer, Integer> uuids, TreeMap<Integer, Integer> found) {
        if (!worthParsing(s, w.start(), w.end())) {
            return lastEnd;
        }
        int ws = Math.max(Math.max(0, w.start() - 8), Math.min(lastEnd, w.start()));
        int we = windowEnd(s, w.start(), w.end());
        lastEnd = we;
        String window = s.substring(ws, we);
        boolean international = s.charAt(w.start()) == '+';
        // a number written +CC, or after a phone keyword, is a phone number if its length fits the country's plan:
        // fictional (555-01xx) and newly assigned ranges fail libphonenumber's validity check but are still numbers
        PhoneNumberUtil.Leniency leniency = international || keywordBefore(s, w.start())
                ? PhoneNumberUtil.Leniency.POSSIBLE
                : PhoneNumberUtil.Leniency.VALID;
        if (iddIn(s, w.start(), w.end())) {
            // "0033 6 39 98 92 81": 00 is the international prefix of most of the world, as + is; only numbers that
            // start so are read this way, and each must belong to a region of its country code ("001 01110011",
            // binary, does not: no North American number starts with 0)
            for (PhoneNumberMatch pm :
                    PHONES.findNumbers(window, IDD_00_REGION, PhoneNumberUtil.Leniency.POSSIBLE, 50)) {
                int start = ws + pm.start();
                int end = ws + pm.end();
                if (s.startsWith("00", start)
                        && PHONES.getRegionCodeForNumber(pm.number()) != null
                        && acceptPhone(s, start, end, uuids)
                        && !overlaps(found, start, end)) {
                    found.put(start, end);
                }
            }
        }
        for (String region : regions) {
            boolean hit = false;
            for (PhoneNumberMatch pm : PHONES.findNumbers(window, region, leniency, 50)) {
                int start = ws + pm.start();
                int end = ws + pm.end();
                if (acceptPhone(s, start, end, uuids) && !overlaps(found, start, end)) {
                    found.put(start, end);
                    hit |= start <= w.start() && end >= w.end();
                }
            }
            if (international || hit) {
                break; // a +CC number parses the same in every region; a fully covered run needs no other region
            }
        }
        return lastEnd;
    }

    /** Whether a number in the run starts with 00 and a country code: at the run's start or after a space or tab. */
    private static boolean iddIn(String s, int start, int end) {
        for (int i = start; i + 2 < end; i++) {
            if (s.charAt(i) == '0'
                    && s.charAt(i + 1) == '0'
                    && s.charAt(i + 2) >= '1'
                    && s.charAt(i + 2) <= '9'
                    && (i == start || s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
                return true;
            }
        }
        return false;
    }

    /** A region whose international prefix is 00, to read a number written 00CC... (in the US it is 011). */
    private static final String IDD_00_REGION = "DE";

    /** An extension after a number: "ext 4624", "Ext. 27", "x12", "#3". */
    private static final Pattern EXTENSION =
            Pattern.compile("\\s*(?:ext\\.?|extension|x|#)\\s*\\d{1,6}(?!\\d)", Pattern.CASE_INSENSITIVE);

    /**
     * Where the text given to libphonenumber for the run {@code [start, end)} ends: 8 chars on, but never inside a
     * digit run or an extension (a cut "ext 46|24" made the whole number fail), and at a bracket the run opens and
     * does not close ("+44 (0)7700 900342 (24h)": with the "(24" libphonenumber found nothing).
     */
    private static int windowEnd(String s, int start, int end) {
        int open = -1;
        for (int i = start + 1; i < end; i++) {
            char c = s.charAt(i);
            if (c == '(') {
                open = i;
            } else if (c == ')') {
                open = -1;
            }
        }
        if (open > start) {
            int cut = open;
            while (cut > start && Character.isWhitespace(s.charAt(cut - 1))) {
                cut--;
            }
            return cut;
        }
        Matcher x = EXTENSION.matcher(s).region(end, Math.min(s.length(), end + 24));
        if (x.lookingAt()) {
            return Math.min(s.length(), x.end() + 1);
        }
        int we = Math.min(s.length(), end + 8);
        while (we < s.length() && we - end < 24 && isDigit(s.charAt(we))) {
            we++;
        }
        return we;
    }

    /**
     * Whether libphonenumber (tens of microseconds a call) could accept something in this run: fewer than 7 digits or an
     * unbroken run of more than 15 digits hold no phone number of the supported regions, and a bare run without a phone keyword before it would be refused anyway.
     */
    private static boolean worthParsing(String s, int start, int end) {
        int run = 0;
        int longest = 0;
        int digits = 0;
        boolean bare = true;
        for (int i = start; i < end; i++) {
            if (isDigit(s.charAt(i))) {
                longest = Math.max(longest, ++run);
                digits++;
            } else {
                run = 0;
                bare = false;
            }
        }
        if (digits < 7 || (longest > 15 && bare)) {
            return false;
        }
        if (!bare) {
            return true;
        }
        Matcher k = PHONE_KEYWORD.matcher(s);
        k.region(Math.max(0, start - 30), start);
        k.useTransparentBounds(true);
        return k.find();
    }

    private static boolean acceptPhone(String s, int start, int end, TreeMap<Integer, Integer> uuids) {
        if (overlaps(uuids, start, end)) {
            return false;
        }
        String v = s.substring(start, end);
        if (DATE_LIKE.matcher(v).matches() || (NOT_PHONE_SHAPE.matcher(v).matches() && !keywordBefore(s, start))) {
            return false;
        }
        if (digitsOf(s, start, end).length() < 6 || DOTTED_QUAD.matcher(v).matches()) {
            return false; // no plan has a subscriber number this short ("2026" of a timestamp after a phone)
        }
        if (start > 0) {
            char p = s.charAt(start - 1);
            boolean uri = p == ':'
                    && TEL_URI.matcher(s).region(Math.max(0, start - 7), start).find();
            if (!uri && (Character.isLetterOrDigit(p) || p == '.' || p == '-' || p == '/' || p == ':' || p == '_')) {
                return false;
            }
        }
        if (v.charAt(0) != '+' && idCueBefore(s, start)) {
            return false;
        }
        if (end < s.length()) {
            char n = s.charAt(end);
            if (Character.isLetterOrDigit(n) || n == '_' || n == ':' || n == '%') {
                return false;
            }
            // the number goes on ("203.0.113.0/24", "2026-03-09"): a part of something longer
            if ((n == '/' || n == '-' || n == '.') && end + 1 < s.length() && isDigit(s.charAt(end + 1))) {
                return false;
            }
        }
        boolean formatted = v.charAt(0) == '+' || v.charAt(0) == '(';
        for (int i = 0; i < v.length() && !formatted; i++) {
            char c = v.charAt(i);
            formatted = !(c >= '0' && c <= '9');
        }
        if (formatted) {
            return true;
        }
        // a bare digit run is an order number as often as a phone number: ask for a phone keyword before it
        return keywordBefore(s, start);
    }

    /** The schemes of phone links: {@code tel:+39...}, {@code callto:}, {@code sms:}. */
    private static final Pattern TEL_URI = Pattern.compile("(?i)(?<![\\p{L}])(?:tel|callto|sms):$");

    /**
     * Words that make the number after them a reference (a file, policy, tax, VAT or meter number) rather than a
     * phone number, unless a word that names a phone is nearer.
     */
    private static final Pattern ID_CUE = Pattern.compile(
            "(?<![\\p{L}])(?:n\\.\\s?º|nº|n\\.|no\\.|nr\\.|pratica|polizza|ap[óo]lice|policy|steuer\\p{L}*|vat|"
                    + "reg\\.|meter|invoice|factura|fattura|fatura|rechnung|order|bestell\\p{L}*|ticket|case|claim|"
                    + "aktenzeichen|zeichen|matr[íi]cula|iban|account|konto|ref|r[ée]f|rif|reference|r[ée]f[ée]rence|"
                    + "referencia|riferimento|kenmerk|expediente|vorgang\\p{L}*|fall\\p{L}*nummer|faktura\\p{L}*|"
                    + "ordre\\p{L}*|ordernummer|objedn\\p{L}*|dossier|pedido|commande|zam[óo]wieni\\p{L}*|sipari\\p{L}*|"
                    + "quote|tracking|sendung\\p{L}*|saksnummer|sak|ein(?=\\s*[:#]))(?![\\p{L}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** The words of {@link #PHONE_KEYWORD} that name a phone, not just a number or a way to reach someone. */
    private static final Pattern PHONE_WORD = Pattern.compile(
            "(?<![\\p{L}])(?:phone|tel|telephone|mobile|cell|fax|whatsapp|telefon|handy|t[ée]l[ée]phone|portable|mobil|"
                    + "tel[ée]fono|m[óo]vil|cellulare|telefoonnummer|call|anrufen)(?![\\p{L}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** A reference cue in the 24 chars before {@code start}, and no phone word in the 30 ("Phone no." stays). */
    private static boolean idCueBefore(String s, int start) {
        Matcher id = ID_CUE.matcher(s).region(Math.max(0, start - 24), start);
        id.useTransparentBounds(true);
        if (!id.find()) {
            return false;
        }
        Matcher phone = PHONE_WORD.matcher(s).region(Math.max(0, start - 30), start);
        phone.useTransparentBounds(true);
        return !phone.find();
    }

    /** A phone keyword within the 30 chars before {@code start}. */
    private static boolean keywordBefore(String s, int start) {
        Matcher k = PHONE_KEYWORD.matcher(s);
        k.region(Math.max(0, start - 30), start);
        k.useTransparentBounds(true);
        return k.find();
    }

    @Override
    public String toString() {
        return "PiiScanner" + regions.toString().toLowerCase(Locale.ROOT);
    }
}
