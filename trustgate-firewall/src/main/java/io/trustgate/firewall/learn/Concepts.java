package io.trustgate.firewall.learn;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Concept features for {@link HashedNgrams}: which of eleven broad concepts a text touches (a harmful topic, a
 * fictional or hypothetical frame, a pretext such as "for research purposes", a compliance demand, a persona, an
 * "unrestricted" claim, an override, an extraction target, an address to an AI, a task verb, pressure: stakes,
 * urgency or an emotional appeal), and every pair of them. A linear model over n-grams can only add evidence; it
 * cannot say "a harmful topic <em>inside</em> a fictional frame", which is what scenario jailbreaks are, while either
 * alone is ordinary (crime novels, plain harmful questions that the model refuses anyway). The pair features give the
 * linear model that conjunction, learned from data like any other weight. The word lists are broad on purpose: they
 * name concepts, not attack phrasings.
 *
 * <p>Cost: one hash look-up per word and per word pair, during the n-gram pass that hashes them anyway.
 *
 * <p>Limits: English word lists (other languages reach them through {@link Gloss}); a concept missed by its word list (a harmful topic in other words) gives no pair.
 */
final class Concepts {
    static final int COUNT = 11;

    private static final String[][] WORDS = {
        // 0 harmful topic
        {
            "bomb bombs explosive explosives weapon weapons gun guns firearm firearms meth methamphetamine drug drugs"
                    + " cocaine heroin fentanyl opioids poison poisoning kill killing murder suicide hack hacking hacker"
                    + " malware ransomware virus keylogger phishing scam scams fraud fraudulent launder laundering bribe"
                    + " bribing bribery steal stealing stolen theft counterfeit forge forged forgery blackmail extort"
                    + " extortion stalk stalking harass harassment defamatory defame racist sexist propaganda"
                    + " disinformation misinformation illegal illegally evade evading smuggle smuggling trafficking exploit"
                    + " tamper tampering cheat cheating manipulate manipulating porn pornography abuse napalm toxin"
                    + " pathogen anthrax untraceable unauthorized lethal terrorist terrorism genocide rape sabotage"
                    + " skimmer explicit gambling extremist kidnap kidnapping assassinate torture arson hostage overdose"
                    + " undetectable undetected",
            "fake news|identity theft|self harm|without consent|getting caught|nerve gas|hate speech"
        },
        // 1 fictional or hypothetical frame
        {
            "fiction fictional hypothetical hypothetically novel movie film script screenplay story roleplay imagine"
                    + " pretend character characters game simulation scenario fantasy villain protagonist writer book"
                    + " chapter scene thriller heist dystopian",
            "role play|thought experiment|parallel universe|alternate reality|in a world"
        },
        // 2 pretext
        {
            "purely solely educational academic research theoretical theoretically awareness",
            "educational purposes|research purposes|learning purposes|real life|be used|informational purposes"
                    + "|fictional reasons|actually used|no harm|purely fictional"
        },
        // 3 compliance demand
        {
            "disclaimer disclaimers refuse refusal refusing apologize apologise",
            "begin your|start your|begin with|sure here|never refuse|not refuse|no warnings|without warnings"
                    + "|in character|step by|detailed guide|specific steps|must not|cannot refuse|begin by|replying with"
        },
        // 4 persona
        {"persona", "you are|act as|from now|now on|pretend to|role of|you will|as an|play the"},
        // 5 unrestricted
        {
            "unrestricted unfiltered uncensored jailbreak jailbroken jailbreaking unlimited amoral unethical",
            "no rules|no restrictions|no limits|no filters|no ethical|no moral|any restrictions|anything now"
                    + "|developer mode|broken free|no guidelines|without restrictions|any rules"
        },
        // 6 override
        {
            "ignore ignoring disregard disregarding forget override overriding bypass",
            "previous instructions|prior instructions|above instructions|new instructions|your instructions"
                    + "|the instructions|your rules|new task"
        },
        // 7 extraction target
        {
            "verbatim password passwords secret confidential",
            "system prompt|initial prompt|your prompt|original prompt|hidden rules|text above|the above|word for"
        },
        // 8 an AI addressed
        {"ai assistant chatbot bot llm gpt chatgpt", "language model"},
        // 9 task verb
        {"write tell say reply respond answer translate include add recommend output print mention insert send", ""},
        // 10 pressure: stakes, urgency, an emotional appeal (the persuasion around a scenario jailbreak)
        {
            "deadline homeless evicted desperate desperately urgent urgently starve starving dying lives",
            "only hope|last chance|will lose|will die|my family|my children|two children|be fired|your help"
        }
    };

