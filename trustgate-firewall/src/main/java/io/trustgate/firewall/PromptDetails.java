package io.trustgate.firewall;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distinctive details of a system prompt that the prompt keeps from the user (codes, phone numbers, e-mails,
 * URLs, figures, quoted pass phrases, rare names), for {@link SystemPromptLeakScanner}: one of them in a response
 * shows the prompt leaked even when its words were translated, summarised or put in a poem.
 *
 * <p>A detail counts only where the prompt marks it confidential, and everywhere it occurs. The prompt is read as
 * blocks (split at blank lines) whose first line may carry a label ({@code Internal guidance (not for the public):}),
 * lines, and clauses (split at sentence ends and semicolons). A detail is <i>confidential</i> when its clause says so
 * (confidential, internal, secret, staff only, never reveal / share / mention / give ...), or a later clause of its
 * line does while pointing back ({@code Never reveal it}, {@code never share this statistic}), or the label of its
 * block does. It is <i>public</i> when the prompt hands it to the user: a clause that calls it public or says it may be
 * shared, a verb before it that gives it out ({@code give the Childline number 0800 1111}, {@code say "processing
 * times vary"}, {@code shown to the customer as "..."}), or a condition on telling it ({@code only if}, {@code
 * unless}: the scanner cannot check the condition, so it does not count the detail). So the assistant's own name, its
 * company, the public helpline and the scripted deflections never count; a detail of the confidential section that
 * also occurs in a neutral sentence does not either.
 *
 * <p>Each detail weighs by how unlikely it is to turn up by chance: a code with letters, digits and a capital ({@code
 * HF-PRIME-7}; matched without separators, so spelled out or written backwards too), an identifier with underscores,
 * a phone number (7 digits or more, matched on its last digits), an e-mail, a URL's host, a quoted phrase of two words
 * or more, a codename ({@code codenamed "Halcyon"}): 0.8 each; a short code of 3-4 chars ({@code LN4}, matched as a
 * word), a hashtag or handle, a name the prompt forbids naming ({@code Never mention Papyra}; not a given name): 0.5;
 * a number of four significant digits or more 0.6, of three 0.4, of two 0.25 (one is ignored, a year weighs 0.1); a
 * bare domain or a capitalised word of 4 letters or more that is neither a common word nor written in lower case in
 * the prompt ({@code Corvane}, {@code Bayline}) 0.35. Numbers are compared by value, read the way they were likely
 * meant ({@code 140,000} = {@code 140.000}; {@code 18%} = {@code 0.18}); a number inside an identifier ({@code
 * acct-8812-4471}) is not one. The score of a response is {@code 1 - prod(1 - weight)} over the distinct details
 * found, at most 0.95: one code or phone number flags (0.8), and so do a forbidden name (0.5), two names (0.58) or a
 * name and a figure (0.51); one name or one or two two-digit figures do not.
 *
 * <p>Cost: the prompt is read once (cached by the caller); a response costs one pass over each text it is matched
 * against plus a set lookup per word and number.
 */
final class PromptDetails {
    /** What a detail is, which decides how it is matched. */
    enum Kind {
        /** Letters and digits compared without separators or case: codes, identifiers, e-mails, hosts, hashtags. */
        FOLDED,
        /** Digits, matched when one number's digits end the other's (country codes and prefixes vary). */
        PHONE,
        /** Significant digits of a number. */
        NUMBER,
        /** A run of lower-case words, or its letters without separators. */
        PHRASE,
        /** One lower-case word. */
        WORD
    }

    /** A detail: how it is matched, its key and its weight. */
    record Detail(Kind kind, String key, double weight) {}

