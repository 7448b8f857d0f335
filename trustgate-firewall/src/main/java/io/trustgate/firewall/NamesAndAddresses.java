package io.trustgate.firewall;

import io.trustgate.api.ScanDeadline;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Person names and street addresses for {@link PiiScanner}: heuristics, not a language model.
 *
 * <p><b>PERSON:</b> runs of capitalised words (with initials and particles such as {@code van}, {@code de},
 * {@code bin}) scored by evidence: a title before the run ({@code Mr}, {@code Dr}, {@code Frau}, {@code Mme} ...: 0.9),
 * a strong cue ({@code my name is}, {@code name:}, {@code patient}, {@code dear}, {@code regards,}, {@code signed}:
 * 0.85), a run of two or more words opening with a given name from the gazetteer ({@code given-names.txt}, some 4,600
 * names across languages: 0.8), a weak cue ({@code I am}, {@code this is}, {@code hi}, {@code met}, {@code ask} ...)
 * with a given name or two words (0.7), a lone given name (0.6). Words that are given names but also verbs, months,
 * places, products or programming languages ({@code Will}, {@code May}, {@code Jordan}, {@code Claude}, {@code Ruby})
 * count only with a title or cue or a surname after them; title-case headings and runs ending in an organisation or
 * place word ({@code University}, {@code River}, {@code Street}) are skipped.
 *
 * <p><b>STREET_ADDRESS:</b> a house number, one to four capitalised words and a street suffix ({@code Street},
 * {@code Ave}, {@code Rd}, {@code Blvd}, {@code Lane}, {@code Drive}, {@code Way}, {@code Court}, {@code Terrace}
 * ...), with an optional unit, city, US state and ZIP or UK postcode; German {@code -straße}/{@code -weg}/{@code
 * -platz} and {@code Berliner Straße} followed by a number and an optional postcode and city; French {@code 12 rue de
 * la Paix, 75002 Paris}; Italian, Spanish and Portuguese {@code Via}/{@code Calle}/{@code Rua} + name + number.
 *
 * <p>Not a person: a run joined to another capitalised word by {@code &} (unless both open with given names: a
 * couple), a run right after a street word ({@code Via}, {@code rue}, {@code ul.}) or right before a place, institution,
 * prize or eponym word in any case ({@code airport}, {@code room}, {@code simulation}), and some 70 well-known brands
 * and places named like people ({@code Hugo Boss}, {@code Charles de Gaulle}). A name in capitals counts only after a
 * strong cue or a card or account holder's label ({@code name on card KEVIN BAKER}), and only when its first word is a
 * given name.
 *
 * <p><b>Limits:</b> names written in lower case, or in scripts without case (CJK, Arabic, Hindi) are not
 * found unless a title or cue precedes them (and then only cased ones); a surname alone is found only after a title
 * or strong cue; names of companies or places that start with a given name and that neither the rules nor the list
 * know ({@code Alice Springs}) are false positives. Addresses without a house number, in lower case, or in formats other than the above are missed.
 */
final class NamesAndAddresses {
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    static final String PERSON = "PERSON";
    static final String ADDRESS = "STREET_ADDRESS";

    /** A span with a score. */
    record Hit(String type, double score, int start, int end) {}

    private static final Set<String> GIVEN = loadNames();

    /** Given names that are also common words, months, places, brands or languages: they need more evidence. */
    private static final Set<String> AMBIGUOUS = words(
            "will",
            "may",
            "mark",
            "april",
            "june",
            "august",
            "jordan",
            "grace",
            "hope",
            "faith",
            "joy",
            "bill",
            "frank",
            "rose",
            "lily",
            "summer",
            "art",
            "sunny",
            "max",
            "chase",
            "hunter",
            "page",
            "paige",
            "dawn",
            "eve",
            "iris",
            "ivy",
            "jack",
            "penny",
            "rich",
            "sandy",
            "victor",
            "winter",
            "autumn",
            "river",
            "sky",
            "wade",
            "drew",
            "guy",
            "hazel",
            "heather",
            "holly",
            "jade",
            "pearl",
            "ruby",
            "violet",
            "amber",
            "crystal",
            "dale",
            "dean",
            "glen",
            "glenn",
            "grant",
            "lane",
            "lee",
            "miles",
            "pat",
            "ray",
            "christian",
            "angel",
            "don",
            "earl",
            "king",
            "prince",
            "sue",
            "nick",
            "patience",
            "constance",
            "destiny",
            "harmony",
            "melody",
            "precious",
            "blessing",
            "taylor",
            "parker",
            "mason",
            "carter",
            "cooper",
            "baker",
            "porter",
            "walker",
            "georgia",
            "virginia",
            "carolina",
            "florence",
            "sydney",
            "austin",
            "dallas",
            "phoenix",
            "chelsea",
            "brittany",
            "india",
            "lincoln",
            "madison",
            "savannah",
            "victoria",
            "regina",
            "orlando",
            "clinton",
            "london",
            "kennedy",
            "claude",
            "alexa",
            "julia",
            "ada",
            "pascal",
            "mercedes",
            "tesla",
            "gemini",
            "nova",
            "aurora",
            "luna",
            "sage",
            "jean",
            "sterling",
            "major",
            "duke",
            "bob",
            "al",
            "ali",
            "li",
            "van",
            "young",
            "long",
            "son",
            "bo",
            "an",
            "na",
            "nam",
            "dung",
            "hung",
            "hai",
            "thi",
            "tam",
            "lan",
            "mai",
            "thu",
            "hong",
            "ping",
            "ming",
            "lin",
            "yang",
            "chen",
            "wu",
            "fang",
            "xia",
            "lu",
            "yu",
            "said",
            "amir",
            "imani",
            "sultan",
            "noor",
            "nur",
            "raja",
            "dev",
            "hari",
            "jai",
            "ram",
            "raj",
            "prem",
            "neo",
            "ren",
            "rin",
            "sho",
            "mo",
            "em",
            "ed",
            "dot",
            "kit",
            "pip",
            "les",
            "val",
            "vic",
            "sam",
            "ash",
            "eden",
            "ellis",
            "marley",
            "remy",
            "reese",
            "shay",
            "tal",
            "gil",
            "ran",
            "ido",
            "eli",
            "liv",
            "odd",
            "per",
            "tor",
            "stig",
            "gro",
            "ellen",
            "ida",
            "ina",
            "aya",
            "lana",
            "lara",
            "mia",
            "nina",
            "rita",
            "stella",
            "vera",
            "viola",
            "cash",
            "bishop",
            "dakota",
            "logan",
            "olive",
            "ginger",
            "mercy",
            "trinity",
            "star",
            "storm",
            "rain",
            "justice",
            "honor",
            "royal",
            "unity",
            "sol",
            "luz",
            "paz",
            "dolores",
            "rosario",
            "soledad",
            "pilar",
            "trinidad",
            "mercedes",
            "camila",
            "wolf",
            "bear",
            "fox",
            "hayden",
            "scout",
            "harley",
            "parish",
            "cameron",
            "kai",
            "jan",
            "florian",
            "victoriano",
            "dante",
            "homer",
            "virgil",
            "otto",
            "leo",
            "adam",
            "abel",
            "noah",
            "moses",
            "jesus",
            "allah",
            "can",
            "edit",
            "floor",
            "gang",
            "hang",
            "ion",
            "joke",
            "loan",
            "min",
            "ted",
            "chad",
            "cole",
            "dick",
            "diamond",
            "doug",
            "fay",
            "hal",
            "ira",
            "jo",
            "jon",
            "lea",
            "mae",
            "mel",
            "nan",
            "nat",
            "ned",
            "nil",
            "opal",
            "pam",
            "pia",
            "pol",
            "rex",
            "rick",
            "rob",
            "ron",
            "sana",
            "saga",
            "shan",
            "tao",
            "tara",
            "toby",
            "wei",
            "yen",
            "yi",
            "yuan",
            "zane",
            "ugo",
            "brooklyn",
            "shannon",
            "sofia",
            "siri",
            "jasmine",
            "iona",
            "skye",
            "asia",
            "miles",
            "bishop",
            "mercy",
            "rowan",
            "penny",
            "tina",
            "rosa",
            "gul",
            "bin",
            "lu",
            "cal",
            "cam",
            "hugo",
            "eden",
            "hope",
            "angel",
            "chance",
            "reed",
            "ward",
            "wolf",
            "rich",
            "sunny",
            "skip",
            "wellington",
            "washington",
            "noe",
            "diego",
            "francisco",
            "jose",
            "paulo",
            "luis");

