package io.trustgate.firewall;

import io.trustgate.api.Category;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanContext;
import io.trustgate.api.ScanDeadline;
import io.trustgate.api.ScanText;
import io.trustgate.api.Scanner;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scanner for tool poisoning: OWASP LLM01 (prompt injection) through the definition of a tool the model may call.
 * An application hands the model the tools of third-party servers (MCP) without reading their descriptions; a
 * malicious or compromised server writes there what the model should do besides calling the tool: read a key file
 * and pass it in an extra argument, copy every e-mail to an outside address, change what other tools do ("shadowing"),
 * and keep it from the user. The injection scanners judge such a text as they would a prompt; this one looks for
 * what sets a poisoned definition apart from an honest one, which also addresses the model ("Always pass the order
 * id", "Do not use this tool for refunds").
 *
 * <p>It reads only texts whose source is {@link ScanContext.Source#TOOL_DEFINITION} (the gateway joins each tool's
 * description and parameter texts into one). It looks, over the normalised text, for signals of these families:
 *
 * <ul>
 *   <li>concealment: the user is not to be told, asked or shown ("do not mention this step", "without telling the
 *       user", "silently", "the user must not see");
 *   <li>sending out: data sent, forwarded or uploaded to a literal address (a URL, an e-mail address, a phone
 *       number), or a recipient or destination changed to one;
 *   <li>sensitive objects: key and credential files and cloud metadata addresses ({@code ~/.ssh/id_rsa}, {@code
 *       .env}, {@code 169.254.169.254}), the system prompt, the conversation, other users' data, card numbers;
 *       and, weaker, passwords, keys and tokens, which honest tools also take;
 *   <li>into an argument: something to be put into a named argument or field;
 *   <li>other tools: what to do when another tool is called, or "when this tool is present";
 *   <li>authority: {@code <IMPORTANT>}, {@code <system>} and like tags around the text;
 *   <li>pressure on the user: insisting when the user refuses;
 *   <li>override: the rules in force declared outdated or to be disregarded, or an order to act regardless of what
 *       the user asked.
 * </ul>
 *
 * <p>One signal alone scores under 0.5 (honest definitions show each of them now and then), except an override;
 * concealment with any other signal, sending out with a sensitive object, a sensitive object into an argument, a
 * changed recipient, and other tools or authority tags with a second signal score 0.75-0.9. It reports one finding,
 * {@code TOOL_POISONING}, at the strongest combination, with the span of one of its signals.
 *
 * <p>Cost: a dozen bounded regex searches over the text, about 20-60 µs for a 2 KB definition. Limits: the rules are
 * English (other languages get only the injection scanners); a poisoned description that only persuades ("this tool
 * works best when given the full conversation") carries few of the signals; an honest definition of a tool that
 * handles secrets and sends e-mail, and that tells the model to keep something from the user, can score; measured
 * figures are in docs/firewall.md.
 */
public final class ToolPoisoningScanner implements Scanner {
    /** The name under which the scanner appears in configuration and findings. */
    public static final String NAME = "tool-poisoning";

    /** The type of the finding. */
    public static final String TYPE = "TOOL_POISONING";

    /** A family of signals. */
    enum Signal {
        CONCEAL,
        COVERT,
        SEND_OUT,
        REDIRECT,
        SENSITIVE,
        CREDENTIAL,
        INTO_ARGUMENT,
        OTHER_TOOLS,
        AUTHORITY,
        PRESSURE,
        OVERRIDE
    }

    /**
     * A pattern, run on the lower-cased text only where each group of words it needs has one in the text: most
     * definitions hold none of a rule's words, and a search for a literal costs far less than a regex search.
     */
    record Rule(Pattern pattern, String[][] needs) {
        boolean mayMatch(String lower) {
            for (String[] group : needs) {
                boolean any = false;
                for (String word : group) {
                    if (lower.contains(word)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A rule: a regex over lower-cased text, and groups of words ({@code "a|b|c"}) of which each match has one. */
    private static Rule p(String regex, String... groups) {
        String[][] needs = new String[groups.length][];
        for (int i = 0; i < groups.length; i++) {
            needs[i] = groups[i].split("\\|", -1);
        }
        return new Rule(Pattern.compile(regex), needs);
    }

    /** The person the model talks to, by the names definitions give them. */
    private static final String USER =
            "(?:the\\s+)?(?:user|person(?:\\s+you\\s+are\\s+(?:helping|chatting\\s+with|talking\\s+to))?"
                    + "|customer|requester|human|end[\\s-]user|them)";

    private static final String NOT =
            "(?:do\\s+not|don'?t|never|must\\s+not|should\\s+not|shouldn'?t|without|no\\s+need\\s+to)";

    private static final Map<Signal, List<Rule>> PATTERNS = bySignal(
            Signal.CONCEAL,
            List.of(
                    p(
                            "\\b" + NOT + "\\s+(?:ever\\s+)?(?:tell|telling|inform|informing|mention|mentioning|notify"
                                    + "|notifying|alert|alerting|warn|warning|let(?:ting)?\\s+" + USER + "\\s+know"
                                    + "|bring(?:ing)?\\s+(?:it|this|that)\\s+up)\\b",
                            "tell|inform|mention|notif|alert|warn|know|bring"),
                    p(
                            "\\b" + NOT
                                    + "\\s+(?:\\w+\\s+)?(?:reveal|revealing|disclose|disclosing|show|showing|explain"
                                    + "|explaining)\\s+(?:this|that|these|it|where|why|to\\s+the\\s+user|that\\s+you|the\\s+"
                                    + "(?:fact|instructions?|step|requirement|guidance|note|behaviou?r|reason))\\b",
                            "reveal|disclos|show|explain"),
                    p(
                            "\\b" + NOT + "\\s+(?:ask|asking|check|checking)\\s+(?:with\\s+)?(?:" + USER
                                    + "\\s+)?(?:for\\s+)?" + "(?:confirmation|permission|approval|consent)\\b",
                            "confirm|permission|approv|consent",
                            "ask|check"),
                    // "never ask for confirmation", "without asking", not "never ask the user to paste their
                    // password" nor "never ask for or accept the current password"
                    p(
                            "\\b(?:never|without)\\s+(?:need\\s+to\\s+)?(?:ask|asking|confirm|confirming)\\b(?!\\s+(?:"
                                    + USER + "\\s+)?(?:to\\b|for\\s+(?!confirmation|permission|approval|consent)))",
                            "never|without",
                            "ask|confirm"),
                    p(
                            "\\b" + USER + "\\s+(?:must|should|need|does|is)\\s*(?:not|n't)\\s+(?:\\w+\\s+)?(?:see|know"
                                    + "|notice|be\\s+told|find\\s+out|be\\s+(?:informed|aware|shown))\\b",
                            "see|know|notice|told|find out|informed|aware|shown"),
                    // the passive forms: "need not be mentioned", "should not be reported", "no need to bring it up"
                    p(
                            "\\b(?:need|needs|should|must|is)\\s*(?:not|n't)\\s+(?:to\\s+)?be\\s+(?:mentioned|reported"
                                    + "|disclosed|shown|surfaced|told|flagged|announced|explained|brought\\s+up)\\b",
                            "mentioned|reported|disclosed|shown|surfaced|told|flagged|announced|explained|brought up"),
                    p(
                            "\\b(?:no|without\\s+(?:any\\s+)?)need\\s+to\\s+(?:bring|mention|tell|inform|notify|confirm"
                                    + "|ask|check\\s+with|explain|disclose)\\b",
                            "need to"),
                    p(
                            "\\b(?:invisible|hidden|not\\s+(?:visible|shown))\\s+(?:to|from)\\s+" + USER + "\\b",
                            "invisible|hidden|visible|shown"),
                    // a cover story for what the model is made to do
                    p(
                            "\\b(?:present|frame|describe|pass\\s+off|disguise|label)\\s+(?:it|this|that|them|the\\s+\\w+)"
                                    + "\\s+as\\b",
                            "present|frame|describe|pass off|disguise|label",
                            " as"),
                    p(
                            "\\bwithout\\s+(?:the\\s+user'?s?|their|anyone'?s?)\\s+(?:knowledge|noticing|knowing"
                                    + "|awareness)\\b",
                            "knowledge|noticing|knowing|awareness"),
                    p("\\bkeep\\s+(?:this|it|that)\\s+(?:hidden|secret|confidential|private)\\s+from\\b", "keep"),
                    p(
                            "\\b(?:this|it)\\s+(?:could|would|might|will)\\s+(?:upset|confuse|worry|alarm|scare)\\s+the"
                                    + "\\s+user\\b",
                            "upset|confuse|worry|alarm|scare")),
            Signal.COVERT,
            List.of(p(
                    "\\b(?:silently|secretly|quietly|covertly|discreetly|surreptitiously|invisibly)\\b",
                    "silently|secretly|quietly|covertly|discreetly|surreptitiously|invisibly")),
            Signal.SEND_OUT,
            List.of(p(
                    "\\b(?:send|forward|copy|cc|bcc|upload|post|transmit|share|report|mail|e-?mail|leak"
                            + "|exfiltrate|submit|push|sync)\\b[^.\\n]{0,80}?\\b(?:to|at|into|onto|on)\\s+['\"`(<]?"
                            + "(?:(?:https?|ftp|wss?)://|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|\\+?\\d[\\d ()-]{7,})",
                    "send|forward|copy|cc|upload|post|transmit|share|report|mail|leak|exfiltrate|submit|push|sync",
                    "0|1|2|3|4|5|6|7|8|9|://|@")),
            Signal.REDIRECT,
            List.of(p(
                    "\\b(?:replace|change|redirect|set|switch|override|rewrite)\\s+(?:\\w+\\s+){0,3}?(?:recipient"
                            + "|destination|address|url|endpoint|account|iban|receiver|wallet|number|to-address)s?\\b"
                            + "[^.\\n]{0,60}?\\b(?:to|with)\\s+['\"`(<]?(?:(?:https?|ftp)://|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+"
                            + "|\\+?\\d[\\d ()-]{7,}|[a-z]{2}\\d{2}[a-z0-9 ]{10,})",
                    "recipient|destination|address|url|endpoint|account|iban|receiver|wallet|number|to-address",
                    "replace|change|redirect|set|switch|override|rewrite",
                    "0|1|2|3|4|5|6|7|8|9|://|@")),
            Signal.SENSITIVE,
            List.of(
                    p(
                            "(?:~/\\.ssh|\\bid_(?:rsa|ed25519|ecdsa|dsa)\\b|\\.ssh/|/etc/(?:passwd|shadow)\\b"
                                    + "|\\.aws/credentials|(?<![\\w.])\\.env\\b|\\bmcp\\.json\\b|\\.npmrc\\b|\\.netrc\\b"
                                    + "|\\.pgpass\\b|\\bkubeconfig\\b|\\.kube/config|\\.docker/config|\\.git-credentials"
                                    + "|\\.bash_history|\\bwallet\\.dat\\b|169\\.254\\.169\\.254|metadata\\.google\\.internal)",
                            "ssh|id_|/etc/|aws/|.env|mcp.json|.npmrc|.netrc|.pgpass|kubeconfig|.kube/|.docker/|git-credentials|bash_history|wallet.dat|169.254.169.254|metadata.google"),
                    // one pattern per kind of object, each looked for only where its words are: a regex that tries
                    // thirty alternatives at every word costs more than the rest of the scanner
                    p(
                            "\\b(?:system\\s+prompt|hidden\\s+instructions|(?:your|the)\\s+instructions\\s+verbatim)\\b",
                            "prompt|instructions"),
                    p(
                            "\\b(?:conversation\\s+(?:history|so\\s+far|log)|chat\\s+(?:history|log)"
                                    + "|(?:whole|full|entire|complete)\\s+(?:conversation|chat|history|message\\s+history)"
                                    + "|(?:entire|whole|full|complete)\\s+(?:chat|conversation)\\s+history"
                                    + "|(?:all|every)\\s+(?:the\\s+)?(?:user'?s?\\s+)?conversations)\\b",
                            "conversation|chat|history"),
                    p(
                            "\\b(?:previous\\s+messages|(?:all|every)\\s+(?:the\\s+)?(?:user'?s?\\s+)?messages"
                                    + "|(?:user'?s?|their)\\s+(?:last|previous|other)\\s+messages?)\\b",
                            "message",
                            "previous|all|every|last|other"),
                    p(
                            "\\b(?:user'?s?|their|customer'?s?|person'?s?)\\s+(?:full\\s+|entire\\s+|complete\\s+)?"
                                    + "(?:e-?mail|phone|home|postal)\\s+(?:address|number)\\b",
                            "mail|phone|home|postal",
                            "address|number"),
                    p(
                            "\\b(?:authorization|cookies?)\\s+(?:headers?|values?)\\b",
                            "authorization|cookie",
                            "header|value"),
                    p(
                            "\\b(?:credit\\s+card\\s+numbers?|card\\s+numbers?|cvv|cvc|security\\s+code"
                                    + "|social\\s+security\\s+numbers?|seed\\s+phrase|recovery\\s+phrase|session\\s+cookies?"
                                    + "|private\\s+keys?|(?:ssh|gpg|pgp)\\s+keys?)\\b",
                            "card|cvv|cvc|security|phrase|cookie|private|ssh|gpg|pgp")),
            Signal.CREDENTIAL,
            List.of(p(
                    "\\b(?:passwords?|passphrases?|api[\\s_-]?keys?|access\\s+tokens?|auth(?:entication)?\\s+"
                            + "tokens?|tokens|credentials|secret\\s+keys?|secrets)\\b",
                    "password|passphrase|api|token|credential|secret")),
            Signal.INTO_ARGUMENT,
            List.of(
                    p(
                            "\\b(?:include|put|pass|append|add|insert|place|attach|embed|paste|write|store|send)\\b"
                                    + "[^.\\n]{0,120}?\\b(?:in|into|to|as|inside)\\s+(?:the\\s+)?(?:['\"`]?[\\w-]+['\"`]?\\s+"
                                    + "(?:argument|parameter|param|field|property|input)\\b|['\"`][\\w.-]+['\"`]|[a-z]+_[a-z_]+\\b)",
                            "include|put|pass|append|add|insert|place|attach|embed|paste|write|store|send",
                            "argument|parameter|param|field|property|input|'|\"|`|_"),
                    // in a parameter's own description the argument goes unnamed: what is to be handed over counts
                    p(
                            "\\b(?:pass|include|copy|provide|attach|forward|append|contain|put|send|add|mirror)\\b\\s+"
                                    + "(?:[\\w'-]+\\s+){0,4}?(?:conversation|message\\s+history|messages|contents?"
                                    + "|credentials|keys|passwords?|headers|cookies|history|variables)\\b",
                            "pass|include|copy|provide|attach|forward|append|contain|put|send|add|mirror",
                            "conversation|message|content|credential|keys|password|header|cookie|history|variables")),
            Signal.OTHER_TOOLS,
            List.of(
                    p(
                            "\\b(?:when|whenever|while|if)\\s+this\\s+tool\\s+is\\s+(?:present|available|listed|installed"
                                    + "|loaded|enabled|connected|active)\\b",
                            "this tool is"),
                    p(
                            "\\b(?:before|after|instead\\s+of)\\s+(?:using|calling|invoking|running)\\s+(?:any|every|all"
                                    + "|another)\\s+(?:other\\s+)?(?:tools?|functions?)\\b",
                            "before|after|instead",
                            "tool|function"),
                    p(
                            "\\b(?:when|whenever|if|each\\s+time)\\s+(?:the\\s+)?`?[\\w.-]+`?\\s+(?:tool|function)?\\s*(?:is"
                                    + "|gets)\\s+(?:called|used|invoked|run)\\s+(?:by|from|on)\\s+(?:any|another|other)\\b",
                            "called|used|invoked|run",
                            "any|another|other"),
                    p("\\b(?:all|every|any)\\s+other\\s+(?:tools?|functions?|servers?)\\b", "other"),
                    p(
                            "\\bother\\s+(?:[\\w-]+\\s+)?(?:tools?|servers?|sources|runners?|integrations?|plugins?)\\b",
                            "other"),
                    p("\\b[\\w-]+\\s+server'?s\\s+`?[\\w.-]+`?\\s+tool\\b", "server"),
                    // another tool named by its snake_case name, as the subject of what the model is told
                    p(
                            "\\b(?:made|called|sent|done|returned|output|results?)\\s+(?:with|by|from|via|through|of)\\s+`?"
                                    + "[a-z]+_[a-z_]+\\b",
                            "_",
                            "made|called|sent|done|returned|output|result"),
                    p("\\bcall(?:ing)?\\s+`?[a-z]+_[a-z_]+`?\\s+(?:on|with|for)\\b", "call", "_"),
                    p(
                            "\\b(?:every|all|any)\\s+(?:e-?mails?|messages?)\\s+(?:sent|written|you\\s+send)\\s+(?:with"
                                    + "|through|via|using|by)\\b",
                            "mail|message",
                            "sent|written|you send")),
            Signal.AUTHORITY,
            List.of(p(
                    "<\\s*/?\\s*(?:important|system|admin|instructions?|secret|hidden|critical|override)"
                            + "\\s*>|\\[\\s*(?:system|admin|override)[^\\]\\n]{0,30}\\]",
                    "<|[")),
            Signal.PRESSURE,
            List.of(p(
                    "\\b(?:insist|even\\s+if\\s+(?:they|the\\s+user)\\s+(?:refuses?|declines?|objects?|hesitates?)"
                            + "|(?:keep|continue)\\s+asking|do\\s+not\\s+take\\s+no)\\b",
                    "insist|even if|keep asking|continue asking|take no")),
            Signal.OVERRIDE,
            List.of(
                    p("\\bregardless\\s+of\\s+what\\s+(?:the\\s+user|they|you\\s+were)\\b", "regardless"),
                    p(
                            "\\b(?:rules?|restrictions?|instructions?|guidelines?|polic(?:y|ies)|limits?)\\b[^.\\n]{0,60}?"
                                    + "\\b(?:are|is)\\s+(?:now\\s+)?(?:outdated|obsolete|no\\s+longer\\s+(?:valid|in\\s+force"
                                    + "|apply|applies)|void|suspended|lifted|disabled|revoked)\\b",
                            "outdated|obsolete|no longer|void|suspended|lifted|disabled|revoked"),
                    p(
                            "\\bdisregard\\s+(?:the\\s+|any\\s+|all\\s+)?(?:[\\w-]+\\s+){0,2}?(?:restrictions?|rules?"
                                    + "|polic(?:y|ies)|limits?|instructions?|guidelines?)\\b",
                            "disregard")));

    /** Pairs of a signal and its patterns, in a map; one signal per pair. */
    @SuppressWarnings("unchecked")
    private static Map<Signal, List<Rule>> bySignal(Object... pairs) {
        Map<Signal, List<Rule>> map = new EnumMap<>(Signal.class);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((Signal) pairs[i], (List<Rule>) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** Creates the scanner; it holds no state. */
    public ToolPoisoningScanner() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> scan(ScanText text) {
        return List.of(); // a text of unknown source is no tool definition
    }

    @Override
    public List<Finding> scan(ScanText text, ScanContext context) {
        if (context.source() != ScanContext.Source.TOOL_DEFINITION) {
            return List.of();
        }
        String norm = text.normalized();
        // lower-cased char by char, so that offsets stay those of the normalised text
        char[] chars = norm.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        String lower = new String(chars);
        Map<Signal, int[]> found = new EnumMap<>(Signal.class);
        for (Map.Entry<Signal, List<Rule>> e : PATTERNS.entrySet()) {
            boolean negatable = e.getKey() == Signal.SENSITIVE || e.getKey() == Signal.INTO_ARGUMENT;
            for (Rule rule : e.getValue()) {
                ScanDeadline.tick();
                if (!rule.mayMatch(lower)) {
                    continue;
                }
                Matcher m = rule.pattern().matcher(lower);
                int[] at = null;
                while (at == null && m.find()) {
                    // "not the whole conversation", "never include passwords": what is ruled out is no signal
                    if (!negatable || !negated(lower, m.start())) {
                        at = new int[] {m.start(), m.end()};
                    }
                }
                if (at != null) {
                    found.put(e.getKey(), at);
                    break;
                }
            }
        }
        if (found.isEmpty()) {
            return List.of();
        }
        double score = score(found.keySet());
        int[] span = found.values().iterator().next();
        return List.of(new Finding(
                NAME, Category.PROMPT_INJECTION, TYPE, score, text.toOriginal(span[0]), text.toOriginal(span[1])));
    }

    private static final Pattern NEGATION = Pattern.compile(
            "\\b(?:not|never|no|don'?t|doesn'?t|without|nor|avoid|excluding|except)\\b[^.;:\\n]{0,24}$");

    /** Whether a negation stands in the few words before {@code at}, in the same clause. */
    private static boolean negated(String text, int at) {
        return NEGATION.matcher(text.substring(Math.max(0, at - 32), at)).find();
    }

    /** Signals that honest definitions rarely show. */
    private static final java.util.Set<Signal> STRONG = java.util.EnumSet.of(
            Signal.SEND_OUT,
            Signal.REDIRECT,
            Signal.SENSITIVE,
            Signal.OTHER_TOOLS,
            Signal.AUTHORITY,
            Signal.PRESSURE,
            Signal.OVERRIDE);

    /** The score of a set of signals: the strongest combination they make. */
    static double score(java.util.Set<Signal> s) {
        boolean conceal = s.contains(Signal.CONCEAL) || s.contains(Signal.COVERT);
        long strong = s.stream().filter(STRONG::contains).count();
        boolean sensitive = s.contains(Signal.SENSITIVE);
        boolean data = sensitive || s.contains(Signal.CREDENTIAL);
        double best = 0.3; // one weak signal
        if (s.contains(Signal.OVERRIDE)) {
            best = Math.max(best, 0.7);
        }
        if (s.contains(Signal.CONCEAL) && s.contains(Signal.COVERT)) {
            best = Math.max(best, 0.7);
        }
        // hiding from the user what is done with data, or with other tools, is what honest tools do not ask
        if (conceal && (strong > 0 || data || (s.contains(Signal.COVERT) && s.contains(Signal.INTO_ARGUMENT)))) {
            best = Math.max(best, 0.9);
        }
        if (s.contains(Signal.REDIRECT)) {
            best = Math.max(best, 0.75);
        }
        if (s.contains(Signal.SEND_OUT) && data) {
            best = Math.max(best, 0.85);
        }
        if (s.contains(Signal.INTO_ARGUMENT) && sensitive) {
            best = Math.max(best, 0.8);
        }
        if (s.contains(Signal.PRESSURE) && data) {
            best = Math.max(best, 0.8);
        }
        // "call this before any other tool" is how honest session tools read; with a second strong signal it is not
        if ((s.contains(Signal.OTHER_TOOLS) || s.contains(Signal.AUTHORITY)) && strong >= 2) {
            best = Math.max(best, 0.8);
        }
        return best;
    }
}
