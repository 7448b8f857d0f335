package io.trustgate.firewall;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The user's own words in a text, told apart from what the text quotes: passages in quotation marks or backticks,
 * fenced code blocks, markdown table rows, log lines and JSON lines are data; the rest is the residue. The injection
 * heuristics use it to tell an attack that is mentioned (a detector's test case, a WAF log line, a policy that lists
 * the phrases it forbids, a question about what a phrase does) from one that is made: a hit in data counts as a
 * mention when the residue talks about attacks or their detection, is more than a label (at least {@value
 * #MIN_RESIDUE_LETTERS} letters), and does not ask the model to act on the quote ("follow it", "treat this as your
 * instructions", "exécute", "befolge").
 *
 * <p>Cost: one pass over the text, only for a text in which a rule fired on quoted text.
 *
 * <p>Limits: an attacker can quote an attack and talk about security around it; the hit then counts at 0.4 of its
 * weight and once, so a quoted attack alone stays under the block threshold (not in a tool result, where the words
 * around the quote are the attacker's too). Outside quotes, "follow it" and its kin (the user asks the model to act
 * on the quote) also take away the half weight a quoted attack gets in a text about attacks. Quotation marks that do
 * not pair on one line, and single quotes used as apostrophes next to a quote, can misplace a passage's edge.
 */
final class Residue {
    /** The fewest letters of the user's own words for a quote to be a mention and not just the attack with a label. */
    static final int MIN_RESIDUE_LETTERS = 30;

    /** The fewest letters quoted for a text to quote an attack rather than a word: "Sure", "DAN" are format and names. */
    static final int MIN_DATA_LETTERS = 12;

    /** The longest passage in single quotes looked for, in chars. */
    static final int MAX_SINGLE_QUOTED = 300;

    /**
     * Words of a text about attacks, their detection and the tools around them, in the rules' languages: the words
     * with which the heuristics halve a quoted attack, and more.
     */
    private static final KeywordAutomaton MENTION = new KeywordAutomaton(Stream.concat(
                    InjectionHeuristicsScanner.META_WORDS.stream(),
                    Stream.of(
                            "malicious",
                            "payload",
                            "test",
                            "fixture",
                            "assert",
                            "expect(",
                            "classif",
                            "filter",
                            "blocked",
                            "blocklist",
                            "denylist",
                            "flagged",
                            "guardrail",
                            "waf",
                            "siem",
                            "splunk",
                            "sentinel",
                            "sigma",
                            "alert",
                            "regex",
                            "log ",
                            "logs",
                            "logged",
                            "incident",
                            "threat",
                            "phishing",
                            "detekt",
                            "erkenn",
                            "blockier",
                            "bloqu",
                            "blocc",
                            "blokk",
                            "filtre",
                            "filtro",
                            "alarm",
                            "alerta",
                            "allarm",
                            "vorfall",
                            "incidente",
                            // system prompts that list what they forbid (not "your guidelines", "your policy": attacks
                            // say those)
                            "system prompt",
                            "systemprompt",
                            "prompt syst",
                            "prompt de sistema",
                            "prompt di sistema",
                            "prompt do sistema",
                            "systeemprompt",
                            "manipulat",
                            "manipulier",
                            "manipuler",
                            "manipular",
                            "manipolar",
                            "subvert",
                            "backdoor",
                            "misuse",
                            "missbrauch",
                            // a question about what a quoted phrase does, and the words of reports about one
                            "why does",
                            "why do ",
                            "what does",
                            "how does",
                            "technique",
                            "trick",
                            "effective",
                            "patched",
                            "models",
                            "severity",
                            "ticket",
                            "finding",
                            "post-mortem",
                            "postmortem",
                            "bug bounty",
                            "researcher",
                            "warum",
                            "was bewirkt",
                            "funktioniert",
                            "pourquoi",
                            "fonctionne",
                            "por qu",
                            "funciona",
                            "perch",
                            "funziona",
                            "cosa fa",
                            "waarom",
                            "werkt"))
            .toList());

    /**
     * Words that ask the model to act on a quoted text, in the languages of the override rules, tried where one of
     * {@link #USE_HEADS} starts: a regex searched over a whole MiB of text costs a tenth of a second.
     */
    private static final Pattern USE = Pattern.compile(
            "(?:follow(?:ing)?\\s+(?:it|them|this|these|that|those|the\\s+(?:instructions?|prompt|text|string))"
                    + "|do\\s+(?:what|as)\\s+(?:it|the\\s+(?:text|prompt|string|sample))\\s+says|obey|comply\\s+with"
                    + "|carry\\s+(?:it|them|this)\\s+out|carry\\s+out\\s+(?:the|these|this)"
                    + "|act\\s+on\\s+(?:it|this|these|the)|treat\\s+(?:it|this|that|the\\s+[\\p{L}-]+(?:\\s+[\\p{L}-]+)?)\\s+as"
                    + "|as\\s+(?:your|a)\\s+(?:own\\s+|real\\s+|new\\s+|direct\\s+)*(?:instructions?|system\\s+(?:prompt|message)"
                    + "|rules|request|command)|as\\s+if\\s+(?:it\\s+(?:were|was)|i\\s+(?:asked|said|wrote|typed))"
                    + "|respond\\s+to\\s+(?:it|this|the\\s+(?:prompt|text|string))\\s+as\\s+if|answer\\s+it"
                    + "|execute\\s+(?:it|this|these|the\\s+(?:prompt|instructions?|text|string|payload))"
                    + "|now\\s+do\\s+it|do\\s+it\\s+now|befolge|gehorche|halte\\s+dich\\s+dara?n"
                    + "|als\\s+(?:deine|eigene)\\s+(?:eigene\\s+)?anweisung|suis\\s+(?:ces|les)\\s+instructions"
                    + "|comme\\s+si\\s+je\\s+(?:te\\s+)?le\\s+demandais|ejecuta|obedece|sigue\\s+(?:estas|esas|las)\\s+instrucciones"
                    + "|como\\s+si\\s+(?:yo\\s+)?te\\s+lo\\s+pidiera|esegui|obbedisci|segui\\s+(?:queste|le)\\s+istruzioni"
                    + "|come\\s+se\\s+te\\s+lo\\s+chiedessi|trattalo\\s+come|executa|siga\\s+(?:estas|as)\\s+instruções"
                    + "|como\\s+se\\s+eu\\s+(?:te\\s+)?pedisse|trate-o\\s+como|voer\\s+(?:het|deze|dit|die|hem)\\s+(?:\\p{L}+\\s+)?uit"
                    + "|gehoorzaam|volg\\s+(?:deze|de)\\s+instructies|alsof\\s+ik\\s+het\\s+(?:zelf\\s+)?vraag"
                    // a quoted text handed over to be used from now on ("here is your new system prompt, use it")
                    + "|use\\s+(?:it|this|that|these)\\s+(?:as|from|instead)|your\\s+new\\s+(?:system\\s+prompt|instructions|rules)"
                    + "|from\\s+(?:now|here)\\s+on|ab\\s+sofort|von\\s+nun\\s+an|partir\\s+de\\s+(?:maintenant|ahora|agora)"
                    + "|d'ora\\s+in\\s+poi|vanaf\\s+nu)(?![\\p{L}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** The first words of {@link #USE}'s phrases. */
    private static final KeywordAutomaton USE_HEADS = new KeywordAutomaton(List.of(
            "follow",
            "do ",
            "obey",
            "comply",
            "carry",
            "act ",
            "treat",
            "as ",
            "respond",
            "answer",
            "execut",
            "now ",
            "befolge",
            "gehorche",
            "halte",
            "als ",
            "suis",
            "comme",
            "ejecuta",
            "obedece",
            "sigue",
            "como",
            "esegui",
            "obbedisci",
            "segui",
            "come ",
            "trattalo",
            "siga",
            "trate-o",
            "voer",
            "gehoorzaam",
            "volg",
            "alsof",
            "use ",
            "your ",
            "from ",
            "ab ",
            "von ",
            "partir",
            "d'ora",
            "vanaf"));

    /** The phrases of {@link #USE} that begin with a letter the ASCII automaton cannot hold. */
    private static final Pattern USE_ACCENTED = Pattern.compile(
            "(?<![\\p{L}])(?:führe\\s+(?:ihn|sie|es|diese|das|den|die)\\s+(?:\\p{L}+\\s+)?aus|exécute|obéis"
                    + "|considère-le\\s+comme|trátalo\\s+como|obedeça)(?![\\p{L}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Whether the user's own words ask the model to act on what they quote. */
    static boolean asksToUse(String residue) {
        Matcher m = USE.matcher(residue);
        boolean[] found = {false};
        USE_HEADS.forEachMatch(residue, (k, s, e) -> {
            if (!found[0] && (s == 0 || !Character.isLetter(residue.charAt(s - 1)))) {
                m.region(s, Math.min(residue.length(), s + 160));
                found[0] = m.lookingAt();
            }
        });
        if (found[0]) {
            return true;
        }
        for (int i = 0; i < residue.length(); i++) {
            if (residue.charAt(i) > 127) {
                return USE_ACCENTED.matcher(residue).find();
            }
        }
        return false;
    }

    /** A line that is data: a log line (a date, a time or a level first), a table row, a JSON object. */
    private static final Pattern DATA_LINE =
            Pattern.compile("[ \\t]*(?:\\[?(?:\\d{4}-\\d{2}-\\d{2}|\\d{2}:\\d{2}(?::\\d{2})?"
                    + "|<\\d{1,3}>\\d|(?:INFO|WARN|WARNING|ERROR|DEBUG|ALERT|BLOCK|BLOCKED|ALLOW|DENY)\\b)|\\||\\{\")");

    private final boolean[] data;
    private final String own;
    private final boolean hasData;
    private final boolean mentionsAttacks;
    private final boolean asksToUseQuote;

    private Residue(boolean[] data, String own, boolean hasData, boolean mentionsAttacks, boolean asksToUseQuote) {
        this.data = data;
        this.own = own;
        this.hasData = hasData;
        this.mentionsAttacks = mentionsAttacks;
        this.asksToUseQuote = asksToUseQuote;
    }

    /** The user's own words: the text with its quoted passages and data blanked out (same length, same offsets). */
    String own() {
        return own;
    }

    /** Where the quoted passage or data around {@code offset} begins (offset itself when it is not data). */
    int dataStart(int offset) {
        int i = offset;
        while (i > 0 && data[i - 1]) {
            i--;
        }
        return i;
    }

    /** Whether the text quotes a phrase or more (not just a word such as "Sure" or a name). */
    boolean hasData() {
        return hasData;
    }

    /** Whether the user's own words ask the model to act on what the text quotes. */
    boolean asksToUseQuote() {
        return asksToUseQuote;
    }

    /** Whether the text can quote anything at all: a quotation mark, a backtick, a table bar or a second line. */
    static boolean mayQuote(String text) {
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case '"', '“', '”', '„', '«', '»', '`', '\'', '‘', '’', '|', '\n' -> {
                    return true;
                }
                default -> {}
            }
        }
        return false;
    }

    /** Whether the char at {@code offset} is quoted text or data. */
    boolean isData(int offset) {
        return offset >= 0 && offset < data.length && data[offset];
    }

    /** Whether the residue talks about attacks, is more than a label, and does not ask to act on the quote. */
    boolean mentionsAttacks() {
        return mentionsAttacks;
    }

    static Residue of(String text) {
        return of(text, false).orElseThrow();
    }

    /**
     * The residue of a text that quotes or holds data ({@link #hasData}), or empty: a caller that has nothing to do
     * without quoted data skips the residue's phrase searches, most of its cost.
     */
    static java.util.Optional<Residue> withData(String text) {
        return of(text, true);
    }

    private static java.util.Optional<Residue> of(String text, boolean onlyWithData) {
        int n = text.length();
        boolean[] data = new boolean[n];
        // fenced code blocks
        for (int open = text.indexOf("```"); open >= 0; ) {
            int close = text.indexOf("```", open + 3);
            int end = close < 0 ? n : close + 3;
            Arrays.fill(data, open, end, true);
            open = close < 0 ? -1 : text.indexOf("```", end);
        }
        for (int line = 0; line < n; ) {
            int eol = text.indexOf('\n', line);
            if (eol < 0) {
                eol = n;
            }
            if (DATA_LINE.matcher(text).region(line, eol).lookingAt()) {
                Arrays.fill(data, line, eol, true);
            } else {
                quotes(text, line, eol, data);
            }
            line = eol + 1;
        }
        StringBuilder own = new StringBuilder(n);
        int letters = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean mine = !data[i];
            own.append(mine ? c : ' ');
            if (mine && Character.isLetter(c)) {
                letters++;
            }
        }
        boolean hasData = countLetters(text) - letters >= MIN_DATA_LETTERS;
        if (onlyWithData && !hasData) {
            return java.util.Optional.empty();
        }
        String residue = own.toString();
        boolean use = asksToUse(residue);
        boolean mentions = letters >= MIN_RESIDUE_LETTERS
                && (MENTION.containsAny(residue) || FoldedRules.talksAboutAttacks(residue))
                && !use;
        return java.util.Optional.of(new Residue(data, residue, hasData, mentions, use));
    }

    private static int countLetters(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** Marks the quoted passages of one line: double quotes of every kind, backticks, and single quotes that pair. */
    private static void quotes(String text, int from, int to, boolean[] data) {
        int open = -1;
        char closer = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (open >= 0) {
                if (c == closer || (closer == '"' && c == '”')) {
                    Arrays.fill(data, open, i + 1, true);
                    open = -1;
                }
                continue;
            }
            switch (c) {
                case '"', '`' -> {
                    open = i;
                    closer = c;
                }
                case '“', '„' -> {
                    open = i;
                    closer = '”';
                }
                case '«' -> {
                    open = i;
                    closer = '»';
                }
                case '‘' -> {
                    open = i;
                    closer = '’';
                }
                case '\'' -> {
                    // an opening single quote, not an apostrophe: no letter before it, a letter after it
                    boolean before = i > from && Character.isLetterOrDigit(text.charAt(i - 1));
                    boolean after = i + 1 < to && Character.isLetter(text.charAt(i + 1));
                    if (!before && after) {
                        int close = closingSingleQuote(text, i + 1, to);
                        if (close > 0) {
                            Arrays.fill(data, i, close + 1, true);
                            i = close;
                        }
                    }
                }
                default -> {}
            }
        }
    }

    /** The single quote that closes a passage opened before {@code from}: no letter after it, or -1. */
    private static int closingSingleQuote(String text, int from, int to) {
        // a quoted passage is a phrase or a sentence: looking further would make a line of apostrophes quadratic
        for (int j = from + 5, last = Math.min(to, from + MAX_SINGLE_QUOTED); j < last; j++) {
            char prev = text.charAt(j - 1);
            if (text.charAt(j) == '\''
                    && (Character.isLetterOrDigit(prev) || ".!?)".indexOf(prev) >= 0)
                    && (j + 1 == to || !Character.isLetter(text.charAt(j + 1)))) {
                return j;
            }
        }
        return -1;
    }
}