    /** Institutions, buildings and honours: they end a place's or an organisation's name and follow an eponym. */
    private static final Set<String> INSTITUTION_WORDS = words(
            "airport",
            "station",
            "university",
            "college",
            "school",
            "academy",
            "institute",
            "hospital",
            "clinic",
            "foundation",
            "museum",
            "library",
            "hotel",
            "hall",
            "tower",
            "bridge",
            "award",
            "prize",
            "cup",
            "memorial",
            "boulevard",
            "highway",
            "street",
            "road",
            "avenue",
            "square");

    /**
     * Capitalised words that are not names: pronouns, sentence openers, greetings, days, months, and the words that
     * end the names of places and organisations.
     */
    /** Words that end the names of places and organisations, and are never a name themselves. */
    private static final Set<String> ORG_AND_PLACE_WORDS = union(
            INSTITUTION_WORDS,
            words(
                    "lane",
                    "drive",
                    "way",
                    "court",
                    "place",
                    "park",
                    "river",
                    "lake",
                    "mountain",
                    "bay",
                    "beach",
                    "island",
                    "valley",
                    "springs",
                    "city",
                    "county",
                    "bank",
                    "church",
                    "center",
                    "centre",
                    "company",
                    "corporation",
                    "corp",
                    "inc",
                    "ltd",
                    "llc",
                    "gmbh",
                    "ag",
                    "plc",
                    "group",
                    "labs",
                    "systems",
                    "studio",
                    "studios",
                    "records",
                    "press",
                    "media",
                    "partners",
                    "holdings",
                    "bros",
                    "brothers",
                    "gardens",
                    "house",
                    "castle",
                    "palace",
                    "hill",
                    "forest",
                    "league",
                    "festival",
                    "conference",
                    "terrace",
                    "period",
                    "act",
                    "law",
                    "port",
                    "cemetery",
                    "mortuary",
                    "republicans",
                    "democrats",
                    "party",
                    "state"));

    private static final Set<String> NOT_NAME = union(
            ORG_AND_PLACE_WORDS,
            words(
                    "i",
                    "the",
                    "a",
                    "an",
                    "and",
                    "or",
                    "but",
                    "if",
                    "of",
                    "in",
                    "on",
                    "at",
                    "to",
                    "for",
                    "from",
                    "with",
                    "by",
                    "as",
                    "is",
                    "are",
                    "was",
                    "were",
                    "be",
                    "it",
                    "its",
                    "this",
                    "that",
                    "these",
                    "those",
                    "there",
                    "here",
                    "he",
                    "she",
                    "we",
                    "they",
                    "you",
                    "your",
                    "my",
                    "our",
                    "their",
                    "his",
                    "her",
                    "hi",
                    "hello",
                    "hey",
                    "dear",
                    "thanks",
                    "thank",
                    "regards",
                    "best",
                    "cheers",
                    "please",
                    "yes",
                    "no",
                    "not",
                    "ok",
                    "okay",
                    "today",
                    "tomorrow",
                    "yesterday",
                    "tonight",
                    "monday",
                    "tuesday",
                    "wednesday",
                    "thursday",
                    "friday",
                    "saturday",
                    "sunday",
                    "january",
                    "february",
                    "march",
                    "july",
                    "september",
                    "october",
                    "november",
                    "december",
                    "team",
                    "all",
                    "everyone",
                    "customer",
                    "customers",
                    "client",
                    "sir",
                    "madam",
                    "kollegin",
                    "kollege",
                    "kollegen",
                    "doktor",
                    "damen",
                    "herren",
                    "collègue",
                    "collega",
                    "colega",
                    "colleagues",
                    "friends",
                    "support",
                    "admin",
                    "user",
                    "users",
                    "manager",
                    "department",
                    "mount",
                    "islands",
                    "states",
                    "sa",
                    "report",
                    "summary",
                    "notes",
                    "plan",
                    "review",
                    "policy",
                    "update",
                    "overview",
                    "introduction",
                    "chapter",
                    "section",
                    "part",
                    "appendix",
                    "table",
                    "figure",
                    "note",
                    "warning",
                    "error",
                    "question",
                    "answer",
                    "what",
                    "when",
                    "where",
                    "who",
                    "why",
                    "how",
                    "which",
                    "do",
                    "does",
                    "did",
                    "can",
                    "could",
                    "would",
                    "should",
                    "shall",
                    "must",
                    "have",
                    "has",
                    "had",
                    "get",
                    "let",
                    "make",
                    "see",
                    "also",
                    "then",
                    "now",
                    "after",
                    "before",
                    "during",
                    "while",
                    "since",
                    "because",
                    "so",
                    "just",
                    "only",
                    "even",
                    "new",
                    "old",
                    "north",
                    "south",
                    "east",
                    "west",
                    "central",
                    "upper",
                    "lower",
                    "great",
                    "little",
                    "big",
                    "saint",
                    "st",
                    "san",
                    "santa",
                    "fort",
                    "cape",
                    "lady",
                    "lord",
                    "god",
                    "day",
                    "week",
                    "month",
                    "year",
                    "christmas",
                    "easter",
                    "mr",
                    "mrs",
                    "ms",
                    "dr",
                    "prof",
                    "mx",
                    "miss",
                    "herr",
                    "frau",
                    "mme",
                    "mlle",
                    "monsieur",
                    "madame",
                    "english",
                    "french",
                    "german",
                    "spanish",
                    "italian",
                    "chinese",
                    "japanese",
                    "american",
                    "british",
                    "european",
                    "android",
                    "windows",
                    "linux",
                    "python",
                    "java",
                    "javascript",
                    "google",
                    "apple",
                    "microsoft",
                    "amazon",
                    "meta",
                    "openai",
                    "anthropic",
                    "siri",
                    "copilot",
                    "chatgpt",
                    "gpt",
                    "llama",
                    "mistral",
                    "grok",
                    "cortana",
                    "alexa",
                    "teams",
                    "office",
                    "cloud",
                    "pro",
                    "max",
                    "plus",
                    "mini",
                    "ultra",
                    "edition",
                    "version",
                    "release",
                    "service",
                    "services",
                    "api",
                    "sdk",
                    "app",
                    "web",
                    "online",
                    "global",
                    "international",
                    "national",
                    "world",
                    "europe",
                    "asia",
                    "africa",
                    "america",
                    "australia",
                    "canada",
                    "france",
                    "germany",
                    "england",
                    "spain",
                    "italy",
                    "china",
                    "japan",
                    "russia",
                    "brazil",
                    "mexico",
                    "paris",
                    "berlin",
                    "rome",
                    "madrid",
                    "tokyo",
                    "york",
                    "los",
                    "angeles",
                    "las",
                    "vegas",
                    "hills",
                    "wood",
                    "woods",
                    "field",
                    "fields",
                    "summit",
                    "treaty",
                    "agreement",
                    "day",
                    "yeah",
                    "yep",
                    "sure",
                    "well",
                    "sorry",
                    "great",
                    "good",
                    "fine"));

