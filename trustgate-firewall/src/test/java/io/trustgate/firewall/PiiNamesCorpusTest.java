package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PERSON and STREET_ADDRESS detection measured on the generated corpora: the tune part (the rules were written
 * against it) and the held-out part (other templates, other names, streets and cities). A predicted span matches a
 * gold span of the same type when they overlap.
 */
class PiiNamesCorpusTest {
    static final Path TUNE = Path.of("src/test/resources/pii/names-addresses-tune.jsonl");
    static final Path HELD_OUT = Path.of("src/test/resources/pii/names-addresses-heldout.jsonl");
    private static final PiiScanner SCANNER = new PiiScanner();
    private static final List<String> TYPES = List.of("PERSON", "STREET_ADDRESS");

    private static List<Finding> scan(String text) {
        return SCANNER.scan(ScanText.plain(text, ScanText.Stage.INPUT));
    }

    @Test
    void committedCorporaAreWhatTheSeededGeneratorProduces() throws IOException {
        List<String> tune = PiiNamesCorpusGenerator.tune();
        List<String> heldOut = PiiNamesCorpusGenerator.heldOut();
        if (Boolean.getBoolean("pii.corpus.write")) {
            Files.write(TUNE, tune, StandardCharsets.UTF_8);
            Files.write(HELD_OUT, heldOut, StandardCharsets.UTF_8);
        }
        assertThat(tune.size() + heldOut.size()).isGreaterThanOrEqualTo(300);
        assertThat(Files.readAllLines(TUNE, StandardCharsets.UTF_8)).isEqualTo(tune);
        assertThat(Files.readAllLines(HELD_OUT, StandardCharsets.UTF_8)).isEqualTo(heldOut);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            My name is Oluwaseun Adebayo and I need a refund.   | PERSON         | Oluwaseun Adebayo
            Dear Ms. Lindqvist, thank you.                      | PERSON         | Lindqvist
            Kind regards,\\nMaria van der Berg                    | PERSON         | Maria van der Berg
            I forwarded it to Priya Raman yesterday.            | PERSON         | Priya Raman
            Patient: Tanaka Hiroshi, 54, diabetic               | PERSON         | Tanaka Hiroshi
            Will Smith starred in the film.                     | PERSON         | Will Smith
            Name: J. Doe, born 1959                             | PERSON         | J. Doe
            Ship to 1600 Pennsylvania Avenue NW, Washington, DC 20500 today | STREET_ADDRESS | 1600 Pennsylvania Avenue NW, Washington, DC 20500
            I live at 221B Baker Street, London NW1 6XE.        | STREET_ADDRESS | 221B Baker Street, London NW1 6XE
            Adresse: Hauptstraße 5, 10115 Berlin                | STREET_ADDRESS | Hauptstraße 5, 10115 Berlin
            Rendez-vous au 12 rue de la Paix, 75002 Paris.      | STREET_ADDRESS | 12 rue de la Paix, 75002 Paris
            Office: 350 Fifth Ave, Suite 3300, New York, NY 10118 | STREET_ADDRESS | 350 Fifth Ave, Suite 3300, New York, NY 10118
            Envíelo a Calle de los Reyes Católicos Nuevos, 5, 28001 Madrid | STREET_ADDRESS | Calle de los Reyes Católicos Nuevos, 5, 28001 Madrid
            Meine Anschrift: An der Alster 12, 20099 Hamburg    | STREET_ADDRESS | An der Alster 12, 20099 Hamburg
            5 Main 5 Main 5 Main 5 Main 5 Main Hauptstraße 5 1 | STREET_ADDRESS | Hauptstraße 5
            name on card: MARIA GONZALEZ, exp 09/27              | PERSON         | MARIA GONZALEZ
            Cardholder: DAVID MILLER                            | PERSON         | DAVID MILLER
            Hi Ben, can you review the draft?                   | PERSON         | Ben
            Thanks to Anna & Tom Becker for the notes.          | PERSON         | Tom Becker
            Thanks to Anna & Tom Becker for the notes.          | PERSON         | Anna
            Hej! Jag heter Maja Lindqvist.                       | PERSON         | Maja Lindqvist
            Mvh\\nAnne-Marie                                     | PERSON         | Anne-Marie
            Kontoinhaberin: SABINE KRAUSE                       | PERSON         | SABINE KRAUSE
            Bezorgadres: Laan van Nieuw Oost-Indië 40, Den Haag | STREET_ADDRESS | Laan van Nieuw Oost-Indië 40
            Adres: ul. Długa 14/3, 80-827 Gdańsk                | STREET_ADDRESS | ul. Długa 14/3
            Lieferung an Willy-Brandt-Allee 7 bitte             | STREET_ADDRESS | Willy-Brandt-Allee 7
            """)
    void flags(String text, String type, String value) {
        String t = text.replace("\\n", "\n");
        assertThat(scan(t)).as(t).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(type);
            assertThat(t.substring(f.start(), f.end())).isEqualTo(value);
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Will you review the May report?",
                "Apple Park is in Cupertino.",
                "We walked along the Jordan river.",
                "Quarterly Results And Outlook For Europe",
                "Mark the changes in red and send them in May.",
                "The Jordan River flows into the Dead Sea.",
                "Ask Claude or Alexa for the weather.",
                "Johns Hopkins University published the study.",
                "We drove 3 miles down the road to the lake.",
                "Version 12 Release Notes",
                "Ruby and Julia are programming languages.",
                "Hope you are well!",
                "Microsoft Teams, Google Drive and Amazon Web Services",
                "During 2021, interest in the topic grew; Spring 2024 is next.",
                "We drove from San Diego to South Carolina via Noe Valley.",
                "Customer: Yeah, that would be great.",
                "Name: Pizzeria\ngood prices, quiet place",
                // named like people: brands, firms joined by "&", streets, places and rooms, eponyms
                "The gift cards are from Calvin Klein and Ralph Lauren.",
                "Quarterly review with Procter & Gamble and Johnson & Johnson.",
                "Two tubs of Ben & Jerry's for the team.",
                "The office moved to Via Alessandro Manzoni, near the station.",
                "Roadworks on ul. Marii Konopnickiej until Friday.",
                "The shuttle leaves from the Maria Teresa hospital at noon.",
                "Meet in the Ada Lovelace room on floor 3.",
                "The risk team ran a Monte Carlo simulation overnight.",
                "Sehr geehrte Frau Kollegin, vielen Dank.",
                "ACME CORP INVOICE TOTAL DUE",
                "Mit freundlichen Grüßen\nIhre Kundenbetreuung",
                "Die Filiale in der Konrad-Adenauer-Straße ist geschlossen.",
                "Z poważaniem\nZespół Obsługi Klienta"
            })
    void passesHardNegatives(String text) {
        assertThat(scan(text)).as(text).noneSatisfy(f -> assertThat(TYPES).contains(f.type()));
    }

    @Test
    void tunePartRecallAndPrecision() throws IOException {
        Map<String, double[]> r = evaluate(TUNE, "tune");
        assertThat(r.get("PERSON")[0]).as("PERSON recall").isGreaterThanOrEqualTo(0.95);
        assertThat(r.get("PERSON")[1]).as("PERSON precision").isGreaterThanOrEqualTo(0.95);
        assertThat(r.get("STREET_ADDRESS")[0]).as("STREET_ADDRESS recall").isGreaterThanOrEqualTo(0.95);
        assertThat(r.get("STREET_ADDRESS")[1]).as("STREET_ADDRESS precision").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void heldOutPartRecallAndPrecision() throws IOException {
        Map<String, double[]> r = evaluate(HELD_OUT, "held-out");
        // floors a little under what was measured (PERSON 0.829 / 1.000, STREET_ADDRESS 1.000 / 1.000): a regression
        // guard, not a goal; the misses are given names outside the gazetteer with no title or cue before them
        assertThat(r.get("PERSON")[0]).as("PERSON recall").isGreaterThanOrEqualTo(0.80);
        assertThat(r.get("PERSON")[1]).as("PERSON precision").isGreaterThanOrEqualTo(0.95);
        assertThat(r.get("STREET_ADDRESS")[0]).as("STREET_ADDRESS recall").isGreaterThanOrEqualTo(0.95);
        assertThat(r.get("STREET_ADDRESS")[1]).as("STREET_ADDRESS precision").isGreaterThanOrEqualTo(0.95);
    }

    /** type -> {recall, precision}; prints the table and the misses. */
    static Map<String, double[]> evaluate(Path corpus, String label) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, int[]> counts = new TreeMap<>(); // type -> {matched gold, gold, matched predicted, predicted}
        List<String> misses = new ArrayList<>();
        int samples = 0;
        for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            samples++;
            JsonNode node = json.readTree(line);
            String text = node.get("text").asText();
            List<Finding> predicted =
                    scan(text).stream().filter(f -> TYPES.contains(f.type())).toList();
            List<JsonNode> gold = new ArrayList<>();
            node.get("spans").forEach(gold::add);
            for (JsonNode g : gold) {
                String type = g.get("type").asText();
                int[] c = counts.computeIfAbsent(type, k -> new int[4]);
                c[1]++;
                int gs = g.get("start").asInt();
                int ge = g.get("end").asInt();
                if (predicted.stream().anyMatch(p -> p.type().equals(type) && p.start() < ge && gs < p.end())) {
                    c[0]++;
                } else {
                    misses.add("missed " + type + " '" + text.substring(gs, ge) + "': " + text);
                }
            }
            for (Finding p : predicted) {
                int[] c = counts.computeIfAbsent(p.type(), k -> new int[4]);
                c[3]++;
                boolean hit = gold.stream()
                        .anyMatch(g -> g.get("type").asText().equals(p.type())
                                && p.start() < g.get("end").asInt()
                                && g.get("start").asInt() < p.end());
                if (hit) {
                    c[2]++;
                } else {
                    misses.add("false " + p.type() + " '" + text.substring(p.start(), p.end()) + "': " + text);
                }
            }
        }
        System.out.printf(
                "%s corpus %s: %d samples%n%-15s %5s %7s %9s %9s%n",
                label, corpus.getFileName(), samples, "type", "gold", "recall", "predicted", "precision");
        Map<String, double[]> out = new TreeMap<>();
        for (var e : counts.entrySet()) {
            int[] c = e.getValue();
            double recall = c[1] == 0 ? 1 : (double) c[0] / c[1];
            double precision = c[3] == 0 ? 1 : (double) c[2] / c[3];
            System.out.printf("%-15s %5d %7.3f %9d %9.3f%n", e.getKey(), c[1], recall, c[3], precision);
            out.put(e.getKey(), new double[] {recall, precision});
        }
        misses.forEach(m -> System.out.println("  " + m.replace("\n", "\\n")));
        return out;
    }
}
