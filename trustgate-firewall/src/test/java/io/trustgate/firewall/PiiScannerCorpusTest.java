package io.trustgate.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustgate.api.Finding;
import io.trustgate.api.ScanText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiScannerCorpusTest {
    private static final PiiScanner SCANNER = new PiiScanner();
    private static final List<String> STRUCTURED = List.of(
            "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS", "DATE_OF_BIRTH");

    private static List<Finding> scan(String text) {
        return SCANNER.scan(ScanText.plain(text, ScanText.Stage.INPUT));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            write to alice.smith@example.com today           | EMAIL_ADDRESS | alice.smith@example.com
            <bob+news@mail.example.co.uk>                    | EMAIL_ADDRESS | bob+news@mail.example.co.uk
            call (201) 555-0123 now                          | PHONE_NUMBER  | (201) 555-0123
            ring +44 20 7946 0123 please                     | PHONE_NUMBER  | +44 20 7946 0123
            Büro 030 12345678 anrufen                        | PHONE_NUMBER  | 030 12345678
            tél 01 99 00 12 34                               | PHONE_NUMBER  | 01 99 00 12 34
            phone 2015550123                                 | PHONE_NUMBER  | 2015550123
            card 4111 1111 1111 1111 exp 12/29               | CREDIT_CARD   | 4111 1111 1111 1111
            amex 3782-822463-10005                           | CREDIT_CARD   | 3782-822463-10005
            mc 2223003122003222.                             | CREDIT_CARD   | 2223003122003222
            IBAN DE89 3704 0044 0532 0130 00 thanks          | IBAN_CODE     | DE89 3704 0044 0532 0130 00
            to GB29NWBK60161331926819                        | IBAN_CODE     | GB29NWBK60161331926819
            SSN 123-45-6789                                  | US_SSN        | 123-45-6789
            ssn: 123456789                                   | US_SSN        | 123456789
            from 192.0.2.17.                                 | IP_ADDRESS    | 192.0.2.17
            host 2001:db8::1 down                            | IP_ADDRESS    | 2001:db8::1
            peer fe80::1ff:fe23:4567:890a                    | IP_ADDRESS    | fe80::1ff:fe23:4567:890a
            DOB: 04/12/1985                                  | DATE_OF_BIRTH | 04/12/1985
            born on March 3, 1990 in Ohio                    | DATE_OF_BIRTH | March 3, 1990
            geboren am 3. März 1990                          | DATE_OF_BIRTH | 3. März 1990
            verified with DOB 11-MAY-1995. Thanks            | DATE_OF_BIRTH | 11-MAY-1995
            Försäkrad, född 1962-12-30.                      | DATE_OF_BIRTH | 1962-12-30
            Ubezpieczony urodzony 25 lipca 2005 r.           | DATE_OF_BIRTH | 25 lipca 2005
            data de nascimento 14 de outubro de 1983, morada | DATE_OF_BIRTH | 14 de outubro de 1983
            my social is 581342765, do you need it           | US_SSN        | 581342765
            ('Siobhan Ro', 's.rodriguez@patients.example.org') | EMAIL_ADDRESS | s.rodriguez@patients.example.org
            [Call us](tel:+390630648386) today               | PHONE_NUMBER  | +390630648386
            Direct: +14035550168 ext 4624, Mobile            | PHONE_NUMBER  | +14035550168 ext 4624
            Questions? Call +44 (0)7700 900342 (24h)         | PHONE_NUMBER  | +44 (0)7700 900342
            Cellulare: 347 123 4567                          | PHONE_NUMBER  | 347 123 4567
            Teléfono: 612 34 56 78                           | PHONE_NUMBER  | 612 34 56 78
            Telefoonnummer: 06 12345678                      | PHONE_NUMBER  | 06 12345678
            Ring mig på 070-123 45 67 efter lunch            | PHONE_NUMBER  | 070-123 45 67
            Proszę dzwonić pod numerem 512 345 678           | PHONE_NUMBER  | 512 345 678
            Puhelin: 040 123 4567                            | PHONE_NUMBER  | 040 123 4567
            Pode ligar para 912 345 678 amanhã               | PHONE_NUMBER  | 912 345 678
            Ph: (02) 9876 5432                               | PHONE_NUMBER  | (02) 9876 5432
            reach me at 0049 89 4521 7730 any time           | PHONE_NUMBER  | 0049 89 4521 7730
            Zahlung mit 5018 2034 1187 5569 erfolgt          | CREDIT_CARD   | 5018 2034 1187 5569
            Kartennummer 6759 4120 3345 1284                 | CREDIT_CARD   | 6759 4120 3345 1284
            my iban is gb29nwbk60161331926819                | IBAN_CODE     | gb29nwbk60161331926819
            src=10.20.30.41 user=carla.mendes@example.net    | EMAIL_ADDRESS | carla.mendes@example.net
            Fødselsdato: 14.02.1979                          | DATE_OF_BIRTH | 14.02.1979
            syntymäaika 3.11.1968                            | DATE_OF_BIRTH | 3.11.1968
            Datum narození: 7. 3. 1981                       | DATE_OF_BIRTH | 7. 3. 1981
            Nar. 12. listopadu 1975                          | DATE_OF_BIRTH | 12. listopadu 1975
            ημ. γέννησης 09/05/1983                          | DATE_OF_BIRTH | 09/05/1983
            Doğum tarihi: 21 Mart 1990                       | DATE_OF_BIRTH | 21 Mart 1990
            F. nac.: 02/11/1966                              | DATE_OF_BIRTH | 02/11/1966
            Kunden er født 19820314 i Aarhus                 | DATE_OF_BIRTH | 19820314
            the patients daate of birth is 5 June 1971       | DATE_OF_BIRTH | 5 June 1971
            """)
    void flags(String text, String type, String value) {
        List<Finding> fs = scan(text);
        assertThat(fs).as(text).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(type);
            assertThat(text.substring(f.start(), f.end())).isEqualTo(value);
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Your order #4111111111111112 has shipped.",
                "Upgrade to version 1.2.3.4 of the library.",
                "The build 1.2.3.4.5 failed on CI.",
                "Log entry 2024-01-15T10:30:00Z: connection reset",
                "request id 550e8400-e29b-41d4-a716-446655440000",
                "The laptop costs $1,299.99 and the monitor €2.499,00.",
                "The meeting is on 12/03/2024 at 10:00.",
                "The ticket count was 123456789 yesterday.",
                "Wire to DE00370400440532013000 failed.",
                "SSN 000-12-3456 or 666-12-3456 or 900-12-3456 or 123-00-4567 or 123-45-0000",
                "Example SSN 078-05-1120 and 219-09-9999",
                "Clone with git@github.com:example/repo.git please.",
                "Connect to https://admin:hunter2@db.example.com/app",
                "MAC address 00:1A:2B:3C:4D:5E; std::vector; 10:30:45",
                "user@localhost and @alice",
                // look-alikes of the second independent probe
                "Message-ID: <01084142583902.87814@mail.example.net>",
                "Replace logo@2x.png and icon@3x.png in the header.",
                "Guest Wi-Fi 192.168.238.0/24, IPv6 prefix 2001:db8:31b5::/48",
                "Deprecate API v1.2; see section 4.2.1.3 of the spec.",
                "Meter reading 154621 kWh on meter no. 772 870 3341.",
                "Steuernummer: 51/350/31969",
                "Sede legale: 20121 Milano. Pratica n. 2025/310287",
                // a national number of a region outside the defaults counts only after a phone keyword
                "The numerical result was 612 34 56 78 in the last run.",
                "Kundennummer 612 34 56 78, Bestellung vom Montag",
                "Lot 070-123 45 67 shipped to the warehouse.",
                "Seats 912 345 678 were sold out.",
                // look-alikes of the fourth independent probe (our own values)
                "netmask 255.255.255.0 and mask=255.255.240.0",
                "{\"agent_build\": \"7.2.11.4\"}",
                "Allowed range 198.51.100.0/24 only",
                "Please quote 0711 2245 9908 in all correspondence.",
                "Ref.: 044/517-2290",
                "Ihre Bestellung 2025-481177 wurde versandt.",
                "Tracking 7721 0034 5567 8812 4490 on its way",
                "IBAN DE45 5001 0517 5407 3249 31 is invalid",
                "remote=git@git.example.org:team/app.git",
                "curl -F file=@report.pdf https://upload.example.com",
                "ts: 2026-03-09T15:53:47Z",
                "binary: 01110100 00100000 01101000 01100101 01111001 00100000 01111001 01101111"
            })
    void passes(String text) {
        assertThat(scan(text)).as(text).isEmpty();
    }

    @Test
    void spansAreInOriginalOffsetsEvenWhenNormalisedTextDiffers() {
        String original = "mail\u200b me: carol@example.org";
        String normalized = "mail me: carol@example.org";
        int[] offsets = new int[normalized.length() + 1];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = i < 4 ? i : i + 1;
        }
        List<Finding> fs = SCANNER.scan(new ScanText(original, normalized, offsets, List.of(), ScanText.Stage.INPUT));
        assertThat(fs)
                .singleElement()
                .satisfies(
                        f -> assertThat(original.substring(f.start(), f.end())).isEqualTo("carol@example.org"));
    }

    @Test
    void meetsPrecisionAndRecallGoalsOnTheLabelledCorpus() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, int[]> counts = new TreeMap<>(); // type -> {tp for recall, gold, tp for precision, predicted}
        List<String> misses = new ArrayList<>();
        int samples = 0;
        try (InputStream in = getClass().getResourceAsStream("/pii/pii-corpus.jsonl")) {
            assertThat(in).as("pii-corpus.jsonl on the test classpath").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                samples++;
                JsonNode node = json.readTree(line);
                String text = node.get("text").asText();
                List<Finding> predicted = scan(text);
                List<int[]> gold = new ArrayList<>();
                List<String> goldTypes = new ArrayList<>();
                for (JsonNode s : node.get("spans")) {
                    gold.add(new int[] {s.get("start").asInt(), s.get("end").asInt()});
                    goldTypes.add(s.get("type").asText());
                }
                for (int i = 0; i < gold.size(); i++) {
                    int[] c = counts.computeIfAbsent(goldTypes.get(i), k -> new int[4]);
                    c[1]++;
                    int[] g = gold.get(i);
                    String type = goldTypes.get(i);
                    if (predicted.stream().anyMatch(p -> p.type().equals(type) && p.start() < g[1] && g[0] < p.end())) {
                        c[0]++;
                    } else {
                        misses.add("missed " + type + ": " + text);
                    }
                }
                for (Finding p : predicted) {
                    int[] c = counts.computeIfAbsent(p.type(), k -> new int[4]);
                    c[3]++;
                    boolean hit = false;
                    for (int i = 0; i < gold.size(); i++) {
                        int[] g = gold.get(i);
                        hit |= goldTypes.get(i).equals(p.type()) && p.start() < g[1] && g[0] < p.end();
                    }
                    if (hit) {
                        c[2]++;
                    } else {
                        misses.add("false " + p.type() + " '" + text.substring(p.start(), p.end()) + "': " + text);
                    }
                }
            }
        }
        System.out.printf(
                "PII corpus: %d samples%n%-14s %6s %6s %9s %6s%n",
                samples, "type", "gold", "recall", "predicted", "precision");
        for (var e : counts.entrySet()) {
            int[] c = e.getValue();
            System.out.printf(
                    "%-14s %6d %6.3f %9d %6.3f%n", e.getKey(), c[1], ratio(c[0], c[1]), c[3], ratio(c[2], c[3]));
        }
        misses.forEach(m -> System.out.println("  " + m));
        assertThat(samples).isGreaterThanOrEqualTo(300);
        for (String type : STRUCTURED) {
            int[] c = counts.get(type);
            assertThat(c).as(type + " present in the corpus").isNotNull();
            assertThat(ratio(c[0], c[1])).as(type + " recall").isGreaterThanOrEqualTo(0.95);
            assertThat(ratio(c[2], c[3])).as(type + " precision").isGreaterThanOrEqualTo(0.95);
        }
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 1.0 : (double) a / b;
    }

    @Test
    void scansATwoKilobytePromptQuickly() {
        StringBuilder b = new StringBuilder();
        while (b.length() < 2048) {
            b.append(
                            "Hello team, please review the Q3 numbers before Friday; the deck is at v1.2 and totals $1,299.99. ")
                    .append("Reach me at dave.miller@example.com or +1 201 555 0147. ");
        }
        String prompt = b.substring(0, 2048);
        for (int i = 0; i < 2000; i++) {
            scan(prompt);
        }
        int n = 5000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            scan(prompt);
        }
        double micros = (System.nanoTime() - t0) / 1000.0 / n;
        System.out.printf("PII scan of a 2 KB prompt: %.1f us per call (mean of %d, after warm-up)%n", micros, n);
        assertThat(micros).isLessThan(5_000);
    }
}
