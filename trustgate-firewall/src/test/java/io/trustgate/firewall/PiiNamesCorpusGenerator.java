package io.trustgate.firewall;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Generates the labelled PERSON / STREET_ADDRESS corpora in Presidio's span format from fixed seeds: a TUNE part
 * ({@code names-addresses-tune.jsonl}), used while writing the rules, and a HELD-OUT part
 * ({@code names-addresses-heldout.jsonl}) built from other templates and other name, street and city lists, looked at
 * only to report. All names, streets and cities were written for this corpus; the people are fictitious.
 * {@code PiiNamesCorpusTest} checks that the committed files are what this produces; run it with
 * {@code -Dpii.corpus.write=true} to rewrite them.
 */
final class PiiNamesCorpusGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One sample under construction: text with labelled spans. */
    static final class Sample {
        final StringBuilder text = new StringBuilder();
        final List<Object[]> spans = new ArrayList<>();

        Sample t(String s) {
            text.append(s);
            return this;
        }

        Sample span(String type, String value) {
            spans.add(new Object[] {type, text.length(), text.length() + value.length()});
            text.append(value);
            return this;
        }

        Sample person(String v) {
            return span("PERSON", v);
        }

        Sample address(String v) {
            return span("STREET_ADDRESS", v);
        }
    }

    // ---- value lists: tune -----------------------------------------------------------------------------------
    static final String[] FIRST_A = {
        "John", "Mary", "Maria", "Ahmed", "Priya", "Wei", "Lukas", "Sophie", "Carlos", "Fatima", "James", "Emma",
        "Olivia", "Noah", "Hiroshi", "Aisha", "Pierre", "Giulia", "Ivan", "Kwame", "Sarah", "David", "Anna", "Omar"
    };
    static final String[] LAST_A = {
        "Smith",
        "Johnson",
        "Müller",
        "García",
        "Kumar",
        "Chen",
        "Dubois",
        "Rossi",
        "Nowak",
        "Okafor",
        "Tanaka",
        "Haddad",
        "O'Brien",
        "van der Berg",
        "Schmidt",
        "Williams",
        "Brown",
        "Kowalski",
        "Silva",
        "Nguyen"
    };
    static final String[] STREET_A = {
        "Oak",
        "Maple",
        "Elm",
        "Pine",
        "Cedar",
        "Main",
        "Washington",
        "Sunset",
        "Highland",
        "Church",
        "Mill",
        "High",
        "Station",
        "Queen",
        "Lake View",
        "Green Hill"
    };
    static final String[] SUFFIX_A = {
        "Street", "St", "Avenue", "Ave", "Road", "Rd", "Drive", "Lane", "Boulevard", "Way", "Court", "Place", "Terrace"
    };
    static final String[] CITY_A = {"Springfield", "Portland", "Austin", "Denver", "Boston", "Columbus"};
    static final String[] STATE_A = {"IL", "OR", "TX", "CO", "MA", "OH"};
    static final String[] DE_A = {"Haupt", "Bahnhof", "Schiller", "Goethe", "Linden", "Garten", "Kirch", "Berg"};
    static final String[] DE_SUFFIX_A = {"straße", "strasse", "weg", "platz"};
    static final String[] DE_CITY_A = {"Berlin", "Hamburg", "Köln", "Leipzig"};
    static final String[] FR_A = {
        "rue de la Paix", "rue Victor Hugo", "boulevard Saint-Germain", "avenue Jean Jaurès", "rue des Lilas"
    };
    static final String[] FR_CITY_A = {"Paris", "Lyon", "Marseille", "Toulouse"};
    static final String[] UK_A = {"SW1A 1AA", "EC1A 1BB", "M1 1AE", "LS1 4AP"};

    // ---- value lists: held-out (none shared with the tune lists) ----------------------------------------------
    static final String[] FIRST_B = {
        "Eleanor", "Mateo", "Ingrid", "Tunde", "Yusuf", "Chiara", "Bjorn", "Siobhán", "Bartholomew", "Xiomara",
        "Wojtek", "Radhika", "Sigríður", "Nkiruka", "Anneliese", "Dmitri", "Keiko", "Rafael", "Leilani", "Hamish",
        "Oghenekaro", "Ptolemy", "Zainab", "Henrik"
    };
    static final String[] LAST_B = {
        "Fitzgerald", "Oyelaran", "Lindqvist", "Moreau", "Bianchi", "Papadopoulos", "Yamamoto", "Khan", "Hernández",
        "Kowalczyk", "Mbeki", "Petrov", "Andersen", "Rahman", "Sato", "Delacroix", "MacLeod", "Nakamura",
        "Abubakar", "de Santos"
    };
    static final String[] STREET_B = {
        "Birchwood",
        "Willow Creek",
        "Magnolia",
        "Chestnut",
        "Riverside",
        "Fairview",
        "Harbor",
        "Meadowbrook",
        "Aspen",
        "Juniper",
        "Old Mill",
        "Foxglove",
        "Hawthorn",
        "Kingsley",
        "St. Albans"
    };
    static final String[] SUFFIX_B = {
        "Ave.",
        "Blvd",
        "Ct",
        "Pkwy",
        "Crescent",
        "Close",
        "Circle",
        "Trail",
        "Row",
        "Mews",
        "Grove",
        "Parkway",
        "Gardens"
    };
    static final String[] CITY_B = {"Tacoma", "Boise", "Albany", "Reno", "Tulsa", "Fresno"};
    static final String[] STATE_B = {"WA", "ID", "NY", "NV", "OK", "CA"};
    static final String[] DE_B = {"Mozart", "Eichen", "Rosen", "Kastanien", "Friedrich-Ebert-", "Brunnen"};
    static final String[] DE_SUFFIX_B = {"gasse", "allee", "ring", "damm"};
    static final String[] DE_TWO_WORD_B = {"Berliner Straße", "Münchner Straße", "Alter Weg", "Kölner Straße"};
    static final String[] DE_CITY_B = {"Dresden", "Bremen", "Freiburg", "Nürnberg"};
    static final String[] FR_B = {
        "place de la République", "chemin des Vignes", "allée des Tilleuls", "quai de Valmy", "impasse du Moulin"
    };
    static final String[] FR_CITY_B = {"Nantes", "Bordeaux", "Lille", "Rennes"};
    static final String[] UK_B = {"B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX"};
    static final String[] IT_B = {"Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele", "Calle Mayor"};
    static final String[] IT_CITY_B = {"Torino", "Bologna", "Firenze", "Madrid"};

    private final Random rnd;
    private final List<String> lines = new ArrayList<>();

    private PiiNamesCorpusGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    private String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private int num(int max) {
        return 1 + rnd.nextInt(max);
    }

    private String zip() {
        return String.format("%05d", 10000 + rnd.nextInt(89999));
    }

    private void add(Consumer<Sample> c) {
        Sample s = new Sample();
        c.accept(s);
        ObjectNode o = JSON.createObjectNode();
        o.put("text", s.text.toString());
        ArrayNode arr = o.putArray("spans");
        for (Object[] sp : s.spans) {
            arr.addObject()
                    .put("type", (String) sp[0])
                    .put("start", (int) sp[1])
                    .put("end", (int) sp[2]);
        }
        lines.add(o.toString());
    }

    // ---- tune ------------------------------------------------------------------------------------------------

    static List<String> tune() {
        PiiNamesCorpusGenerator g = new PiiNamesCorpusGenerator(20261126L);
        for (int i = 0; i < 150; i++) {
            g.add(g::personA);
        }
        for (int i = 0; i < 100; i++) {
            g.add(g::addressA);
        }
        for (int i = 0; i < 20; i++) {
            g.add(s -> s.person(g.pick(FIRST_A) + " " + g.pick(LAST_A))
                    .t(" moved to ")
                    .address(g.usAddressA())
                    .t(" last spring."));
        }
        for (String neg : NEGATIVES_A) {
            g.add(s -> s.t(neg));
        }
        return g.lines;
    }

    private void personA(Sample s) {
        String f = pick(FIRST_A);
        String l = pick(LAST_A);
        switch (rnd.nextInt(9)) {
            case 0 -> s.t("My name is ").person(f + " " + l).t(" and I need help with my account.");
            case 1 -> s.t("Dear ").person(f + " " + l).t(",\nthank you for your letter.");
            case 2 -> s.t("Please forward this to Dr. ").person(l).t(" before Monday.");
            case 3 -> s.t("Patient: ").person(f + " " + l).t(", admitted on Tuesday.");
            case 4 -> s.t("Meeting notes: ").person(f + " " + l).t(" will present the budget.");
            case 5 -> s.t("Best regards,\n").person(f + " " + l);
            case 6 -> s.t("I spoke with ").person(f).t(" about the invoice yesterday.");
            case 7 -> s.person(f + " " + l).t(" called and asked for a refund.");
            default -> s.t("Ask Mr ").person(l).t(" to sign the form.");
        }
    }

    private String usAddressA() {
        return num(9999) + " " + pick(STREET_A) + " " + pick(SUFFIX_A);
    }

    private void addressA(Sample s) {
        switch (rnd.nextInt(6)) {
            case 0 -> {
                int c = rnd.nextInt(CITY_A.length);
                s.t("Ship it to ")
                        .address(usAddressA() + ", " + CITY_A[c] + ", " + STATE_A[c] + " " + zip())
                        .t(".");
            }
            case 1 -> s.t("Our office is at ").address(usAddressA()).t(".");
            case 2 ->
                s.t("Lieferadresse: ")
                        .address(pick(DE_A) + pick(DE_SUFFIX_A) + " " + num(120) + ", " + (10000 + rnd.nextInt(89999))
                                + " " + pick(DE_CITY_A));
            case 3 ->
                s.t("Envoyez le colis au ")
                        .address(num(150) + " " + pick(FR_A) + ", " + (10000 + rnd.nextInt(89999)) + " "
                                + pick(FR_CITY_A))
                        .t(".");
            case 4 ->
                s.address("Flat " + num(20) + ", " + num(300) + " " + pick(STREET_A) + " Road, London " + pick(UK_A));
            default -> s.t("The package was left at ").address(usAddressA()).t(" by mistake.");
        }
    }

    static final String[] NEGATIVES_A = {
        "Will you review the May report?",
        "Apple Park is in Cupertino.",
        "We hiked along the Jordan river last summer.",
        "Quarterly Sales Review For Northern Europe",
        "The Golden Gate Bridge opened in 1937.",
        "Install Python 3 and run the tests.",
        "Mark the cells that changed since March.",
        "In March we shipped version 2 of the app.",
        "Amazon Web Services had an outage on Monday.",
        "Call me at 10 tomorrow.",
        "Will the new policy apply in June?",
        "The European Union adopted the AI Act.",
        "Google Drive and Microsoft Teams are blocked here.",
        "Annual Budget Planning And Forecast Summary",
        "Our team has 12 engineers and 3 designers.",
        "Please send the Q3 figures to the finance team.",
        "The Amazon River is the largest by discharge.",
        "Black Friday deals start at midnight.",
        "Read Chapter 4 before the exam.",
        "New York and Los Angeles have the most users.",
        "Hope this helps!",
        "Max speed is 120 km/h on this road.",
        "Summer sale: 20% off everything.",
        "The Rose Bowl is played in Pasadena.",
        "Use the Main Street entrance after 6 pm.",
        "Ruby on Rails and Django are web frameworks.",
        "Press Enter to continue.",
        "Deploy to the staging cluster first.",
        "The Treaty of Versailles was signed in 1919.",
        "Happy New Year to the whole team!"
    };

    // ---- held-out --------------------------------------------------------------------------------------------

    static List<String> heldOut() {
        PiiNamesCorpusGenerator g = new PiiNamesCorpusGenerator(777_2026L);
        for (int i = 0; i < 100; i++) {
            g.add(g::personB);
        }
        for (int i = 0; i < 80; i++) {
            g.add(g::addressB);
        }
        for (int i = 0; i < 20; i++) {
            g.add(s -> s.t("Please update the record for ")
                    .person(g.pick(FIRST_B) + " " + g.pick(LAST_B))
                    .t(": new address ")
                    .address(g.usAddressB())
                    .t("."));
        }
        for (String neg : NEGATIVES_B) {
            g.add(s -> s.t(neg));
        }
        return g.lines;
    }

    private void personB(Sample s) {
        String f = pick(FIRST_B);
        String l = pick(LAST_B);
        switch (rnd.nextInt(10)) {
            case 0 -> s.t("Hi, this is ").person(f + " " + l).t(" from accounting.");
            case 1 -> s.t("Signed: ").person(f + " " + l);
            case 2 -> s.t("The form was filled in by ").person(f + " " + l).t(" on behalf of her mother.");
            case 3 -> s.t("Attn: ").person(f + " " + l).t(", Purchasing");
            case 4 -> s.t("Could you check whether Prof. ").person(l).t(" approved the grant?");
            case 5 -> s.person(f).t("'s flight lands at 6pm, can someone pick her up?");
            case 6 -> s.t("cc: ").person(f + " " + l).t("; ").person(pick(FIRST_B) + " " + pick(LAST_B));
            case 7 -> s.t("Thanks again, ").person(f).t("!");
            case 8 -> s.t("Ich bin ").person(f + " " + l).t(" und brauche eine neue Rechnung.");
            default -> s.t("Our new hire ").person(f + " " + l).t(" starts on the 3rd.");
        }
    }

    private String usAddressB() {
        String unit = switch (rnd.nextInt(4)) {
            case 0 -> " Apt " + num(20) + (char) ('A' + rnd.nextInt(4));
            case 1 -> ", Suite " + num(900);
            case 2 -> " #" + num(40);
            default -> "";
        };
        return num(99999) + " " + pick(STREET_B) + " " + pick(SUFFIX_B) + unit;
    }

    private void addressB(Sample s) {
        switch (rnd.nextInt(7)) {
            case 0 -> {
                int c = rnd.nextInt(CITY_B.length);
                s.t("Send the contract to ")
                        .address(usAddressB() + ", " + CITY_B[c] + ", " + STATE_B[c] + " " + zip())
                        .t(" by courier.");
            }
            case 1 ->
                s.t("Adresse : ")
                        .address(num(90) + " " + pick(FR_B) + ", " + (10000 + rnd.nextInt(89999)) + " "
                                + pick(FR_CITY_B));
            case 2 ->
                s.t("Wohnhaft in der ")
                        .address(pick(DE_B) + pick(DE_SUFFIX_B) + " " + num(80) + ", " + (10000 + rnd.nextInt(89999))
                                + " " + pick(DE_CITY_B))
                        .t(" seit 2019.");
            case 3 ->
                s.t("Die Praxis ist in der ")
                        .address(pick(DE_TWO_WORD_B) + " " + num(200) + "a")
                        .t(", zweiter Stock.");
            case 4 ->
                s.t("Registered office: ")
                        .address(num(400) + " " + pick(STREET_B) + " Lane, " + pick(CITY_B) + " " + pick(UK_B));
            case 5 ->
                s.t("Recapito: ")
                        .address(pick(IT_B) + " " + num(150) + ", " + (10000 + rnd.nextInt(89999)) + " "
                                + pick(IT_CITY_B));
            default -> s.t("I live at ").address(usAddressB()).t(", the blue house on the corner.");
        }
    }

    static final String[] NEGATIVES_B = {
        "Grace period ends on Friday.",
        "Victoria Station is closed for repairs.",
        "Ask Claude to summarise the thread.",
        "Julia is faster than Python for this loop.",
        "Annual Report Of The Board Of Directors",
        "May I have 3 more minutes?",
        "We drove 12 miles down the road.",
        "Chapter 7 Covers The Results",
        "The Jordan Valley is warm in winter.",
        "Will it rain in April?",
        "Ivy League schools raised tuition.",
        "Iris dataset: 150 samples, 4 features.",
        "Pat the dough flat and bake for 20 minutes.",
        "Bill the customer at the end of the month.",
        "Sterling fell against the dollar.",
        "Christian Dior opened a new store.",
        "The Lincoln Memorial is on the National Mall.",
        "Sydney Harbour Bridge at night",
        "Installation Guide For Windows And Linux",
        "Rose gold is the new default colour."
    };
}