    /** Open-addressing tables (keys, masks), sized to stay under a quarter full: no boxing on the scan path. */
    private static final int BITS = 10;

    private static final long[] WORD_KEYS = new long[1 << BITS];
    private static final int[] WORD_MASKS = new int[1 << BITS];
    private static final long[] PAIR_KEYS = new long[1 << BITS];
    private static final int[] PAIR_MASKS = new int[1 << BITS];

    static {
        Map<Long, Integer> words = new HashMap<>();
        Map<Long, Integer> pairs = new HashMap<>();
        for (int c = 0; c < WORDS.length; c++) {
            for (String w : WORDS[c][0].split(" ")) {
                words.merge(wordHash(w) & 0xFFFFFFFFL, 1 << c, (a, b) -> a | b);
            }
            if (!WORDS[c][1].isEmpty()) {
                for (String p : WORDS[c][1].split("\\|")) {
                    String[] two = p.split(" ");
                    pairs.merge(pairKey(wordHash(two[0]), wordHash(two[1])), 1 << c, (a, b) -> a | b);
                }
            }
        }
        fill(words, WORD_KEYS, WORD_MASKS);
        fill(pairs, PAIR_KEYS, PAIR_MASKS);
    }

    private static void fill(Map<Long, Integer> from, long[] keys, int[] masks) {
        if (from.size() * 4 > keys.length) {
            throw new IllegalStateException("concept table too small for " + from.size() + " entries");
        }
        java.util.Arrays.fill(keys, -1L);
        from.forEach((k, m) -> {
            int slot = slot(k);
            while (keys[slot] != -1L) {
                slot = (slot + 1) & (keys.length - 1);
            }
            keys[slot] = k;
            masks[slot] = m;
        });
    }

    private static int slot(long key) {
        return HashedNgrams.mix((int) (key ^ (key >>> 32)) * 0x9E3779B1) & ((1 << BITS) - 1);
    }

    private static int find(long key, long[] keys, int[] masks) {
        for (int slot = slot(key); keys[slot] != -1L; slot = (slot + 1) & (keys.length - 1)) {
            if (keys[slot] == key) {
                return masks[slot];
            }
        }
        return 0;
    }

    private Concepts() {}

    /** The word hash {@link HashedNgrams#count} computes for a word of letters and digits. */
    static int wordHash(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        int h = 0;
        for (int i = 0; i < w.length(); i++) {
            h = i == 0
                    ? (HashedNgrams.WORD_SEED ^ w.charAt(i)) * HashedNgrams.FNV_PRIME
                    : (h ^ w.charAt(i)) * HashedNgrams.FNV_PRIME;
        }
        return h;
    }

    static long pairKey(int first, int second) {
        return ((long) first << 32) | (second & 0xFFFFFFFFL);
    }

    /** The concepts a word names, as a bit mask. */
    static int word(int hash) {
        return find(hash & 0xFFFFFFFFL, WORD_KEYS, WORD_MASKS);
    }

    /** The concepts a pair of consecutive words names, as a bit mask. */
    static int pair(int first, int second) {
        return find(pairKey(first, second), PAIR_KEYS, PAIR_MASKS);
    }
}