    /** Words that end a place or organisation name: a run ending in one of them is not a person. */
    private static final Set<String> ORG_OR_PLACE_END = union(
            ORG_AND_PLACE_WORDS,
            words(
                    "bowl",
                    "stadium",
                    "arena",
                    "theatre",
                    "theater",
                    "mall",
                    "market",
                    "harbour",
                    "harbor",
                    "mountains",
                    "sea",
                    "ocean",
                    "province",
                    "region",
                    "district",
                    "cathedral",
                    "temple",
                    "mosque",
                    "international"));

    /**
     * Words just after a run that make it the name of a place, an institution, a prize or an eponym ("Humberto Delgado
     * airport", "the Florence Nightingale room", "Monte Carlo simulation"), in any case: a person's name is seldom
     * followed by one.
     */
    private static final Set<String> THING_AFTER = union(
            INSTITUTION_WORDS,
            words(
                    "international",
                    "terminal",
                    "awards",
                    "medal",
                    "trophy",
                    "fellowship",
                    "scholarship",
                    "lecture",
                    "blvd",
                    "stadium",
                    "arena",
                    "theatre",
                    "theater",
                    "room",
                    "building",
                    "simulation",
                    "simulations",
                    "theorem",
                    "distribution",
                    "disease",
                    "syndrome",
                    "flughafen",
                    "bahnhof",
                    "universität",
                    "krankenhaus",
                    "klinikum",
                    "stiftung",
                    "preis",
                    "straße",
                    "strasse",
                    "platz",
                    "aéroport",
                    "gare",
                    "université",
                    "hôpital",
                    "fondation",
                    "prix",
                    "aeropuerto",
                    "estación",
                    "universidad",
                    "fundación",
                    "premio",
                    "aeroporto",
                    "stazione",
                    "università",
                    "ospedale",
                    "fondazione",
                    "estação",
                    "universidade",
                    "fundação",
                    "luchthaven",
                    "lotnisko",
                    "dworzec",
                    "uniwersytet",
                    "szpital",
                    "fundacja",
                    "nagroda",
                    "flygplats",
                    "sjukhus"));

    /**
     * Words just before a run that make it a street or square named after a person ("in Via Giuseppe Verdi", "ul.
     * Adama Mickiewicza", "rue Victor Hugo"), compared without a trailing dot and in any case.
     */
    private static final Set<String> STREET_BEFORE = words(
            "via",
            "viale",
            "corso",
            "piazza",
            "piazzale",
            "largo",
            "vicolo",
            "rue",
            "avenue",
            "av",
            "bd",
            "boulevard",
            "quai",
            "allée",
            "place",
            "calle",
            "avenida",
            "avda",
            "plaza",
            "paseo",
            "rua",
            "praça",
            "travessa",
            "ul",
            "al",
            "pl",
            "os",
            "ulica",
            "aleja",
            "plac",
            "osiedle",
            "carrer",
            "avinguda",
            "straat",
            "laan",
            "plein");

    /**
     * Companies, brands and places named after people that the rules above do not catch (no suffix, no place word):
     * well-known ones only, compared with the run's words, lower case, one space apart. A list cannot be complete; it
     * keeps the commonest out of redacted text.
     */
    private static final Set<String> NAMED_LIKE_PEOPLE = words(
            "hugo boss",
            "louis vuitton",
            "yves saint laurent",
            "yves rocher",
            "christian dior",
            "christian louboutin",
            "giorgio armani",
            "emporio armani",
            "tommy hilfiger",
            "calvin klein",
            "ralph lauren",
            "carolina herrera",
            "michael kors",
            "marc jacobs",
            "kate spade",
            "tom ford",
            "jimmy choo",
            "paul smith",
            "ted baker",
            "vivienne westwood",
            "stella mccartney",
            "karl lagerfeld",
            "jean paul gaultier",
            "salvatore ferragamo",
            "roberto cavalli",
            "oscar de la renta",
            "estée lauder",
            "este lauder",
            "elizabeth arden",
            "helena rubinstein",
            "john lewis",
            "albert heijn",
            "jerónimo martins",
            "morgan stanley",
            "charles schwab",
            "merrill lynch",
            "dean witter",
            "edward jones",
            "wells fargo",
            "goldman sachs",
            "lehman brothers",
            "j.p. morgan",
            "jp morgan",
            "john deere",
            "walt disney",
            "addison-wesley",
            "rolls-royce",
            "mercedes-benz",
            "harley davidson",
            "robert bosch",
            "carl zeiss",
            "ferdinand porsche",
            "enzo ferrari",
            "aston martin",
            "william hill",
            "tim hortons",
            "ronald mcdonald",
            "sara lee",
            "betty crocker",
            "uncle ben",
            "dr oetker",
            "johnnie walker",
            "jack daniel",
            "jim beam",
            "john f. kennedy",
            "charles de gaulle",
            "washington dulles",
            "george bush intercontinental",
            "martin luther king",
            "leonardo da vinci",
            "marco polo",
            "frederic chopin",
            "fryderyk chopin",
            "humberto delgado",
            "adolfo suárez",
            "franz josef strauss",
            "konrad adenauer",
            "monte carlo");

    /** Words that open a place name: a run starting with one names a place ("San Diego", "South Carolina"). */
    private static final Set<String> PLACE_START = words(
            "north",
            "south",
            "east",
            "west",
            "new",
            "san",
            "santa",
            "st",
            "saint",
            "los",
            "las",
            "fort",
            "port",
            "mount",
            "lake",
            "cape",
            "upper",
            "lower",
            "great",
            "little",
            "northern",
            "southern",
            "eastern",
            "western",
            "central",
            "greater",
            "monte",
            "mont",
            "puerto",
            "via",
            "viale",
            "corso",
            "piazza",
            "rue",
            "calle",
            "avenida",
            "rua",
            "plac",
            "aleja",
            "ulica");

    private static final Set<String> TITLES = words(
            "mr",
            "mrs",
            "ms",
            "miss",
            "mx",
            "dr",
            "prof",
            "professor",
            "doctor",
            "sir",
            "dame",
            "herr",
            "frau",
            "mme",
            "mlle",
            "madame",
            "monsieur",
            "señor",
            "senor",
            "señora",
            "senora",
            "sr",
            "sra",
            "srta",
            "rev",
            "reverend",
            "capt",
            "captain",
            "sgt",
            "sergeant",
            "lt",
            "col",
            "gen",
            "judge",
            "justice",
            "nurse",
            "signor",
            "signora",
            "dott",
            "ing");

    private static final Set<String> PARTICLES = words(
            "van", "von", "de", "der", "den", "da", "di", "del", "della", "du", "le", "la", "bin", "ibn", "al", "el",
            "dos", "das", "ter", "ten", "zu", "y", "e", "af", "ap", "ben", "bint", "abu", "st.");

    /** Phrases just before a name that make it one, compared on the lower-cased, space-collapsed text before it. */
    private static final List<String> STRONG_CUES = List.of(
            "my name is",
            "my name's",
            "name is",
            "name:",
            "patient",
            "patient:",
            "patient name",
            "patient name:",
            "dear",
            "signed",
            "signed:",
            "signed by",
            "regards,",
            "sincerely,",
            "yours,",
            "yours truly,",
            "yours sincerely,",
            "yours faithfully,",
            "thanks,",
            "cheers,",
            "best,",
            "from:",
            "to:",
            "cc:",
            "attn",
            "attn:",
            "attn.",
            "attn.:",
            "attention:",
            "contact:",
            "contact person:",
            "full name",
            "full name:",
            "nom:",
            "nom :",
            "je m'appelle",
            "je m’appelle",
            "mein name ist",
            "ich heiße",
            "me llamo",
            "mi nombre es",
            "mi chiamo",
            "employee:",
            "applicant:",
            "customer:",
            "client:",
            "author:",
            // introductions in the other languages of the gazetteer
            "jag heter",
            "ik heet",
            "mijn naam is",
            "nazywam się",
            "mam na imię",
            "chamo-me",
            "o meu nome é");