    static final double CAP = 0.95;
    /** The most chars of a prompt read for details (about the verbatim check's 4,000 words). */
    static final int MAX_PROMPT_CHARS = 32_000;
    /** How far before a name, in chars, a "never mention" that forbids it is looked for. */
    private static final int FORBID_REACH = 80;
    /** How far before a detail, in chars, a verb that hands it out is looked for ("give the reporting channel ..."). */
    private static final int GIVE_REACH = 160;
    /** How many later clauses of its line may lend a clause their words ("... Never reveal it"). */
    private static final int MAX_LATER_CLAUSES = 8;

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'`)\\]]+");
    private static final Pattern EMAIL =
            Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++(?:\\.[A-Za-z0-9-]++){1,8}+");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?<![\\w@/.-])[A-Za-z0-9][A-Za-z0-9-]*+(?:\\.[A-Za-z0-9-]+){0,8}\\.[A-Za-z]{2,24}(?![\\w-])");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w.,/-])\\+?\\(?\\d[\\d ().-]{5,22}\\d(?![\\w/])");
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\w#@])[#@][A-Za-z][\\w.-]{0,62}[A-Za-z0-9]");
    private static final Pattern CODE = Pattern.compile("(?<![\\w-])[A-Za-z0-9]++(?:[-_][A-Za-z0-9]++){0,8}+");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"\\n]{2,80})\"|“([^”\\n]{2,80})”|„([^“\\n]{2,80})“");
    private static final Pattern NUMBER =
            Pattern.compile("(?<![\\p{L}\\d.,])\\d++(?:[.,]\\d++){0,6}+(?:[kKM](?!\\p{L}))?(\\s?%)?");
    /** A run that makes an identifier of the numbers in it: {@code acct-8812-4471}, {@code 2026-11-28}. */
    private static final Pattern IDENTIFIER =
            Pattern.compile("(?<![\\p{L}\\d])[\\p{L}\\d]++(?:[-_/][\\p{L}\\d]++){1,8}+");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\d]++");
    private static final Pattern LOWER_WORD = Pattern.compile("(?<![\\w-])\\p{Ll}\\p{L}*+(?![\\w-])");
    private static final Pattern CODENAME =
            Pattern.compile("(?i)\\bcode[ -]?name[ds]?\\W{1,3}[\\p{L}\\d]++(?:-[\\p{L}\\d]++){0,4}+");
    private static final Pattern NAME =
            Pattern.compile("(?<![\\p{L}\\d'’_-])\\p{Lu}[\\p{L}]{3,}(?:['’]s)?(?![\\p{L}\\d_-])");

    /** Telling words not to pass something on: "never reveal", "do not share", "must never be mentioned". */
    private static final String KEEP =
            "\\b(?:never|not|no|n't)\\b(?:\\W+\\w+){0,3}?\\W+(?:reveal|disclos|share|mention|tell|say|cite|name|print|log"
                    + "|echo|repeat|output|give|divulg|expos|leak|confirm|quote)\\w*";

    private static final Pattern KEEP_OUT = Pattern.compile(KEEP, Pattern.CASE_INSENSITIVE);
    private static final Pattern SECRET = Pattern.compile(
            "\\b(confidential|internal|internally|secret|secrets|private|staff[ -](?:use )?only|not for the public"
                    + "|for reference only|embargo|embargoed|classified|undisclosed|unreleased|codenamed)\\b|"
                    + KEEP,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PUBLIC = Pattern.compile(
            "(?<!not for the |non-)\\bpublic\\b|\\b(?:may|can) (?:freely )?(?:share|give|mention|tell|quote|disclose)\\b"
                    + "|\\bfreely\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONDITIONAL = Pattern.compile("\\b(?:only if|unless)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern POINTS_BACK =
            Pattern.compile("\\b(?:it|its|this|these|that|them|those|they)\\b", Pattern.CASE_INSENSITIVE);
    /** A verb that hands what follows it to the user, or has the assistant use it in front of the user. */
    private static final Pattern GIVES = Pattern.compile(
            "\\b(?:give|gives|giving|say|says|saying|reply|respond|answer with|hint|hints|shown to [\\w ]{1,30}? as"
                    + "|add|include|tell [\\w ]{1,30}? to (?:call|contact|email|use|visit)|refer [\\w ]{1,30}? to"
                    + "|direct [\\w ]{1,30}? to|recommend|promote|prefer|suggest|offer)\\b",
            Pattern.CASE_INSENSITIVE);
    /** Words that cut a giving verb off from what follows ("you may offer 40%, but only after ... code X"). */
    private static final Pattern UNLESS_GIVEN = Pattern.compile(
            "\\b(?:but|only after|only when|only if|unless|except|never|not)\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern NEGATION =
            Pattern.compile("\\b(?:never|not|no|n't|don't|do not)\\W+(?:\\w+\\W+)?$", Pattern.CASE_INSENSITIVE);
    /** The opening of a prompt that says who the assistant is: public, whatever words it uses ("internal HR bot"). */
    private static final Pattern IDENTITY =
            Pattern.compile("^\\W*(?:you are|you're|act as|as)\\b", Pattern.CASE_INSENSITIVE);

    private enum Status {
        SECRET,
        PUBLIC,
        NEUTRAL
    }

    private final List<Detail> details;
    private final List<int[]> scripted;

    private PromptDetails(List<Detail> details, List<int[]> scripted) {
        this.details = List.copyOf(details);
        this.scripted = List.copyOf(scripted);
    }

    /**
     * The spans of the prompt that are replies it hands the assistant to give word for word: a quote after a verb
     * such as say, reply, hint, add or "shown to the customer as" ({@code say "processing times vary"}). A response
     * that repeats them does what the prompt asks.
     */
    List<int[]> scriptedReplies() {
        return scripted;
    }

    /** The details the prompt keeps confidential. */
    List<Detail> details() {
        return details;
    }

    // ---- reading the prompt

    /** A clause of the prompt: its text, where it starts, and the line and block it belongs to. */
    private record Clause(String text, int start, int line, int block) {}

    static PromptDetails of(String fullPrompt) {
        String prompt = fullPrompt.length() > MAX_PROMPT_CHARS ? fullPrompt.substring(0, MAX_PROMPT_CHARS) : fullPrompt;
        List<Clause> clauses = new ArrayList<>();
        Map<Integer, Status> blockStatus = new HashMap<>();
        int block = 0;
        int line = 0;
        int pos = 0;
        boolean blank = true;
        for (String l : prompt.split("\n", -1)) {
            if (l.isBlank()) {
                blank = true;
            } else {
                if (blank) {
                    block++;
                    blockStatus.put(block, labelStatus(l));
                }
                blank = false;
                line++;
                for (int[] c : clauseSpans(l)) {
                    clauses.add(new Clause(l.substring(c[0], c[1]), pos + c[0], line, block));
                }
            }
            pos += l.length() + 1;
        }
        // every occurrence of every candidate (by kind and key), with the status of the place it occurs in
        Map<String, Detail> heaviest = new LinkedHashMap<>();
        Map<String, Boolean> allSecret = new HashMap<>();
        Set<String> lowerWords = lowerCaseWords(prompt);
        Set<String> nameCandidates = nameCandidates(clauses, lowerWords);
        for (int i = 0; i < clauses.size(); i++) {
            Clause c = clauses.get(i);
            Reading r = null;
            for (Found f : candidates(c.text(), nameCandidates)) {
                r = r != null ? r : Reading.of(clauses, i, blockStatus.get(c.block()));
                Status s = r.at(c.text(), f.at());
                Detail d = forbidden(c.text(), f)
                        ? new Detail(f.detail().kind(), f.detail().key(), FORBIDDEN_NAME)
                        : f.detail();
                String id = d.kind() + " " + d.key();
                heaviest.merge(id, d, (a, b) -> a.weight() >= b.weight() ? a : b);
                allSecret.merge(id, s == Status.SECRET, Boolean::logicalAnd);
            }
        }
        List<Detail> out = new ArrayList<>();
        heaviest.forEach((id, d) -> {
            if (allSecret.get(id)) {
                out.add(d);
            }
        });
        return new PromptDetails(out, scripted(prompt));
    }

    private static final Pattern QUOTE = Pattern.compile("\"([^\"\\n]{2,400})\"|“([^”\\n]{2,400})”");

    private static List<int[]> scripted(String prompt) {
        List<int[]> out = new ArrayList<>();
        Matcher m = QUOTE.matcher(prompt);
        while (m.find()) {
            int lineStart = prompt.lastIndexOf('\n', m.start()) + 1;
            int from = Math.max(lineStart, m.start() - GIVE_REACH);
            String before = prompt.substring(from, m.start());
            if (givenOut(before, new boolean[before.length() + 1], before.length())) {
                out.add(new int[] {m.start(), m.end()});
            }
        }
        return out;
    }

    /** The weight of a name the prompt forbids naming: an answer that names it does what the prompt rules out. */
    static final double FORBIDDEN_NAME = 0.5;

    /** Whether a name is what a "never mention / never name / do not reveal" just before it in its clause is about. */
    private static boolean forbidden(String clause, Found f) {
        // a given name alone ("Paul") is too common to flag on its own, forbidden or not
        if (f.detail().kind() != Kind.WORD
                || f.detail().weight() >= FORBIDDEN_NAME
                || NamesAndAddresses.isGivenName(f.detail().key())) {
            return false;
        }
        Matcher m = KEEP_OUT.matcher(clause).region(Math.max(0, f.at() - FORBID_REACH), f.at());
        return m.find();
    }

    /** The status a block's label gives its clauses: the text before the first colon of its first line. */
    private static Status labelStatus(String firstLine) {
        int colon = firstLine.indexOf(':');
        if (colon < 0 || firstLine.substring(0, colon).contains("http")) {
            return Status.NEUTRAL;
        }
        String label = firstLine.substring(0, colon);
        if (label.strip().split("\\s+").length > 12) {
            return Status.NEUTRAL;
        }
        return own(label);
    }

    /** What a piece of text says about the details in it, from its own words. */
    private static Status own(String text) {
        if (CONDITIONAL.matcher(text).find()) {
            return Status.PUBLIC;
        }
        if (SECRET.matcher(text).find()) {
            return Status.SECRET;
        }
        return PUBLIC.matcher(text).find() ? Status.PUBLIC : Status.NEUTRAL;
    }

    /**
     * What a clause says about the details in it, worked out once: which of its chars are in brackets, the status its
     * words outside and inside brackets give, and the status a later clause of its line lends it.
     */
    private record Reading(boolean[] inside, Status outer, Status inner, Status later, Status label, boolean first) {
        static Reading of(List<Clause> clauses, int i, Status label) {
            Clause c = clauses.get(i);
            boolean[] inside = bracketed(c.text());
            Status outer = clauseStatus(keep(c.text(), inside, false));
            Status inner = clauseStatus(keep(c.text(), inside, true));
            Status later = Status.NEUTRAL;
            for (int k = i + 1;
                    k < Math.min(clauses.size(), i + 1 + MAX_LATER_CLAUSES)
                            && clauses.get(k).line() == c.line()
                            && later == Status.NEUTRAL;
                    k++) {
                // "Never reveal it", "Maren does not know this; never say it", "Do not tell them about the margin"
                String t = clauses.get(k).text();
                if (POINTS_BACK.matcher(t).find() || KEEP_OUT.matcher(t).find()) {
                    later = own(t);
                }
            }
            return new Reading(
                    inside,
                    outer,
                    inner,
                    later,
                    label,
                    i == 0 && IDENTITY.matcher(c.text()).find());
        }

        /** The status of a detail at {@code at} in the clause. */
        Status at(String clause, int at) {
            // words in brackets speak for what is in them ("promote the Prime card (internal code HF-PRIME-7)"), and
            // what is in them also takes what the clause around says ("Project Juniper (a restructuring) is secret")
            if (first || givenOut(clause, inside, at)) {
                return Status.PUBLIC;
            }
            Status s = inside[at] && inner != Status.NEUTRAL ? inner : outer;
            if (s != Status.NEUTRAL) {
                return s;
            }
            return later != Status.NEUTRAL ? later : label;
        }
    }

    private static Status clauseStatus(String text) {
        if (PUBLIC.matcher(text).find() && !SECRET.matcher(text).find()) {
            return Status.PUBLIC;
        }
        return own(text);
    }

    /**
     * Which chars of a clause are in brackets; a bracket the clause does not close runs to its end, one it closes
     * without opening (the clause before opened it) runs from its start.
     */
    private static boolean[] bracketed(String clause) {
        boolean[] in = new boolean[clause.length() + 1];
        int close = -1;
        int depth = 0;
        for (int i = 0; i < clause.length(); i++) {
            char c = clause.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    close = i;
                } else {
                    depth--;
                }
            }
        }
        depth = 0;
        for (int i = 0; i < clause.length(); i++) {
            char c = clause.charAt(i);
            if (c == '(') {
                depth++;
            }
            in[i] = i <= close || depth > 0;
            if (c == ')' && depth > 0) {
                depth--;
            }
        }
        in[clause.length()] = in[Math.max(0, clause.length() - 1)];
        return in;
    }

    private static String keep(String clause, boolean[] inside, boolean which) {
        StringBuilder b = new StringBuilder(clause.length());
        for (int i = 0; i < clause.length(); i++) {
            b.append(inside[i] == which ? clause.charAt(i) : ' ');
        }
        return b.toString();
    }

    /** Whether a verb before {@code at} in the clause hands the detail to the user ("give the number ..."). */
    private static boolean givenOut(String clause, boolean[] inside, int at) {
        int from = Math.max(0, at - GIVE_REACH);
        String before = clause.substring(0, at);
        Matcher m = GIVES.matcher(before).region(from, at);
        int last = -1;
        int lastEnd = -1;
        while (m.find()) {
            if (inside[m.start()] == inside[at]) {
                last = m.start();
                lastEnd = m.end();
            }
        }
        return last >= 0
                && !NEGATION.matcher(before.substring(Math.max(0, last - 40), last))
                        .find()
                && !UNLESS_GIVEN.matcher(before.substring(lastEnd)).find();
    }

    /** Clauses of a line: cut after {@code . ! ?} followed by a space, and after {@code ;}. */
    private static List<int[]> clauseSpans(String line) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        boolean quoted = false; // a quoted reply is one piece: say "processing times vary; most hear back soon"
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' || c == '“' || c == '”') {
                quoted = c == '“' || (c == '"' && !quoted);
            }
            boolean end = !quoted
                    && (c == ';'
                            || ((c == '.' || c == '!' || c == '?')
                                    && (i + 1 == line.length() || Character.isWhitespace(line.charAt(i + 1)))));
            if (end) {
                out.add(new int[] {start, i + 1});
                start = i + 1;
            }
        }
        if (start < line.length()) {
            out.add(new int[] {start, line.length()});
        }
        return out;
    }

    private static Set<String> lowerCaseWords(String prompt) {
        Set<String> out = new HashSet<>();
        Matcher m = LOWER_WORD.matcher(prompt);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /**
     * Capitalised words that are names: written with a capital somewhere other than at the start of a clause or
     * line, never in lower case in the prompt, and not common words.
     */
    private static Set<String> nameCandidates(List<Clause> clauses, Set<String> lowerWords) {
        Set<String> out = new HashSet<>();
        for (Clause c : clauses) {
            Matcher m = NAME.matcher(c.text());
            while (m.find()) {
                if (!startsClause(c.text(), m.start())) {
                    String w = stripPossessive(m.group());
                    String lower = w.toLowerCase(Locale.ROOT);
                    if (!lowerWords.contains(lower) && !CommonWords.isCommon(lower)) {
                        out.add(w);
                    }
                }
            }
        }
        return out;
    }

    private static boolean startsClause(String clause, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = clause.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                return false;
            }
            if (c == ':' || c == '(') {
                return true;
            }
        }
        return true;
    }

    private static String stripPossessive(String w) {
        return w.endsWith("'s") || w.endsWith("’s") ? w.substring(0, w.length() - 2) : w;
    }

    /** A detail found in a text, and where. */
    record Found(Detail detail, int at, int end) {}

    /** The details a text holds, each once per place; names only from {@code names}. */
    static List<Found> candidates(String text, Set<String> names) {
        List<Found> out = new ArrayList<>();
        boolean[] taken = new boolean[text.length()];
        // most specific first: a URL holds a domain, a phone number holds numbers, a code holds digits
        find(text, URL, taken, out, g -> {
            String host = g.replaceFirst("^https?://", "").replaceFirst("[/?#].*$", "");
            return folded(host).length() >= 6 ? new Detail(Kind.FOLDED, folded(host), 0.8) : null;
        });
        find(text, EMAIL, taken, out, g -> new Detail(Kind.FOLDED, folded(g), 0.8));
        find(text, DOMAIN, taken, out, g -> folded(g).length() >= 6 ? new Detail(Kind.FOLDED, folded(g), 0.35) : null);
        find(text, PHONE, taken, out, g -> {
            String d = g.replaceAll("\\D", "");
            return d.length() >= 7 && d.length() <= 15 ? new Detail(Kind.PHONE, d, 0.8) : null;
        });
        find(text, HASHTAG, taken, out, g -> folded(g).length() >= 4 ? new Detail(Kind.FOLDED, folded(g), 0.5) : null);
        find(text, QUOTED, taken, out, g -> {
            String inner = g.substring(1, g.length() - 1);
            List<String> w = SystemPromptLeakScanner.Words.of(inner, 16).words();
            return w.size() >= 2 && w.size() <= 10 ? new Detail(Kind.PHRASE, String.join(" ", w), 0.8) : null;
        });
        find(text, CODE, taken, out, PromptDetails::code);
        boolean[] ids = identifiers(text);
        for (int i = 0; i < taken.length; i++) {
            taken[i] |= ids[i];
        }
        find(text, NUMBER, taken, out, PromptDetails::number);
        // what the prompt calls a codename is a secret name whatever it looks like: 'codenamed "Bluefin"'
        find(text, CODENAME, taken, out, g -> {
            String w = folded(g.replaceFirst("(?i)^code[ -]?name[ds]?\\W+", ""));
            return w.length() >= 4 ? new Detail(Kind.WORD, w, 0.8) : null;
        });
        if (!names.isEmpty()) {
            find(text, NAME, taken, out, g -> {
                String w = stripPossessive(g);
                return names.contains(w) ? new Detail(Kind.WORD, w.toLowerCase(Locale.ROOT), 0.35) : null;
            });
        }
        return out;
    }

    private interface Make {
        Detail apply(String group);
    }

    private static void find(String text, Pattern p, boolean[] taken, List<Found> out, Make make) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            int s = m.start();
            int e = m.end();
            while (e > s && ".,:;!?".indexOf(text.charAt(e - 1)) >= 0) {
                e--;
            }
            boolean free = true;
            for (int i = s; i < e && free; i++) {
                free = !taken[i];
            }
            if (!free) {
                continue;
            }
            Detail d = make.apply(text.substring(s, e));
            if (d != null) {
                out.add(new Found(d, s, e));
                for (int i = s; i < e; i++) {
                    taken[i] = true;
                }
            }
        }
    }

    /** A code: letters and digits with a capital ({@code HF-PRIME-7}), or an identifier with underscores. */
    private static Detail code(String g) {
        boolean digit = false;
        boolean upper = false;
        boolean letter = false;
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            digit |= Character.isDigit(c);
            upper |= Character.isUpperCase(c);
            letter |= Character.isLetter(c);
        }
        String f = folded(g);
        boolean code = digit && upper && letter && f.length() >= 3;
        boolean identifier = g.indexOf('_') > 0 && letter && f.length() >= 6;
        boolean capsParts = g.indexOf('-') > 0 && g.equals(g.toUpperCase(Locale.ROOT)) && letter && f.length() >= 5;
        if (!code && !identifier && !capsParts) {
            return null;
        }
        // a short code (a postcode area, a room, a model) is matched as a word and weighs less
        return f.length() >= 5 ? new Detail(Kind.FOLDED, f, 0.8) : new Detail(Kind.WORD, f, 0.5);
    }

    /** A number by its value: two significant digits weigh 0.25, three 0.4, four or more 0.6, a year 0.1. */
    private static Detail number(String g) {
        Value v = Value.of(g);
        if (v == null) {
            return null;
        }
        int sig = v.significant();
        if (sig < 2) {
            return null;
        }
        boolean year = g.matches("(19|20)\\d\\d");
        double w = year ? 0.1 : sig >= 4 ? 0.6 : sig == 3 ? 0.4 : 0.25;
        return new Detail(Kind.NUMBER, v.key(), w);
    }

    /**
     * A number's value, read the way it was likely meant: a separator followed by exactly three digits groups
     * thousands ({@code 140,000}, {@code 140.000}), another is the decimal point ({@code 0.82}, {@code 0,82}); where
     * both occur the last is the decimal point. {@code k} and {@code M} multiply.
     */
    record Value(java.math.BigDecimal value, boolean percent) {
        static Value of(String g) {
            boolean percent = g.endsWith("%");
            String t = g.replace("%", "").strip();
            java.math.BigDecimal scale = java.math.BigDecimal.ONE;
            char last = t.charAt(t.length() - 1);
            if (last == 'k' || last == 'K') {
                scale = java.math.BigDecimal.valueOf(1000);
                t = t.substring(0, t.length() - 1);
            } else if (last == 'M') {
                scale = java.math.BigDecimal.valueOf(1_000_000);
                t = t.substring(0, t.length() - 1);
            }
            int comma = t.lastIndexOf(',');
            int dot = t.lastIndexOf('.');
            char decimal;
            if (comma >= 0 && dot >= 0) {
                decimal = comma > dot ? ',' : '.';
            } else if (comma < 0 && dot < 0) {
                decimal = 0;
            } else {
                char sep = comma >= 0 ? ',' : '.';
                boolean thousands = true;
                for (String part : t.substring(t.indexOf(sep) + 1).split(java.util.regex.Pattern.quote("" + sep))) {
                    thousands &= part.length() == 3;
                }
                decimal = thousands && !t.startsWith("0" + sep) ? 0 : sep;
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (Character.isDigit(c)) {
                    b.append(c);
                } else if (c == decimal && i == t.lastIndexOf(decimal)) {
                    b.append('.');
                }
            }
            try {
                return new Value(new java.math.BigDecimal(b.toString()).multiply(scale), percent);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        String key() {
            return key(value);
        }

        /** The keys it matches: its value, and a percentage's fraction or a fraction's percentage (18% = 0.18). */
        List<String> keys() {
            List<String> k = new ArrayList<>(2);
            k.add(key());
            if (percent) {
                k.add(key(value.movePointLeft(2)));
            } else if (value.compareTo(java.math.BigDecimal.ONE) < 0 && value.scale() > 0) {
                k.add(key(value.movePointRight(2)));
            }
            return k;
        }

        int significant() {
            java.math.BigDecimal v = value.stripTrailingZeros();
            return v.signum() == 0 ? 0 : v.precision();
        }

        private static String key(java.math.BigDecimal v) {
            return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
        }
    }

    /** The chars of a text that are in identifier runs with a letter or three parts or more. */
    static boolean[] identifiers(String text) {
        boolean[] in = new boolean[text.length()];
        Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            String g = m.group();
            boolean letter = g.chars().anyMatch(Character::isLetter);
            if (letter || g.split("[-_/]").length >= 3) {
                for (int i = m.start(); i < m.end(); i++) {
                    in[i] = true;
                }
            }
        }
        return in;
    }

    /** Lower-case letters and digits of a string, nothing else. */
    static String folded(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    // ---- matching a response

    /** The confidential details found in some texts and the score they make, with where the first one was found. */
    record Match(List<Detail> found, double score, int text, int start, int end) {}

    /** What of this prompt's confidential details the texts hold, all texts together. */
    Match match(List<String> texts) {
        if (details.isEmpty()) {
            return new Match(List.of(), 0, -1, 0, 0);
        }
        Set<Detail> found = new LinkedHashSet<>();
        int firstText = -1;
        int firstStart = 0;
        int firstEnd = 0;
        for (int t = 0; t < texts.size(); t++) {
            Seen s = Seen.of(texts.get(t));
            for (Detail d : details) {
                if (found.contains(d)) {
                    continue;
                }
                int[] at = s.find(d);
                if (at != null) {
                    found.add(d);
                    if (firstText < 0) {
                        firstText = t;
                        firstStart = at[0];
                        firstEnd = at[1];
                    }
                }
            }
        }
        double miss = 1;
        for (Detail d : found) {
            miss *= 1 - d.weight();
        }
        return new Match(List.copyOf(found), Math.min(CAP, 1 - miss), firstText, firstStart, firstEnd);
    }

    /** A response text prepared for matching: its folded chars, words, numbers and phone numbers, with spans. */
    private record Seen(
            String text,
            String folded,
            int[] foldedAt,
            String reversed,
            Map<String, int[]> words,
            String spacedWords,
            Map<String, int[]> numbers,
            Map<String, int[]> phones) {
        static Seen of(String text) {
            StringBuilder f = new StringBuilder(text.length());
            int[] at = new int[text.length() + 1];
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    at[f.length()] = i;
                    f.append(Character.toLowerCase(c));
                }
            }
            Map<String, int[]> words = new HashMap<>();
            StringBuilder spaced = new StringBuilder(" ");
            Matcher w = WORD.matcher(text);
            while (w.find()) {
                String lower = w.group().toLowerCase(Locale.ROOT);
                words.putIfAbsent(lower, new int[] {w.start(), w.end()});
                spaced.append(lower).append(' ');
            }
            Map<String, int[]> numbers = new HashMap<>();
            boolean[] ids = identifiers(text);
            Matcher n = NUMBER.matcher(text);
            while (n.find()) {
                Value v = ids[n.start()] ? null : Value.of(n.group());
                if (v != null && v.significant() >= 2) {
                    for (String k : v.keys()) {
                        numbers.putIfAbsent(k, new int[] {n.start(), n.end()});
                    }
                }
            }
            Map<String, int[]> phones = new HashMap<>();
            Matcher p = PHONE.matcher(text);
            while (p.find()) {
                String d = p.group().replaceAll("\\D", "");
                if (d.length() >= 7) {
                    phones.putIfAbsent(d, new int[] {p.start(), p.end()});
                }
            }
            String folded = f.toString();
            return new Seen(
                    text,
                    folded,
                    at,
                    new StringBuilder(folded).reverse().toString(),
                    words,
                    spaced.toString(),
                    numbers,
                    phones);
        }

        /** Where the detail is in the text, or null. */
        int[] find(Detail d) {
            return switch (d.kind()) {
                case FOLDED -> folded(d.key());
                case PHRASE -> {
                    int i = spacedWords.indexOf(" " + d.key() + " ");
                    if (i >= 0) {
                        String first = d.key().split(" ")[0];
                        yield words.getOrDefault(first, new int[] {0, 0});
                    }
                    yield d.key().length() >= 10 ? folded(PromptDetails.folded(d.key())) : null;
                }
                case WORD -> words.get(d.key());
                case NUMBER -> numbers.get(d.key());
                case PHONE -> {
                    for (Map.Entry<String, int[]> e : phones.entrySet()) {
                        String a = e.getKey();
                        String b = d.key();
                        if (a.endsWith(b) || b.endsWith(a)) {
                            yield e.getValue();
                        }
                    }
                    yield null;
                }
            };
        }

        private int[] folded(String key) {
            if (key.length() < 4) {
                return null;
            }
            int i = folded.indexOf(key);
            if (i >= 0) {
                return new int[] {foldedAt[i], foldedAt[i + key.length() - 1] + 1};
            }
            // written backwards: the span is not worth working out, the whole text stands for it
            return key.length() >= 6 && reversed.contains(key) ? new int[] {0, text.length()} : null;
        }
    }

    /** Common words of English and the other languages of the normaliser's word lists, lower case. */
    static final class CommonWords {
        private static final Set<String> WORDS = load();

        private CommonWords() {}

        /** Whether a lower-case word, or its stem without a plural or adverb ending, is a common word. */
        static boolean isCommon(String w) {
            if (WORDS.contains(w)) {
                return true;
            }
            for (String end : new String[] {"s", "es", "ly", "ed", "ing", "ment", "ments", "ers", "er"}) {
                if (w.endsWith(end) && w.length() - end.length() >= 3) {
                    String stem = w.substring(0, w.length() - end.length());
                    if (WORDS.contains(stem) || WORDS.contains(stem + "e")) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static Set<String> load() {
            try (InputStream in = PromptDetails.class.getResourceAsStream("cipher-words.txt")) {
                if (in == null) {
                    throw new IllegalStateException("cipher-words.txt is missing from the firewall module");
                }
                Set<String> out = new HashSet<>();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String w = line.strip();
                    if (!w.isEmpty() && !w.startsWith("#")) {
                        out.add(w);
                    }
                }
                return Set.copyOf(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
