package io.trustgate.firewall;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Generates the labelled PII corpus ({@code src/test/resources/pii/pii-corpus.jsonl}) from a fixed seed. All values
 * are fake: issuers' published test card numbers, {@code example.*} e-mail domains, 555 / Ofcom drama / ARCEP fiction
 * phone ranges, IBANs from the registry's examples or with computed check digits over made-up account numbers, IPs
 * from the documentation ranges (RFC 5737, RFC 3849). {@code PiiCorpusGeneratorTest} checks that the committed file is
 * what this produces; run it with {@code -Dpii.corpus.write=true} to rewrite the file.
 */
final class PiiCorpusGenerator {
    static final long SEED = 20261126L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIRST = {
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "oscar", "peggy",
        "trent", "victor", "walter", "jean", "maria", "lukas", "anna"
    };
    private static final String[] LAST = {
        "smith", "jones", "miller", "dupont", "schmidt", "garcia", "kumar", "brown", "martin", "muller", "rossi",
        "novak"
    };
    private static final String[] DOMAINS = {
        "example.com", "example.org", "example.net", "mail.example.com", "corp.example.co.uk", "example.de"
    };
    private static final String[] CARDS = {
        "4111111111111111",
        "4012888888881881",
        "4242424242424242",
        "5555555555554444",
        "5105105105105100",
        "2223003122003222",
        "378282246310005",
        "371449635398431",
        "6011111111111117",
        "6011000990139424",
        "3530111333300000",
        "3566002020360505",
        "30569309025904",
        "38520000023237",
        "36227206271667",
        "6200000000000005",
        "4000056655665556",
        "5200828282828210"
    };
    private static final String[] IBAN_EXAMPLES = {
        "DE89370400440532013000",
        "GB29NWBK60161331926819",
        "FR1420041010050500013M02606",
        "NL91ABNA0417164300",
        "ES9121000418450200051332",
        "IT60X0542811101000000123456",
        "BE68539007547034",
        "CH9300762011623852957",
        "AT611904300234573201",
        "PL61109010140000071219812874",
        "SE4550000000058398257466",
        "NO9386011117947",
        "DK5000400440116243",
        "FI2112345600000785",
        "IE29AIBK93115212345678",
        "PT50000201231234567890154"
    };
    private static final String[] IBAN_COUNTRIES = {"DE", "FR", "ES", "IT", "NL", "BE", "AT", "PL", "PT", "GB"};
    private static final String[] MONTHS = {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December"
    };

    private final Random rnd = new Random(SEED);
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final List<String> lines = new ArrayList<>();

    /** One sample under construction: text with labelled spans. */
    static final class Sample {
        final StringBuilder text = new StringBuilder();
        final List<Object[]> spans = new ArrayList<>();

        Sample t(String s) {
            text.append(s);
            return this;
        }

        Sample pii(String type, String value) {
            spans.add(new Object[] {type, text.length(), text.length() + value.length()});
            text.append(value);
            return this;
        }
    }