    /**
     * Sign-offs and form labels in the other languages of the gazetteer ("Mvh", "Z poważaniem", "Kund:",
     * "Versicherungsnehmer:"): strong only before a given name, since a team or a company signs as often ("Mit
     * freundlichen Grüßen, Ihre Kundenbetreuung").
     */
    private static final List<String> GIVEN_NAME_CUES = List.of(
            "mvh",
            "med vänlig hälsning",
            "vänliga hälsningar",
            "met vriendelijke groet",
            "vriendelijke groet",
            "mit freundlichen grüßen",
            "viele grüße",
            "cordialement",
            "bien à vous",
            "atentamente",
            "saludos",
            "saludos cordiales",
            "cordiali saluti",
            "distinti saluti",
            "pozdrawiam",
            "z poważaniem",
            "atenciosamente",
            "cumprimentos",
            "kund:",
            "kunde:",
            "kundin:",
            "cliente:",
            "klient:",
            "klientka:",
            "klant:",
            "passenger:",
            "försäkringstagare:",
            "verzekeringnemer:",
            "versicherungsnehmer:",
            "versicherungsnehmerin:",
            "assuré:",
            "assuré :",
            "asegurado:",
            "tomador:",
            "assicurato:",
            "contraente:",
            "segurado:",
            "tomador do seguro:",
            "ubezpieczony:",
            "sökande:",
            "handläggare:",
            "skadereglerare:",
            "behandelaar:",
            "sachbearbeiter:",
            "sachbearbeiterin:",
            "gestionnaire du dossier :",
            "gestionnaire du dossier:",
            "tramitador:",
            "referente:",
            "likwidator szkody:",
            "opiekun:",
            "kontoinhaber:",
            "kontoinhaberin:",
            "titular:",
            "titulaire:",
            "intestatario:",
            "posiadacz karty:",
            "signed by:");

    /** Phrases before a name that support one: a given name or two capitalised words after them count. */
    private static final List<String> WEAK_CUES = List.of(
            "i am",
            "i'm",
            "i’m",
            "this is",
            "hi",
            "hello",
            "hey",
            "met",
            "meet",
            "ask",
            "tell",
            "call",
            "spoke with",
            "spoke to",
            "talked to",
            "written by",
            "assigned to",
            "sent by",
            "ich bin",
            "je suis",
            "soy",
            "sono",
            "hej",
            "hallo",
            "hoi",
            "bonjour",
            "hola",
            "ciao",
            "olá",
            "cześć",
            "dzień dobry",
            "wife",
            "husband",
            "son",
            "daughter",
            "brother",
            "sister",
            "mother",
            "father",
            "friend",
            "colleague",
            "boss",
            "neighbor",
            "neighbour");

    private static final Set<String> TITLES_BEFORE = words(
            "Mr",
            "Mrs",
            "Ms",
            "Miss",
            "Mx",
            "Dr",
            "Prof",
            "Professor",
            "Doctor",
            "Sir",
            "Dame",
            "Herr",
            "Frau",
            "Mme",
            "Mlle",
            "Madame",
            "Monsieur",
            "Señor",
            "Senor",
            "Señora",
            "Senora",
            "Sr",
            "Sra",
            "Srta",
            "Rev",
            "Capt",
            "Sgt",
            "Lt",
            "Col",
            "Gen",
            "Judge",
            "Nurse",
            "Signor",
            "Signora",
            "Dott",
            "Ing",
            "M");
    private static final int CONTEXT = 40;

    /**
     * The longest word read as a possible name part, in chars. Without a bound a hyphenated run ("A-A-A-...") was read
     * to its end again from each of its capitals: quadratic, 3 s for 80,000 chars.
     */
    static final int MAX_WORD = 48;

    /**
     * The most words one run of capitalised words may hold before it is judged (titles and particles included; a name
     * keeps at most four). Without a bound a title-case run of thousands of words was judged by copying it once per
     * word it skipped, with one stack frame each.
     */
    static final int MAX_RUN = 12;

    private static final Pattern HEADING_WORD = Pattern.compile("[\\p{L}\\d][\\p{L}\\d'’&\\-]*");

    // ---- street addresses ------------------------------------------------------------------------------------

    private static final String CAP_WORD = "\\p{Lu}[\\p{L}'’.\\-]*";
    private static final String STREET_SUFFIX = "(?:Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr"
            + "|Way|Court|Ct|Place|Pl|Terrace|Ter|Close|Crescent|Cres|Square|Sq|Parkway|Pkwy|Highway|Hwy|Circle|Cir"
            + "|Row|Gardens|Gdns|Grove|Mews|Walk|Hill|Parade|Esplanade|Trail|Trl|Alley|Plaza|Loop|Path|Pike)";
    private static final String DIRECTION = "(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\\.?";
    private static final String US_STATES = "(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI"
            + "|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)";
    private static final String UK_POSTCODE = "[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2}";
    private static final String CITY =
            "\\p{Lu}[\\p{Ll}'.\\-][\\p{L}'.\\-]*(?:\\s\\p{Lu}[\\p{Ll}'.\\-][\\p{L}'.\\-]*){0,2}";
    private static final String UNIT =
            "(?:,?\\s*(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|#)\\.?\\s*#?[A-Za-z0-9]{1,5}(?![\\w]))";
    private static final String TAIL = "(?:" + UNIT + ")?"
            + "(?:,\\s*" + CITY + "(?:,?\\s+" + US_STATES + "\\s+\\d{5}(?:-\\d{4})?|,?\\s+" + UK_POSTCODE
            + "(?![\\w]))?)?";

    /** Number first: English-speaking and French forms. */
    private static final Pattern NUMBER_FIRST = Pattern.compile("(?:"
            + "\\d{1,5}[A-Za-z]?(?:-\\d{1,5})?\\s+(?:" + DIRECTION + "\\s+)?(?:(?:" + CAP_WORD + "|\\d{1,3}(?:st|nd|rd"
            + "|th))\\s+){1,4}" + STREET_SUFFIX + "\\b\\.?(?:\\s+" + DIRECTION + "(?![\\w]))?" + TAIL
            + "|\\d{1,5}[A-Za-z]?(?:-\\d{1,5})?\\s+Broadway\\b" + TAIL
            + "|\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?i:rue|avenue|av\\.|boulevard|bd|place|chemin|allée|allee|impasse"
            + "|quai|route|cours|passage|square)\\s+(?:(?:de\\s+la|de\\s+l['’]|du|des|de|d['’]|la|le|les|l['’])\\s*)?"
            + CAP_WORD + "(?:[\\s\\-]+(?:(?:de|du|des|la|le|d['’]|l['’])\\s*)?" + CAP_WORD + "){0,3}"
            + "(?:,?\\s+\\d{5}\\s+" + CITY + ")?"
            + ")");

