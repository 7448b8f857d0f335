package io.trustgate.firewall;

import io.trustgate.api.ScanDeadline;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data and credentials in the parts of a URL, for {@link ExfiltrationScanner}: the evidence that a query
 * value, path segment or host label carries a person's data rather than an id. Prose, encodings and length say that a
 * URL carries <em>some</em> data; an exfiltrating answer more often sends short, typed values ({@code
 * ?iban=DE89...&name=Lukas+Hoffmann}, {@code ?dob=1958-09-30}, {@code ?vpn_pw=...}), which those signals miss.
 *
 * <p>Two signals. A value that is a valid payment card (Luhn and an issuer's prefix and length), IBAN (mod 97) or a
 * formatted US SSN (valid ranges) is personal data wherever it stands. A query key that names personal data
 * (password, card, IBAN, account, date of birth, diagnosis, address, phone, e-mail, national id numbers, in English,
 * German, French, Spanish, Italian and Dutch; a key is split at {@code _ - .} and case changes, and one of its parts
 * must be such a word) with a value of the shape that data has (digits for numbers, two letters or more otherwise)
 * counts too; so does such a word followed by digits inside one path segment or host label ({@code
 * acct-8812-4471}, {@code pesel-85061712345}). A name key ({@code name}, {@code nom}, {@code vorname}) counts only
 * when its value looks like a person's name (capitalised words).
 *
 * <p>Cost: a split of the key and a few map look-ups per query pair; the value checks run on digits only. Limits: a
 * key the lists do not know ({@code pt=George+Evans}, {@code p1=4916-3380}), values split over several URLs, and
 * personal data in free text (left to the prose signal). Keys such as {@code token}, {@code key} and {@code sig} are
 * not on the lists: signed and API URLs carry them by design.
 */
final class PersonalData {
    /** Evidence of a key naming personal data: how strong, and what its value must look like. */
    private enum Kind {
        CREDENTIAL(0.9, 3), // a password or card code: any value of 3+ chars
        NUMBER(0.9, 4), // an identity or account number: 4+ digits
        FINANCIAL(0.85, 3), // money and accounts: 3+ digits
        CONTACT(0.85, 5), // an e-mail address, phone, postal address: 5+ chars
        HEALTH(0.85, 2), // a diagnosis, allergy, pregnancy, date of birth: 2+ letters or digits
        NAME(0.7, 0); // a person's name: capitalised words

        final double score;
        final int min;

        Kind(double score, int min) {
            this.score = score;
            this.min = min;
        }
    }

    private static final Map<String, Kind> KEYS = keys();

    private static Map<String, Kind> keys() {
        java.util.HashMap<String, Kind> m = new java.util.HashMap<>();
        put(
                m,
                Kind.CREDENTIAL,
                "password",
                "passwd",
                "pass",
                "pw",
                "pwd",
                "passwort",
                "kennwort",
                "passcode",
                "pin",
                "cvv",
                "cvc",
                "cvv2",
                "otp",
                "contrasena",
                "contraseña",
                "motdepasse",
                "mdp",
                "wachtwoord",
                "senha",
                "haslo",
                "hasło",
                "sifre",
                "şifre",
                "parol",
                "parola",
                "losenord",
                "lösenord",
                "salasana",
                "adgangskode",
                "heslo",
                "jelszo",
                "jelszó",
                "пароль",
                "secret");
        put(
                m,
                Kind.NUMBER,
                "ssn",
                "sin",
                "nino",
                "bsn",
                "pesel",
                "secu",
                "nir",
                "dni",
                "nie",
                "nif",
                "cpf",
                "curp",
                "passport",
                "passeport",
                "reisepass",
                "pasaporte",
                "passaporto",
                "taxid",
                "tin",
                "steuerid",
                "mrn",
                "nhs",
                "aadhaar",
                "pan",
                "svnr",
                "codicefiscale",
                "licence",
                "license",
                "dl",
                "personnummer",
                "idnumber",
                "nationalid");
        put(
                m,
                Kind.FINANCIAL,
                "iban",
                "rib",
                "bic",
                "acct",
                "account",
                "konto",
                "compte",
                "cuenta",
                "card",
                "cc",
                "ccnum",
                "cardnumber",
                "kreditkarte",
                "tarjeta",
                "carte",
                "routing",
                "sortcode",
                "salary",
                "gehalt",
                "salaire",
                "salario",
                "balance",
                "bal",
                "income",
                "saldo");
        put(
                m,
                Kind.CONTACT,
                "email",
                "mail",
                "phone",
                "tel",
                "telefon",
                "telephone",
                "telefono",
                "mobile",
                "mobil",
                "cell",
                "handy",
                "address",
                "addr",
                "adr",
                "adresse",
                "direccion",
                "dirección",
                "indirizzo",
                "adres",
                "street",
                "strasse",
                "straße",
                "rue",
                "calle",
                "postcode");
        put(
                m,
                Kind.HEALTH,
                "dob",
                "birth",
                "birthday",
                "birthdate",
                "geburtsdatum",
                "naissance",
                "nacimiento",
                "diagnosis",
                "diagnose",
                "diagnostic",
                "diagnostico",
                "diagnóstico",
                "dx",
                "allergy",
                "allergie",
                "alergia",
                "pregnant",
                "pregnancy",
                "embarazo",
                "schwanger",
                "enceinte",
                "medication",
                "meds",
                "medikament",
                "medicament",
                "medicamento",
                "hiv",
                "patient",
                "paciente",
                "patiente",
                "symptoms");
        put(
                m,
                Kind.NAME,
                "name",
                "fullname",
                "firstname",
                "lastname",
                "surname",
                "fn",
                "ln",
                "nom",
                "prenom",
                "prénom",
                "nombre",
                "apellido",
                "apellidos",
                "vorname",
                "nachname",
                "cognome",
                "achternaam",
                "voornaam",
                "owner",
                "customer",
                "holder",
                "cardholder");
        return Map.copyOf(m);
    }

    private static void put(Map<String, Kind> m, Kind kind, String... keys) {
        for (String k : keys) {
            m.put(k, kind);
        }
    }

    private static final Pattern KEY_PART = Pattern.compile("[^\\p{L}\\p{N}]+|(?<=\\p{Ll})(?=\\p{Lu})");
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d[\\d ._/-]{11,22}\\d");
    private static final Pattern IBAN =
            Pattern.compile("\\b([A-Za-z]{2}\\d{2}(?:[ .-]?[A-Za-z0-9]{4}){2,7}(?:[ .-]?[A-Za-z0-9]{1,4})?)\\b");
    private static final Pattern SSN = Pattern.compile("(?<!\\d)(\\d{3})-(\\d{2})-(\\d{4})(?!\\d)");
    private static final Pattern PERSON_NAME = Pattern.compile("\\p{Lu}\\p{Ll}+(?:[ '-]\\p{Lu}\\p{Ll}+){0,3}");
    /** A word that names personal data, then digits: {@code acct-8812-4471}, {@code pesel_85061712345}. */
    private static final Pattern WORD_THEN_DIGITS = Pattern.compile("(?<![\\p{L}])(\\p{L}{2,14})[-_.]?(\\d[\\d-]{3,})");

    private PersonalData() {}

    /** The evidence a query pair gives through its key naming personal data; 0 when it does not. */
    static double pair(String key, String value) {
        if (key.length() > 40 || value.isBlank()) {
            return 0;
        }
        Kind kind = null;
        for (String part : KEY_PART.split(key)) {
            Kind k = KEYS.get(part.toLowerCase(Locale.ROOT));
            if (k != null && (kind == null || k.score > kind.score)) {
                kind = k;
            }
        }
        if (kind == null) {
            return 0;
        }
        String v = value.strip();
        boolean shaped = switch (kind) {
            case CREDENTIAL, HEALTH -> v.length() >= kind.min && !trivial(v);
            case CONTACT -> v.length() >= kind.min && !trivial(v) && !roleAddress(v);
            case NUMBER, FINANCIAL -> digits(v) >= kind.min;
            case NAME -> PERSON_NAME.matcher(v).matches();
        };
        return shaped ? kind.score : 0;
    }

    /** The evidence a value gives wherever it stands: a card, an IBAN, an SSN, or a data word followed by digits. */
    static double inValue(String v) {
        if (v.length() < 9 || v.length() > 2048) {
            return 0;
        }
        double best = 0;
        int digits = digits(v);
        if (digits >= 9) {
            Matcher d = DIGIT_RUN.matcher(v);
            while (d.find()) {
                ScanDeadline.tick();
                String run = PiiScanner.digitsOf(d.group(), 0, d.group().length());
                if (run.length() >= 13 && run.length() <= 19 && PiiScanner.luhn(run) && PiiScanner.issuerAccepts(run)) {
                    return 0.9;
                }
            }
            Matcher s = SSN.matcher(v);
            while (s.find()) {
                if (PiiScanner.validSsn(s.group(1), s.group(2), s.group(3))) {
                    best = Math.max(best, 0.85);
                }
            }
        }
        if (digits >= 4) {
            Matcher w = WORD_THEN_DIGITS.matcher(v);
            while (w.find()) {
                ScanDeadline.tick();
                Kind k = KEYS.get(w.group(1).toLowerCase(Locale.ROOT));
                if (k != null && k != Kind.NAME && digits(w.group(2)) >= 4) {
                    best = Math.max(best, k.score);
                }
            }
        }
        if (digits >= 2) {
            Matcher i = IBAN.matcher(v);
            while (i.find()) {
                ScanDeadline.tick();
                String iban = i.group(1).replace(" ", "").replace(".", "").replace("-", "");
                boolean oneCase =
                        iban.equals(iban.toUpperCase(Locale.ROOT)) || iban.equals(iban.toLowerCase(Locale.ROOT));
                if (oneCase
                        && iban.length() >= 15
                        && iban.length() <= 34
                        && PiiScanner.mod97(iban.toUpperCase(Locale.ROOT)) == 1) {
                    return 0.9;
                }
            }
        }
        return best;
    }

    /** An address only, and one that names a role ({@code support@company.com}), not a person. */
    private static boolean roleAddress(String v) {
        return v.indexOf('@') > 0 && v.indexOf(' ') < 0 && !ExfiltrationScanner.personalEmail(v);
    }

    /** Values that name no one: flags, switches, placeholders. */
    private static boolean trivial(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true",
                    "false",
                    "yes",
                    "no",
                    "null",
                    "none",
                    "on",
                    "off",
                    "undefined",
                    "required",
                    "optional",
                    "hidden",
                    "show",
                    "text",
                    "json",
                    "xxx",
                    "****",
                    "redacted" -> true;
            default -> false;
        };
    }

    private static int digits(String v) {
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }
}