    List<String> generate() {
        for (int i = 0; i < 40; i++) {
            add(s -> emailSample(s));
            add(s -> phoneSample(s));
            add(s -> cardSample(s));
            add(s -> ibanSample(s));
            add(s -> ssnSample(s));
            add(s -> ipSample(s));
            add(s -> dobSample(s));
        }
        for (int i = 0; i < 15; i++) {
            add(s -> mixedSample(s));
        }
        for (int i = 0; i < 8; i++) {
            for (String neg : negatives()) {
                if (rnd.nextInt(8) == 0 || i == 0) {
                    add(s -> s.t(neg));
                }
            }
        }
        return lines;
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

    private String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(rnd.nextInt(10));
        }
        return b.toString();
    }

    String email() {
        String f = pick(FIRST);
        String l = pick(LAST);
        return switch (rnd.nextInt(5)) {
                    case 0 -> f + "." + l;
                    case 1 -> f + "_" + l + rnd.nextInt(100);
                    case 2 -> f + "+news";
                    case 3 -> f.charAt(0) + l;
                    default -> f + "-" + l + ".work";
                }
                + "@" + pick(DOMAINS);
    }

    private void emailSample(Sample s) {
        String e = email();
        switch (rnd.nextInt(5)) {
            case 0 -> s.t("Please send the invoice to ").pii("EMAIL_ADDRESS", e).t(" by Friday.");
            case 1 -> s.t("Contact: <").pii("EMAIL_ADDRESS", e).t(">");
            case 2 -> s.t("From: ").pii("EMAIL_ADDRESS", e).t("\nSubject: meeting notes");
            case 3 -> s.t("my email is ").pii("EMAIL_ADDRESS", e).t(", reply there");
            default -> s.t("mailto:").pii("EMAIL_ADDRESS", e);
        }
    }

    String phone() {
        for (int attempt = 0; ; attempt++) {
            String p = switch (rnd.nextInt(9)) {
                case 0 -> "(" + (201 + rnd.nextInt(700)) + ") 555-01" + digits(2);
                case 1 -> (201 + rnd.nextInt(700)) + "-555-01" + digits(2);
                case 2 -> "+1 " + (201 + rnd.nextInt(700)) + " 555 01" + digits(2);
                case 3 -> "020 7946 0" + digits(3);
                case 4 -> "+44 20 7946 0" + digits(3);
                case 5 -> "+49 30 " + (1 + rnd.nextInt(8)) + digits(6);
                case 6 -> "01 99 00 " + digits(2) + " " + digits(2);
                case 7 -> "+33 1 99 00 " + digits(2) + " " + digits(2);
                default -> "+91 98" + digits(3) + " " + digits(5);
            };
            if (valid(p) || attempt > 50) {
                return p;
            }
        }
    }

    private boolean valid(String p) {
        try {
            Phonenumber.PhoneNumber n = phones.parse(p, p.startsWith("01") ? "FR" : p.startsWith("020") ? "GB" : "US");
            return phones.isValidNumber(n);
        } catch (Exception e) {
            return false;
        }
    }

    private void phoneSample(Sample s) {
        String p = phone();
        switch (rnd.nextInt(4)) {
            case 0 -> s.t("Call me at ").pii("PHONE_NUMBER", p).t(" after 6pm.");
            case 1 -> s.t("Tel: ").pii("PHONE_NUMBER", p);
            case 2 -> s.t("You can reach the office on ").pii("PHONE_NUMBER", p).t(" or by mail.");
            default -> s.t("mobile ").pii("PHONE_NUMBER", p).t("; ask for reception");
        }
    }

    String card() {
        String c = pick(CARDS);
        return switch (rnd.nextInt(3)) {
            case 0 -> c;
            case 1 -> group(c, c.length() == 15 ? new int[] {4, 6, 5} : null, ' ');
            default -> group(c, c.length() == 15 ? new int[] {4, 6, 5} : null, '-');
        };
    }

    private static String group(String c, int[] sizes, char sep) {
        StringBuilder b = new StringBuilder();
        int pos = 0;
        int gi = 0;
        while (pos < c.length()) {
            int size = sizes == null ? 4 : sizes[gi++];
            if (b.length() > 0) {
                b.append(sep);
            }
            b.append(c, pos, Math.min(c.length(), pos + size));
            pos += size;
        }
        return b.toString();
    }

    private void cardSample(Sample s) {
        String c = card();
        switch (rnd.nextInt(4)) {
            case 0 -> s.t("My card number is ").pii("CREDIT_CARD", c).t(", expiry 12/29.");
            case 1 -> s.t("charge ").pii("CREDIT_CARD", c).t(" for the order");
            case 2 -> s.t("CC: ").pii("CREDIT_CARD", c);
            default -> s.t("Use the card ").pii("CREDIT_CARD", c).t(" (CVV on file).");
        }
    }

    String iban() {
        String raw;
        if (rnd.nextBoolean()) {
            raw = pick(IBAN_EXAMPLES);
        } else {
            String cc = pick(IBAN_COUNTRIES);
            int len = PiiScanner.IBAN_LENGTHS.get(cc);
            String bban = cc.equals("GB") ? "NWBK" + digits(len - 8) : digits(len - 4);
            raw = withCheckDigits(cc, bban);
        }
        return rnd.nextBoolean() ? raw : group(raw, null, ' ');
    }

    static String withCheckDigits(String cc, String bban) {
        StringBuilder num = new StringBuilder();
        for (char ch : (bban + cc + "00").toCharArray()) {
            num.append(Character.isLetter(ch) ? String.valueOf(ch - 'A' + 10) : String.valueOf(ch));
        }
        int check =
                98 - new BigInteger(num.toString()).mod(BigInteger.valueOf(97)).intValue();
        return cc + String.format("%02d", check) + bban;
    }

    private void ibanSample(Sample s) {
        String i = iban();
        switch (rnd.nextInt(3)) {
            case 0 -> s.t("IBAN: ").pii("IBAN_CODE", i);
            case 1 -> s.t("Please transfer the rent to ").pii("IBAN_CODE", i).t(" before the 3rd.");
            default -> s.t("Bankverbindung ").pii("IBAN_CODE", i).t(", BIC to follow");
        }
    }

    String ssnDigits() {
        int area;
        do {
            area = 1 + rnd.nextInt(899);
        } while (area == 666);
        return String.format("%03d", area)
                + String.format("%02d", 1 + rnd.nextInt(99))
                + String.format("%04d", 1 + rnd.nextInt(9999));
    }

    private void ssnSample(Sample s) {
        String d = ssnDigits();
        String dashed = d.substring(0, 3) + "-" + d.substring(3, 5) + "-" + d.substring(5);
        switch (rnd.nextInt(5)) {
            case 0 -> s.t("SSN: ").pii("US_SSN", dashed);
            case 1 ->
                s.t("The applicant's social security number is ")
                        .pii("US_SSN", dashed)
                        .t(".");
            case 2 -> s.t("id ").pii("US_SSN", dashed.replace('-', ' ')).t(" on the W-2 form");
            case 3 -> s.t("SSN ").pii("US_SSN", d).t(" (no dashes)");
            default -> s.t("Employee ").pii("US_SSN", dashed).t(" filed late.");
        }
    }

    String ip() {
        return switch (rnd.nextInt(6)) {
            case 0 -> "192.0.2." + rnd.nextInt(256);
            case 1 -> "198.51.100." + rnd.nextInt(256);
            case 2 -> "203.0.113." + rnd.nextInt(256);
            case 3 -> "10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
            case 4 -> "2001:db8::" + Integer.toHexString(1 + rnd.nextInt(0xffff));
            default -> "2001:0db8:85a3:0000:0000:8a2e:0370:" + Integer.toHexString(0x1000 + rnd.nextInt(0xefff));
        };
    }

    private void ipSample(Sample s) {
        String i = ip();
        switch (rnd.nextInt(4)) {
            case 0 -> s.t("The login came from ").pii("IP_ADDRESS", i).t(" at night.");
            case 1 -> s.t("client_ip=").pii("IP_ADDRESS", i);
            case 2 -> s.t("ssh admin@").pii("IP_ADDRESS", i);
            default -> s.t("Blocked ").pii("IP_ADDRESS", i).t(", too many requests");
        }
    }

    String date() {
        int y = 1940 + rnd.nextInt(65);
        int m = 1 + rnd.nextInt(12);
        int d = 1 + rnd.nextInt(28);
        return switch (rnd.nextInt(6)) {
            case 0 -> String.format("%02d/%02d/%d", m, d, y);
            case 1 -> String.format("%02d.%02d.%d", d, m, y);
            case 2 -> String.format("%d-%02d-%02d", y, m, d);
            case 3 -> d + " " + MONTHS[m - 1] + " " + y;
            case 4 -> MONTHS[m - 1] + " " + d + ", " + y;
            default -> MONTHS[m - 1].substring(0, 3) + " " + d + " " + y;
        };
    }

    private void dobSample(Sample s) {
        String d = date();
        switch (rnd.nextInt(7)) {
            case 0 -> s.t("Patient DOB: ").pii("DATE_OF_BIRTH", d);
            case 1 -> s.t("I was born on ").pii("DATE_OF_BIRTH", d).t(" in Leeds.");
            case 2 -> s.t("Date of birth ").pii("DATE_OF_BIRTH", d).t(", nationality French");
            case 3 -> s.t("Geburtsdatum: ").pii("DATE_OF_BIRTH", d);
            case 4 -> s.t("Marie Curie, née le ").pii("DATE_OF_BIRTH", d);
            case 5 -> s.t("his birthday is ").pii("DATE_OF_BIRTH", d).t(", send a card");
            default -> s.t("Name: J. Doe, ").pii("DATE_OF_BIRTH", d).t(" (date of birth)");
        }
    }

    private void mixedSample(Sample s) {
        s.t("Customer record: email ")
                .pii("EMAIL_ADDRESS", email())
                .t(", phone ")
                .pii("PHONE_NUMBER", phone())
                .t(", card ")
                .pii("CREDIT_CARD", card())
                .t(", last login from ")
                .pii("IP_ADDRESS", ip())
                .t(" on 2024-03-0" + (1 + rnd.nextInt(9)) + ". Order total $" + (10 + rnd.nextInt(900)) + ".99.");
    }

    /** Hard negatives: look like PII to a naive matcher, are not. */
    static List<String> negatives() {
        return List.of(
                "Your order #4111111111111112 has shipped.",
                "Order number 5555 5555 5555 4445 is pending.",
                "Reference 1234-5678-9012-3456 was not found.",
                "Tracking 6011111111111118 out for delivery",
                "Upgrade to version 1.2.3.4 of the library.",
                "The build 1.2.3.4.5 failed on CI.",
                "Release v2.10.3.1 is out.",
                "Chrome 120.0.6099.109 crashed.",
                "Log entry 2024-01-15T10:30:00Z: connection reset",
                "At 2024-01-15 10:30:00 the job started.",
                "timestamp 1700000000123 ms",
                "request id 550e8400-e29b-41d4-a716-446655440000",
                "trace f47ac10b-58cc-4372-a567-0e02b2c3d479 in the logs",
                "The laptop costs $1,299.99 and the monitor €2.499,00.",
                "Total: 1 234 567,89 EUR",
                "The meeting is on 12/03/2024 at 10:00.",
                "Invoice dated 2024-01-15, due 2024-02-14.",
                "The contract started on 1 March 2019.",
                "Our team was formed on 05.06.2018.",
                "The ticket count was 123456789 yesterday.",
                "Batch 987654321 processed without error.",
                "Zip code 90210 and route 66.",
                "Wire to DE00370400440532013000 failed (invalid IBAN).",
                "The code GB00NWBK60161331926819 is not an IBAN.",
                "SSN 000-12-3456 is not a valid number.",
                "Example SSN 078-05-1120 from a wallet insert.",
                "Area 900-12-3456 is reserved.",
                "Number 123-00-4567 has group zero.",
                "Clone with git@github.com:example/repo.git please.",
                "Connect to https://admin:hunter2@db.example.com/app",
                "ping @alice and @bob in the channel",
                "user@localhost is only a local account",
                "MAC address 00:1A:2B:3C:4D:5E on eth0",
                "Use std::vector<int> and std::map in C++.",
                "The race ended at 10:30:45 sharp.",
                "ISBN 978-3-16-148410-0 on the back cover.",
                "Pi is 3.14159265358979 approximately.",
                "Coordinates 48.8584, 2.2945 are in Paris.",
                "Set the ratio to 16:9 and fps to 59.94.",
                "Error code 0x80070005 (access denied).",
                "SKU 400012345678 in stock.",
                "See RFC 3986 section 3.2.1 for details.",
                "The population grew to 8 000 000 000 people.",
                "Part no. 12-345-6789-0 ordered.",
                "Born to run is a 1975 album.",
                "Flight LH 400 departs 14:35 from gate 22.",
                "The hash is d41d8cd98f00b204e9800998ecf8427e.",
                "Account balance 4,111,111,111.11 dollars",
                "Run kubectl scale --replicas=3 deployment/web",
                "The serial 1234567890123 is printed on the box.");
    }
}