    /** Number after: German, Dutch, Scandinavian, Italian, Spanish and Portuguese forms. */
    private static final Pattern NUMBER_AFTER = Pattern.compile("(?:"
            + "\\p{Lu}[\\p{L}\\-]*(?i:straße|strasse|str\\.|weg|platz|allee|gasse|damm|ufer|chaussee|gracht|laan"
            + "|straat|plein|gatan|gata|vej|vägen|veien)"
            // "Mozartring 5", not "During 2021" or "Spring 2024": three letters before -ring, none of e, i, u, p
            + "|\\p{Lu}[\\p{L}\\-]{2,}(?<![eiupEIUP])ring"
            + "|\\p{Lu}[\\p{L}\\-]*\\s+(?:Straße|Strasse|Str\\.|Weg|Platz|Allee|Gasse|Ring|Damm|Ufer)"
            // "Konrad-Adenauer-Ring 203": a hyphenated name ending in a capitalised street word
            + "|\\p{Lu}\\p{L}*+(?:-\\p{Lu}\\p{L}*+)*?-(?:Ring|Allee|Platz|Weg|Damm|Ufer|Gasse)"
            // Dutch streets that open with their street word: "Laan van Meerdervoort 185", "Kade van Oranje 2"
            + "|(?:Laan|Weg|Plein|Kade|Singel|Dijk|Straat)\\s+(?:(?:van|der|de|den|het|op|ten|ter|naar)\\s+){1,3}"
            + CAP_WORD + "(?:\\s+" + CAP_WORD + "){0,2}"
            // Polish "ul. Piotrkowska 61 m. 56", "al. Jana Pawła II 12/4": the street word abbreviated before the name
            + "|(?:ul\\.|al\\.|pl\\.|os\\.)\\s+" + CAP_WORD + "(?:\\s+(?:" + CAP_WORD + "|[IVX]{1,4})){0,2}"
            // "Am Sonnenhang 20a", "An der Alster 12": German streets named by a preposition and a place, only where
            // an address word precedes (else "Am Montag 5" would be one)
            // the look-ahead first: the look-behind is tried at every position and costs far more
            + "|(?=Am|An|Im|In|Auf|Zu|Unter|Hinter)"
            + "(?<=(?i:adresse|anschrift|wohnhaft|wohne|wohnt|address|lives\\s+at|live\\s+at|moved\\s+to)\\s?:?\\s{1,3})"
            + "(?:Am|An\\s+der|An\\s+den|Im|In\\s+der|Auf\\s+dem|Auf\\s+der|Zum|Zur|Unter\\s+den|Hinter\\s+der)\\s+"
            + "\\p{Lu}[\\p{L}\\-]+"
            + "|(?:Via|Viale|Piazza|Corso|Vicolo|Calle|Avenida|Avda\\.|Plaza|Paseo|Carrer|Rua|Praça|Largo|Travessa)"
            + "\\s+(?:(?:de|del|della|dei|delle|di|da|do|dos|das|la|las|los|el)\\s+){0,2}" + CAP_WORD + "(?:\\s+"
            + CAP_WORD + "){0,2}\\s*,?"
            + ")\\s+\\d{1,4}\\s?[a-zA-Z]?(?![\\w])"
            // a flat after the house number: "61 m. 56", "12/4"
            + "(?:\\s+m\\.\\s?\\d{1,4}(?![\\w])|/\\d{1,4}(?![\\w/]))?"
            + "(?:,?\\s+(?:D-|CH-|A-)?\\d{4,5}\\s+" + CITY + ")?");

    private NamesAndAddresses() {}

    /** A set of words; repeats allowed, so that the lists can be grouped by theme. */
    private static Set<String> words(String... ws) {
        return Set.copyOf(new HashSet<>(List.of(ws)));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    private static Set<String> loadNames() {
        Set<String> out = new HashSet<>(8192);
        try (InputStream in = NamesAndAddresses.class.getResourceAsStream("given-names.txt")) {
            if (in == null) {
                throw new IllegalStateException("given-names.txt missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }

    static boolean isGivenName(String lower) {
        return GIVEN.contains(lower);
    }

    /** Street addresses in {@code s}. */
    static void addresses(String s, List<Hit> out) {
        boolean digit = false;
        for (int i = 0; i < s.length() && !digit; i++) {
            digit = s.charAt(i) >= '0' && s.charAt(i) <= '9';
        }
        if (!digit) {
            return; // every form here has a house number
        }
        Matcher m = NUMBER_FIRST.matcher(s);
        m.useTransparentBounds(true);
        Matcher a = NUMBER_AFTER.matcher(s);
        a.useTransparentBounds(true);
        int len = s.length();
        int afterEnd = 0;
        int i = 0;
        while (i < len) {
            char c = s.charAt(i);
            if (c < '0'
                    || c > '9'
                    || (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '.'))) {
                i++;
                continue;
            }
            ScanDeadline.tick();
            m.region(i, Math.min(len, i + 200));
            if (mayStartStreet(s, i) && m.lookingAt()) {
                out.add(new Hit(ADDRESS, 0.8, m.start(), trimEnd(s, m.start(), m.end())));
                i = m.end();
                continue;
            }
            // number-after forms ("Hauptstraße 5", "Via Roma 12"): only where a word stands right before the number,
            // so that the pattern runs on a short window rather than over the whole text
            int k = i - 1;
            while (k >= 0 && s.charAt(k) == ' ') {
                k--;
            }
            if (k >= 0 && s.charAt(k) == ',') {
                k--;
            }
            if (k >= 0
                    && k < i - 1
                    && i >= afterEnd
                    && (Character.isLetter(s.charAt(k)) || s.charAt(k) == '.')
                    && mayEndStreetName(s, k)) {
                int from = streetNameReach(s, k, Math.max(afterEnd, i - 80));
                for (int at = from; at < i; at++) {
                    if (!(Character.isUpperCase(s.charAt(at)) || polishStreetWord(s, at))
                            || at > 0 && Character.isLetterOrDigit(s.charAt(at - 1))) {
                        continue;
                    }
                    a.region(at, Math.min(len, i + 60));
                    if (a.lookingAt() && a.end() > i) {
                        out.add(new Hit(ADDRESS, 0.8, at, trimEnd(s, at, a.end())));
                        afterEnd = a.end();
                        break;
                    }
                }
            }
            while (i < len && Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            }
        }
    }

    /** Polish street words are written in lower case before the name: "ul.", "al.", "pl.", "os.". */
    private static boolean polishStreetWord(String s, int at) {
        return at + 3 < s.length()
                && s.charAt(at + 2) == '.'
                && (s.startsWith("ul", at)
                        || s.startsWith("al", at)
                        || s.startsWith("pl", at)
                        || s.startsWith("os", at));
    }

    /**
     * Where a street name that ends at {@code k} (inclusive) can start at the earliest: {@value #STREET_NAME_TOKENS}
     * whitespace-separated tokens back, and not before {@code floor}. The longest number-after form is "Via" with two
     * particles and three names; a comma may stand alone. The pattern is tried only at word starts inside this reach,
     * so that a text dense with numbers (a matcher's {@code find} over 140 chars per number was 7 µs per char of
     * "1 Main 1 Main ...") costs a few short attempts per number.
     */
    private static int streetNameReach(String s, int k, int floor) {
        int c = k;
        for (int tokens = 0; c > floor; ) {
            if (Character.isWhitespace(s.charAt(c - 1))) {
                while (c > floor && Character.isWhitespace(s.charAt(c - 1))) {
                    c--;
                }
                if (++tokens == STREET_NAME_TOKENS) {
                    break;
                }
            } else {
                c--;
            }
        }
        return c;
    }

    static final int STREET_NAME_TOKENS = 8;

    /** A cheap look past the house number: a street name starts with a capital or a French street word. */
    private static boolean mayStartStreet(String s, int i) {
        int len = s.length();
        int k = i;
        // a house number is short ("12", "12-14"): look at most 12 chars ahead, so that "1-1-1-..." stays linear
        while (k < len && k - i < 12 && (Character.isDigit(s.charAt(k)) || s.charAt(k) == '-')) {
            k++;
        }
        if (k < len && Character.isLetter(s.charAt(k)) && k + 1 < len && !Character.isLetter(s.charAt(k + 1))) {
            k++; // 221B
        }
        int spaces = k;
        while (k < len && (s.charAt(k) == ' ' || s.charAt(k) == ',' || s.charAt(k) == '\u00a0')) {
            k++;
        }
        if (k == spaces || k >= len) {
            return s.startsWith("bis", k) || s.startsWith("ter", k);
        }
        if ((s.startsWith("bis", k) || s.startsWith("ter", k)) && k + 3 < len && s.charAt(k + 3) == ' ') {
            k += 3; // "232 bis rue du Moulin"
            while (k < len && s.charAt(k) == ' ') {
                k++;
            }
            if (k >= len) {
                return false;
            }
        }
        char c = s.charAt(k);
        if (Character.isUpperCase(c)) {
            return true;
        }
        for (String w : FRENCH_STREET_WORDS) {
            if (s.regionMatches(true, k, w, 0, w.length())) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> FRENCH_STREET_WORDS = List.of(
            "rue ",
            "avenue ",
            "av. ",
            "boulevard ",
            "bd ",
            "place ",
            "chemin ",
            "allée ",
            "allee ",
            "impasse ",
            "quai ",
            "route ",
            "cours ",
            "passage ",
            "square ");

    /**
     * Whether the word ending at {@code k} (inclusive) can end a street name written before its number: a
     * capitalised word ("Hauptstraße", "Roma") or the abbreviation "Str.".
     */
    private static boolean mayEndStreetName(String s, int k) {
        int e = k;
        if (s.charAt(e) == '.') {
            return e >= 3 && s.regionMatches(true, e - 3, "str", 0, 3)
                    || e >= 4 && s.regionMatches(true, e - 4, "avda", 0, 4);
        }
        int ws = e;
        while (ws > 0 && e - ws < 40 && (Character.isLetter(s.charAt(ws - 1)) || s.charAt(ws - 1) == '-')) {
            ws--;
        }
        return Character.isUpperCase(s.charAt(ws));
    }

    private static int trimEnd(String s, int start, int end) {
        while (end > start && ",. -".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        // "St." and "Ave." keep their dot only when it is not the sentence's end; either way the span is the address
        return end;
    }

    // ---- person names ----------------------------------------------------------------------------------------

    /** One capitalised word, an initial or a particle, with its offsets. */
    private record Tok(int start, int end, String lower, boolean initial, boolean particle) {}

    /** Person names in {@code s}. */
    static void persons(String s, List<Hit> out) {
        int len = s.length();
        int i = 0;
        List<Tok> run = new ArrayList<>();
        while (i < len) {
            char c = s.charAt(i);
            if (!Character.isUpperCase(c) || (i > 0 && isWordChar(s.charAt(i - 1)))) {
                i++;
                continue;
            }
            ScanDeadline.tick();
            run.clear();
            int j = i;
            while (run.size() < MAX_RUN) {
                Tok t = token(s, j);
                if (t == null) {
                    break;
                }
                run.add(t);
                j = t.end();
                // the next word must follow after one space (or a dot and space for an initial)
                int k = j;
                if (t.initial()) {
                    k++; // the dot
                }
                if (k < len && s.charAt(k) == ' ' && k + 1 < len) {
                    Tok next = token(s, k + 1);
                    if (next == null) {
                        break;
                    }
                    j = k + 1;
                } else {
                    break;
                }
            }
            // drop trailing particles
            while (!run.isEmpty() && (run.get(run.size() - 1).particle())) {
                run.remove(run.size() - 1);
            }
            int after = run.isEmpty()
                    ? capsName(s, i, out)
                    : run.get(run.size() - 1).end();
            if (!run.isEmpty()) {
                judge(s, List.copyOf(run), out);
            }
            i = Math.max(after, i + 1);
        }
    }

    /** Phrases before a name in capitals on cards and forms ("name on card JOHN SMITH", "Cardholder: JANE DOE"). */
    private static final List<String> CAPS_CUES = List.of(
            "name on card",
            "name on card:",
            "cardholder",
            "cardholder:",
            "card holder",
            "card holder:",
            "account holder",
            "account holder:",
            "holder:",
            "beneficiary:",
            "payee:",
            "karteninhaber:",
            "kontoinhaber:",
            "inhaber:",
            "titulaire:",
            "titular:",
            "intestatario:",
            "posiadacz:",
            "posiadacz karty:",
            "kontoinhaberin:",
            "passenger:",
            "passenger name:",
            "account holders:",
            "kortinnehavare:");

    /**
     * A name in capitals at {@code i} after a strong cue or a card or account holder's label ("name on card KEVIN
     * BAKER"): two to four words of capitals, the first a given name of the gazetteer. Capitals are otherwise
     * acronyms and headings, so nothing else is read as a name. Returns where the scan goes on.
     */
    private static int capsName(String s, int i, List<Hit> out) {
        int len = s.length();
        int e = i;
        int words = 0;
        int firstEnd = -1;
        while (words < 4) {
            int w = e;
            while (w < len
                    && (Character.isUpperCase(s.charAt(w))
                            || (w > e
                                    && (s.charAt(w) == '-' || s.charAt(w) == '\'')
                                    && w + 1 < len
                                    && Character.isUpperCase(s.charAt(w + 1))))) {
                w++;
                if (w - e > MAX_WORD) {
                    // no name part is this long ("A'A'A'..."): skip the run, or every char of it would read it again
                    while (w < len
                            && (Character.isUpperCase(s.charAt(w)) || s.charAt(w) == '-' || s.charAt(w) == '\'')) {
                        w++;
                    }
                    return w;
                }
            }
            if (w - e < 2 || (w < len && Character.isLetterOrDigit(s.charAt(w)))) {
                break;
            }
            words++;
            firstEnd = firstEnd < 0 ? w : firstEnd;
            e = w;
            if (e + 1 < len && s.charAt(e) == ' ' && Character.isUpperCase(s.charAt(e + 1))) {
                e++;
            } else {
                break;
            }
        }
        if (e > i && s.charAt(e - 1) == ' ') {
            e--;
        }
        if (words < 2) {
            return i + 1;
        }
        String first = s.substring(i, firstEnd).toLowerCase(Locale.ROOT);
        if (!GIVEN.contains(first) || AMBIGUOUS.contains(first)) {
            return e;
        }
        String tail = collapse(s.substring(Math.max(0, i - CONTEXT), i));
        if (endsWithCue(tail, STRONG_CUES) || endsWithCue(tail, CAPS_CUES)) {
            out.add(new Hit(PERSON, 0.85, i, e));
        }
        return e;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '@' || c == '/' || c == '\\';
    }

    /** The word at {@code i}: a capitalised word, an initial ({@code J.}) or a particle; else null. */
    private static Tok token(String s, int i) {
        int len = s.length();
        if (i >= len || !Character.isLetter(s.charAt(i))) {
            return null;
        }
        int e = i + 1;
        while (e < len) {
            if (e - i > MAX_WORD) {
                return null; // no name part is this long; see MAX_WORD
            }
            char c = s.charAt(e);
            if (Character.isLetter(c)) {
                e++;
            } else if ((c == '\'' || c == '’' || c == '-') && e + 1 < len && Character.isLetter(s.charAt(e + 1))) {
                e++;
            } else {
                break;
            }
        }
        if (e < len && (Character.isDigit(s.charAt(e)) || s.charAt(e) == '_' || s.charAt(e) == '@')) {
            return null; // identifiers, handles
        }
        String word = s.substring(i, e);
        // possessive: "Maria's"
        if (word.length() > 3 && (word.endsWith("'s") || word.endsWith("’s"))) {
            e -= 2;
            word = word.substring(0, word.length() - 2);
        }
        char first = word.charAt(0);
        if (Character.isUpperCase(first)) {
            if (word.length() == 1) {
                return e < len && s.charAt(e) == '.' ? new Tok(i, e, word.toLowerCase(Locale.ROOT), true, false) : null;
            }
            // all caps (acronyms, shouting) and camel case (identifiers) are not names here
            boolean apostrophe = word.length() > 2
                    && (word.charAt(1) == '\'' || word.charAt(1) == '’')
                    && Character.isUpperCase(word.charAt(2)); // O'Brien, D'Angelo
            if (!Character.isLowerCase(word.charAt(1)) && !apostrophe) {
                return null;
            }
            for (int k = 2; k < word.length(); k++) {
                char ch = word.charAt(k);
                if (Character.isUpperCase(ch)
                        && word.charAt(k - 1) != '-'
                        && word.charAt(k - 1) != '\''
                        && word.charAt(k - 1) != '’'
                        && !(k == 2 && word.startsWith("Mc"))
                        && !(k == 3 && word.startsWith("Mac"))) {
                    return null;
                }
            }
            return new Tok(i, e, word.toLowerCase(Locale.ROOT), false, false);
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (PARTICLES.contains(lower)) {
            return new Tok(i, e, lower, false, true);
        }
        return null;
    }

    private static void judge(String s, List<Tok> whole, List<Hit> out) {
        List<Tok> run = new ArrayList<>(whole);
        boolean title = false;
        // leading titles ("Mr John Smith", "Frau Müller") and the words before a name ("Dear", "Hi")
        while (!run.isEmpty()
                && (TITLES.contains(run.get(0).lower()) || run.get(0).particle())) {
            title |= TITLES.contains(run.get(0).lower());
            run.remove(0);
        }
        if (run.isEmpty()) {
            return;
        }
        // a title inside the run ("Ask Mr Haddad", "Thanks Dr Chen"): the name is what follows it
        for (int k = 1; k < run.size(); k++) {
            if (TITLES.contains(run.get(k).lower()) && !run.get(k).initial()) {
                judge(s, run.subList(k, run.size()), out);
                return;
            }
        }
        String before = s.substring(
                Math.max(0, run.get(0).start() - CONTEXT), run.get(0).start());
        title |= titleBefore(before);
        String tail = collapse(before);
        boolean strong = endsWithCue(tail, STRONG_CUES);
        boolean weak = !strong && endsWithCue(stripTrailing(tail, ','), WEAK_CUES);
        boolean givenNameCue = !strong && endsWithCue(stripTrailing(tail, ','), GIVEN_NAME_CUES);
        // a run ending in a place or organisation word names a place or an organisation
        Tok last = run.get(run.size() - 1);
        if (ORG_OR_PLACE_END.contains(last.lower()) && run.size() > 1) {
            return;
        }
        if (endsInOrgSuffix(s, last.end())) {
            return;
        }
        // cut the run at the first word that is not a name
        int cut = 0;
        while (cut < run.size()
                && !(NOT_NAME.contains(run.get(cut).lower()) && !run.get(cut).initial())) {
            cut++;
        }
        if (cut < run.size() && ORG_OR_PLACE_END.contains(run.get(cut).lower())) {
            return; // "Noe Valley", "Calvary Cemetery"
        }
        if (cut == 0 && PLACE_START.contains(run.get(0).lower()) && run.size() > 1) {
            return; // "San Diego", "South Carolina Republicans"
        }
        if (cut == 0) {
            // "Dear Team", "Hello World", "Thanks Maria": skip the first word and judge the rest on its own
            if (run.size() > 1) {
                judge(s, run.subList(1, run.size()), out);
            }
            return;
        }
        run = new ArrayList<>(run.subList(0, cut));
        while (run.size() > 4) {
            run.remove(run.size() - 1);
        }
        while (!run.isEmpty()
                && (run.get(run.size() - 1).particle()
                        || run.get(run.size() - 1).initial())) {
            run.remove(run.size() - 1);
        }
        if (run.isEmpty()) {
            return;
        }
        Tok first = run.get(0);
        int firstWord = 0;
        while (firstWord < run.size() && run.get(firstWord).initial()) {
            firstWord++;
        }
        if (firstWord == run.size()) {
            return;
        }
        String name = run.get(firstWord).lower();
        // a hyphenated given name ("Karl-Johan", "Anne-Marie") is known by its two parts; one given name and a
        // surname are a street or a building ("Konrad-Adenauer-Straße", "Paul-Löbe-Haus")
        int hyphen = name.indexOf('-');
        boolean given = GIVEN.contains(name)
                || (hyphen > 1
                        && GIVEN.contains(name.substring(0, hyphen))
                        && GIVEN.contains(name.substring(hyphen + 1)));
        boolean ambiguous = AMBIGUOUS.contains(name);
        int words = 0;
        for (Tok t : run) {
            if (!t.particle() && !t.initial()) {
                words++;
            }
        }
        if (notAPerson(s, whole, run, title || strong)) {
            return;
        }
        double score;
        if (title) {
            score = 0.9;
        } else if (strong && (given || words >= 2 || firstWord > 0)) {
            // a lone unknown word after "Name:" or "To:" is as often a product or a place ("Name: Pizzeria"); an
            // initial before it ("Name: J. Doe") makes it a person
            score = 0.85;
        } else if (givenNameCue && given && !ambiguous) {
            score = 0.85;
        } else if (given && words >= 2 && !headingLine(s, first.start())) {
            score = ambiguous ? 0.7 : 0.8;
        } else if (weak && (given || words >= 2)) {
            if (ambiguous && words == 1) {
                return; // "Ask Claude", "Hi Will": too often not a person
            }
            score = 0.7;
        } else if (given && !ambiguous && words == 1 && !sentenceInitialAndCommonWord(s, first)) {
            score = 0.6;
        } else if (!given
                && words >= 2
                && !sentenceInitial(s, first.start())
                && GIVEN.contains(run.get(1).lower())
                && !AMBIGUOUS.contains(run.get(1).lower())) {
            // "... by Fräulein Anna Weber": an unknown first word before a known given name; take from the name on
            judge(s, run.subList(1, run.size()), out);
            return;
        } else if (!given
                && words >= 2
                && sentenceInitial(s, first.start())
                && GIVEN.contains(run.get(1).lower())) {
            // "Yesterday Maria Lopez called": the sentence's first word is not part of the name
            judge(s, run.subList(1, run.size()), out);
            return;
        } else {
            return;
        }
        out.add(new Hit(
                PERSON,
                score,
                startWithParticles(s, first.start()),
                run.get(run.size() - 1).end()));
    }

    /**
     * A run named like a person that is not one: a brand or place of {@link #NAMED_LIKE_PEOPLE} ("Hugo Boss"), joined by
     * "&" to another name without a title or cue ("Ben & Jerry's"), after a street word ("ul. Adama Mickiewicza") or
     * before a place or eponym word ("Humberto Delgado airport"). Checked only for a run about to be reported.
     */
    private static boolean notAPerson(String s, List<Tok> whole, List<Tok> run, boolean cued) {
        return namedLikePeople(s, whole, run)
                || (!cued && joinedByAmpersand(s, run))
                || streetBefore(s, run.get(0).start())
                || thingAfter(s, run.get(run.size() - 1).end());
    }

    /** The first words of {@link #NAMED_LIKE_PEOPLE}: a run opening with none of them is none of them. */
    private static final Set<String> NAMED_LIKE_PEOPLE_FIRST = NAMED_LIKE_PEOPLE.stream()
            .map(n -> n.substring(0, n.indexOf(' ') < 0 ? n.length() : n.indexOf(' ')))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Whether the run (or the whole run with its title, "Dr. Oetker") is a name of {@link #NAMED_LIKE_PEOPLE}. */
    private static boolean namedLikePeople(String s, List<Tok> whole, List<Tok> run) {
        if (!NAMED_LIKE_PEOPLE_FIRST.contains(run.get(0).lower())
                && !NAMED_LIKE_PEOPLE_FIRST.contains(whole.get(0).lower())) {
            return false;
        }
        return NAMED_LIKE_PEOPLE.contains(runText(s, run, 0, run.size()))
                || NAMED_LIKE_PEOPLE.contains(runText(s, whole, 0, whole.size()))
                || (run.size() > 1 && NAMED_LIKE_PEOPLE.contains(runText(s, run, 0, run.size() - 1)))
                || (run.size() > 2 && NAMED_LIKE_PEOPLE.contains(runText(s, run, 0, 2)));
    }

    /** The run's words {@code [from, to)} as written, lower case, one space apart. */
    private static String runText(String s, List<Tok> run, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to; k++) {
            if (k > from) {
                b.append(' ');
            }
            Tok t = run.get(k);
            b.append(s, t.start(), t.end());
            if (t.initial() && t.end() < s.length() && s.charAt(t.end()) == '.') {
                b.append('.');
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * A capitalised word joined to the run by "&" on either side ("Ben & Jerry's", "Marks & Spencer"), unless both sides
     * open with a given name and no possessive follows: a couple ("Anna & Tom Becker").
     */
    private static boolean joinedByAmpersand(String s, List<Tok> run) {
        int start = run.get(0).start();
        int end = run.get(run.size() - 1).end();
        int k = possessiveEnd(s, end);
        if (s.startsWith(" & ", k) && k + 3 < s.length() && Character.isUpperCase(s.charAt(k + 3))) {
            int ws = k + 3;
            int we = ws;
            while (we < s.length() && Character.isLetter(s.charAt(we))) {
                we++;
            }
            boolean couple = k == end
                    && GIVEN.contains(run.get(0).lower())
                    && GIVEN.contains(s.substring(ws, we).toLowerCase(Locale.ROOT))
                    && possessiveEnd(s, we) == we;
            return !couple;
        }
        if (start >= 4 && s.startsWith(" & ", start - 3) && Character.isLetter(s.charAt(start - 4))) {
            int we = start - 3;
            int ws = we;
            while (ws > 0 && Character.isLetter(s.charAt(ws - 1))) {
                ws--;
            }
            boolean couple = GIVEN.contains(s.substring(ws, we).toLowerCase(Locale.ROOT))
                    && GIVEN.contains(run.get(0).lower())
                    && possessiveEnd(s, end) == end;
            return !couple;
        }
        return false;
    }

    /** Past a possessive "'s" at {@code k}, if there is one. */
    private static int possessiveEnd(String s, int k) {
        return s.startsWith("'s", k) || s.startsWith("’s", k) ? k + 2 : k;
    }

    /** Whether the word just before {@code start} is one of {@link #STREET_BEFORE}. */
    private static boolean streetBefore(String s, int start) {
        int e = start;
        while (e > 0 && s.charAt(e - 1) == ' ') {
            e--;
        }
        if (e == start || e == 0) {
            return false;
        }
        if (s.charAt(e - 1) == '.') {
            e--;
        }
        int b = e;
        while (b > 0 && Character.isLetter(s.charAt(b - 1))) {
            b--;
        }
        return b < e && e - b <= 10 && STREET_BEFORE.contains(s.substring(b, e).toLowerCase(Locale.ROOT));
    }

    /** Whether the word after {@code end} (past a "Jr." and a possessive) is one of {@link #THING_AFTER}. */
    private static boolean thingAfter(String s, int end) {
        int k = end;
        if (s.startsWith("'s", k) || s.startsWith("’s", k)) {
            k += 2;
        }
        if (s.startsWith(" Jr", k) || s.startsWith(", Jr", k)) {
            k += s.charAt(k) == ',' ? 4 : 3;
            if (k < s.length() && s.charAt(k) == '.') {
                k++;
            }
        }
        if (k >= s.length() || s.charAt(k) != ' ') {
            return false;
        }
        k++;
        int e = k;
        while (e < s.length() && Character.isLetter(s.charAt(e)) && e - k <= 14) {
            e++;
        }
        return e > k && THING_AFTER.contains(s.substring(k, e).toLowerCase(Locale.ROOT));
    }

    /** Lower case, whitespace runs as one space, no trailing space. */
    private static String collapse(String before) {
        StringBuilder b = new StringBuilder(before.length());
        boolean space = false;
        for (int i = 0; i < before.length(); i++) {
            char c = before.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && b.length() > 0) {
                b.append(' ');
            }
            space = false;
            b.append(Character.toLowerCase(c));
        }
        return b.toString();
    }

    private static String stripTrailing(String s, char c) {
        int e = s.length();
        while (e > 0 && (s.charAt(e - 1) == c || s.charAt(e - 1) == ' ')) {
            e--;
        }
        return s.substring(0, e);
    }

    private static boolean endsWithCue(String tail, List<String> cues) {
        for (String cue : cues) {
            if (tail.endsWith(cue)) {
                int k = tail.length() - cue.length();
                if (k == 0 || !Character.isLetter(tail.charAt(k - 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the text before a name ends in a title ("Dr. ", "Frau ", "Mr ", "Dr. van der "). */
    private static boolean titleBefore(String before) {
        int e = before.length();
        while (true) {
            while (e > 0 && before.charAt(e - 1) == ' ') {
                e--;
            }
            if (e > 0 && before.charAt(e - 1) == '.') {
                e--;
            }
            int ws = e;
            while (ws > 0 && Character.isLetter(before.charAt(ws - 1))) {
                ws--;
            }
            if (ws == e
                    || (ws > 0
                            && !Character.isWhitespace(before.charAt(ws - 1))
                            && before.charAt(ws - 1) != '('
                            && before.charAt(ws - 1) != ',')) {
                return false;
            }
            String w = before.substring(ws, e);
            if (TITLES_BEFORE.contains(w)) {
                return true;
            }
            if (!PARTICLES.contains(w) || e < before.length() && before.charAt(e) == '.') {
                return false;
            }
            e = ws;
        }
    }

    /** The start of a name with the particles written before it in lower case ("van der Berg"). */
    private static int startWithParticles(String s, int start) {
        int st = start;
        while (st >= 2 && s.charAt(st - 1) == ' ') {
            int ws = st - 1;
            while (ws > 0 && Character.isLowerCase(s.charAt(ws - 1))) {
                ws--;
            }
            if (ws == st - 1 || !PARTICLES.contains(s.substring(ws, st - 1))) {
                break;
            }
            st = ws;
        }
        return st;
    }

    /** Whether the word after {@code end} is a company suffix ("Smith & Co", "Walker Ltd"). */
    private static boolean endsInOrgSuffix(String s, int end) {
        int k = end;
        while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == ',' || s.charAt(k) == '&')) {
            k++;
        }
        int e = k;
        while (e < s.length() && Character.isLetter(s.charAt(e))) {
            e++;
        }
        if (e == k || k == end) {
            return false;
        }
        String w = s.substring(k, e).toLowerCase(Locale.ROOT);
        return w.equals("inc")
                || w.equals("ltd")
                || w.equals("llc")
                || w.equals("gmbh")
                || w.equals("plc")
                || w.equals("corp")
                || w.equals("co") && s.charAt(end) != ',';
    }

    private static boolean sentenceInitial(String s, int start) {
        int k = start - 1;
        while (k >= 0 && (s.charAt(k) == ' ' || s.charAt(k) == '"' || s.charAt(k) == '\'' || s.charAt(k) == '(')) {
            k--;
        }
        return k < 0 || ".!?\n:;*#-•>".indexOf(s.charAt(k)) >= 0;
    }

    private static boolean sentenceInitialAndCommonWord(String s, Tok t) {
        return sentenceInitial(s, t.start()) && NOT_NAME.contains(t.lower());
    }

    /** Whether the line holding {@code pos} is a title-case heading: three or more words, nearly all capitalised. */
    private static boolean headingLine(String s, int pos) {
        // look no further than a heading's length each way, so that a long text without newlines stays linear
        int ls = pos;
        while (ls > 0 && pos - ls <= 120 && s.charAt(ls - 1) != '\n') {
            ls--;
        }
        int le = pos;
        while (le < s.length() && le - pos <= 120 && s.charAt(le) != '\n') {
            le++;
        }
        if (le - ls > 120) {
            return false;
        }
        String line = s.substring(ls, le).strip();
        if (line.isEmpty() || ".!?:,".indexOf(line.charAt(line.length() - 1)) >= 0) {
            return false;
        }
        int words = 0;
        int caps = 0;
        for (String w : WHITESPACE.split(line)) {
            if (!HEADING_WORD.matcher(w).matches()) {
                return false; // "cc: Ingrid Rahman; Rafael Bianchi" is a list, not a heading
            }
            words++;
            if (Character.isUpperCase(w.charAt(0))) {
                caps++;
            }
        }
        return words >= 4 && caps * 10 >= words * 8;
    }
}
