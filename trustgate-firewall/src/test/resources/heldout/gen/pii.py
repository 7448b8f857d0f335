"""Generates ../pii-probe.jsonl (+ ../pii-probe.meta.jsonl). Run: python3 pii.py (deterministic, seeded)."""
import os

from common import build, write
from values import V

v = V(20261126)
g = v.g

EM, PH, CC, IB, SSN, IP, DOB, PER, ADR = ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN",
                                          "IP_ADDRESS", "DATE_OF_BIRTH", "PERSON", "STREET_ADDRESS")


def n(k):
    return g.digits(k, True)


# ---------------------------------------------------------------- positives: (context, lang, parts-factory)
def p_ticket():
    f, l = v.person()
    return ["Ticket #", n(6), ": Customer ", (PER, f"{f} {l}"), " (", (EM, v.email_for(f, l)),
            ") says the card ending in ", n(4), " was charged twice on 2024-04-0", str(g.randint(1, 9)),
            ". Callback number: ", (PH, v.phone("us")), "."]


def p_crm():
    lang = g.choice(["en", "en", "de"])
    return ["CRM note (", g.choice(["Mon", "Tue", "Wed"]), "): spoke with ", (PER, v.full(lang)), ". New address: ",
            (ADR, v.street(lang)), ", ", v.postcode_city(lang), ". Prefers calls on ", (PH, v.phone()),
            " after 5pm. Upsell: premium plan."]


def p_signature():
    f, l = v.person()
    c = g.choice(["uk", "us", "de"])
    return ["Thanks again for your patience.\n\nBest regards,\n", (PER, f"{f} {l}"),
            "\nSenior Account Manager | Northwind Logistics Ltd\nT: ", (PH, v.phone(c)), "\nM: ", (PH, v.phone(c)),
            "\n", (EM, v.email_for(f, l, plus=False))]


def p_chat_card():
    return [g.choice(["hey can you update my card? new one is ", "pls use this card instead: ",
                      "new card number ", "card: "]), (CC, v.card()), " exp ", f"{g.randint(1, 12):02d}/{g.randint(26, 30)}",
            g.choice([" cvc on the back", "", " thx!"])]


def p_log_login():
    return [f"2024-05-0{g.randint(1, 9)}T11:32:07.{n(3)}Z INFO  auth.LoginService - login ok user=", (EM, v.email()),
            " ip=", (IP, v.ipv4()), " session=", v.uuid(), ' ua="Mozilla/5.0 (X11; Linux x86_64)"']


def p_csv():
    rows = ["id,name,email,phone,dob,signup_date\n"]
    parts = list(rows)
    for _ in range(g.randint(2, 3)):
        f, l = v.person()
        parts += [n(4), ",", (PER, f"{f} {l}"), ",", (EM, v.email_for(f, l)), ",", (PH, v.phone("us")), ",",
                  (DOB, v.date("iso")), ",", v.date("iso", 2019, 2024), "\n"]
    return parts


def p_json_iban():
    f, l = v.person(g.choice(["de", "nl", "fr"]))
    return ['{"order_id": "ORD-', n(7), '", "customer": {"name": "', (PER, f"{f} {l}"), '", "email": "',
            (EM, v.email_for(f, l)), '", "payout": {"iban": "', (IB, v.iban(grouped=False)),
            '", "currency": "EUR"}}, "total": 149.90}']


def p_hr():
    return ["Onboarding checklist for ", (PER, v.full()), ": SSN ", (SSN, v.ssn()), ", date of birth ",
            (DOB, v.date("en")), ", start date 2023-09-01, badge B-", n(5), ", laptop asset TAG-", n(6), "."]


def p_transfer():
    return ["Please transfer the deposit of €1,250.00 to ", (IB, v.iban(grouped=True)), " (account holder: ",
            (PER, v.full(g.choice(["de", "fr", "nl", "it"]))), "). Reference: INV-2024-0", n(3), "."]


def p_de_letter():
    f, l = v.person("de")
    return [f"Sehr geehrte{g.choice(['r Herr', ' Frau'])} ", (PER, l),
            ",\nbitte überweisen Sie den offenen Betrag von 89,00 € auf das Konto ", (IB, v.iban("DE")),
            ". Bei Rückfragen erreichen Sie mich unter ", (PH, v.phone("de")),
            ".\n\nMit freundlichen Grüßen\n", (PER, v.full("de"))]


def p_fr():
    return ["Bonjour, je m'appelle ", (PER, v.full("fr")), ", né", g.choice(["", "e"]), " le ", (DOB, v.date("fr")),
            ". Mon adresse : ", (ADR, v.street("fr")), ", ", v.postcode_city("fr"), ". Tél : ", (PH, v.phone("fr")),
            ". Merci de mettre à jour mon dossier."]


def p_es():
    return ["Hola, soy ", (PER, v.full("es")), ". Mi número es ", (PH, v.phone("es")), " y mi correo ",
            (EM, v.email("es")), ". Vivo en ", (ADR, v.street("es")), ", ", v.postcode_city("es"), "."]


def p_nl():
    return ["Beste ", (PER, v.full("nl")), ", uw bestelling wordt donderdag geleverd op ", (ADR, v.street("nl")),
            ", ", v.postcode_city("nl"), ". Vragen? Bel ons of bel de bezorger op ", (PH, v.phone("nl")), "."]


def p_it():
    return ["Gentile ", (PER, v.full("it")), ", la fattura n. 2024/", n(4), " è stata inviata a ", (EM, v.email("it")),
            ". IBAN per il pagamento: ", (IB, v.iban("IT")), ". Cordiali saluti."]


def p_ssh6():
    return [f"Mar {g.randint(10, 28)} 03:1{g.randint(0, 9)}:22 bastion sshd[{n(5)}]: Failed password for invalid user "
            f"{g.choice(['admin', 'oracle', 'test'])} from ", (IP, v.ipv6()), f" port {n(5)} ssh2"]


def p_nginx():
    return [(IP, v.ipv4(False)), f" - - [12/Mar/2024:09:14:{g.randint(10, 59)} +0000] \"GET /api/v2/orders?page="
            f"{g.randint(1, 9)} HTTP/1.1\" 200 {n(4)} \"-\" \"curl/8.4.0\""]


def p_claim():
    return ["Claimant: ", (PER, v.full()), "\nDOB: ", (DOB, v.date("en")), "\nPolicy no.: POL-", n(5), "-", n(2),
            "\nSSN: ", (SSN, v.ssn()), "\nIncident date: 03/02/2024\nAdjuster notes: rear-end collision, no injuries."]


def p_medical():
    return ["Patient ", (PER, v.full()), " (born ", (DOB, v.date("en")),
            ") rescheduled to 14 May 2024 10:30 with Dr. ", (PER, v.person()[1]), ". Contact: ", (PH, v.phone()), "."]


def p_declined():
    return ["Payment declined for ", (CC, v.card("amex")), "; customer ", (EM, v.email()),
            " asked us to retry with their other card ", (CC, v.card()), ". Amount $", n(3), ".99."]


def p_tax():
    return ["W-9 received. Taxpayer: ", (PER, v.full()), "  SSN: ", (SSN, v.ssn(g.choice(["", " "]))),
            "  Filing status: single. Reviewed by ops."]


def p_delivery():
    return ["Deliver to: ", (PER, v.full()), ", ", (ADR, v.street("en")), ", Springfield, IL 62704. Phone ",
            (PH, v.phone("us")), ". Tracking ", v.ups(), ". Leave at back door."]


def p_hi_first():
    f, l = v.person()
    return ["Hi ", (PER, f), ",\n\nyour visitor ", (PER, v.full()),
            " is waiting at reception (building B). Badge is printed.\n\nFacilities"]


def p_git_author():
    f, l = v.person(g.choice(["en", "de", "nl"]))
    return ["commit ", g.hexs(40), "\nAuthor: ", (PER, f"{f} {l}"), " <", (EM, v.email_for(f, l, plus=False)),
            ">\nDate:   Tue Apr 2 14:03:11 2024 +0200\n\n    Fix null check in invoice export"]


def p_mail_header():
    f, l = v.person()
    return ["From: ", (PER, f"{f} {l}"), " <", (EM, v.email_for(f, l)), ">\nTo: ",
            (EM, "support@" + g.choice(["helpdesk.example.com", "shop.example.org"])),
            "\nSubject: Refund for order 88213\n\nHello, I returned the jacket two weeks ago and still have no refund."]


def p_kyc():
    lang = g.choice(["en", "de", "fr"])
    label = {"en": "Date of birth", "de": "Geburtsdatum", "fr": "Date de naissance"}[lang]
    return ["KYC form\nName: ", (PER, v.full(lang)), f"\n{label}: ", (DOB, v.date(lang)), "\nPassport no.: ",
            g.choice("CFGHJK") + g.digits(8), "\nNationality: ", g.choice(["British", "German", "French"]),
            "\nStatus: pending review"]


def p_firewall():
    return ["[WAF] Blocked ", (IP, v.ipv4()), " after 15 failed logins for account ", (EM, v.email()),
            " (rule 942100, 2024-04-11 08:02 UTC)."]


def p_callback():
    return [g.choice(["Call me back at ", "You can reach me on ", "Numbers: "]), (PH, v.phone()), " or ",
            (PH, v.phone()), g.choice([", thanks.", " (evenings).", " – either works."])]


def p_card_dash():
    return ["@billing the customer pasted ", (CC, v.card(sep="-")), " in the chat, please remove it from the transcript."]


def p_de_form():
    return ["Name: ", (PER, v.full("de")), "\nGeburtsdatum: ", (DOB, v.date("de")), "\nAnschrift: ",
            (ADR, v.street("de")), ", ", v.postcode_city("de"), "\nTelefon: ", (PH, v.phone("de")), "\nE-Mail: ",
            (EM, v.email("de"))]


def p_daughter():
    return [g.choice(["My daughter ", "My son "]), (PER, v.full()), " was born on ", (DOB, v.date("en", 2010, 2023)),
            " and needs to be added to policy HX-", n(6), ". Thanks, ", (PER, v.full())]


def p_ipv6_ticket():
    return ["User ", (EM, v.email()), " cannot reach the VPN. Client address ", (IP, v.ipv6()),
            ", gateway responded with TLS alert 40. Escalated to network team."]


def p_iban_compact():
    return ["SEPA refund\nIBAN: ", (IB, v.iban(grouped=False)), "\nBIC: ", g.choice(["DEUTDEFFXXX", "BNPAFRPP",
            "INGBNL2A", "BSCHESMM"]), "\nAmount: 42,50 EUR\nBeneficiary: ", (PER, v.full(g.choice(["fr", "es", "nl"])))]


def p_json_log():
    return ['{"ts":"2024-06-0', str(g.randint(1, 9)), 'T07:41:', str(g.randint(10, 59)),
            'Z","level":"WARN","client_ip":"', (IP, v.ipv4()), '","user":"', (EM, v.email()),
            '","msg":"rate limit exceeded","limit":100}']


def p_intl00():
    return ["Emergency contact: ", (PER, v.full(g.choice(["de", "it"]))), ", ",
            (PH, g.choice([f"0049 30 {n(7)}", f"0039 02 {n(4)} {n(4)}", f"0033 6 {n(2)} {n(2)} {n(2)} {n(2)}"])),
            " (spouse)."]


def p_student_csv():
    parts = ["student_id;full_name;birth_date;email\n"]
    for _ in range(2):
        lang = g.choice(["de", "nl", "it", "fr"])
        f, l = v.person(lang)
        parts += ["S", n(7), ";", (PER, f"{f} {l}"), ";", (DOB, v.date("iso", 1998, 2006)), ";",
                  (EM, v.email_for(f, l)), "\n"]
    return parts


def p_es_dob():
    return ["Datos del paciente: ", (PER, v.full("es")), ", fecha de nacimiento: ", (DOB, v.date("es")),
            ", teléfono ", (PH, v.phone("es")), ". Cita el 12/05/2024."]


def p_it_dob():
    return ["Il sottoscritto ", (PER, v.full("it")), ", nato a Bologna il ", (DOB, v.date("it")), ", residente in ",
            (ADR, v.street("it")), ", ", v.postcode_city("it"), ", dichiara quanto segue."]


def p_nl_dob():
    return ["Naam: ", (PER, v.full("nl")), "\nGeboortedatum: ", (DOB, v.date("nl")), "\nIBAN: ",
            (IB, v.iban("NL")), "\nTelefoon: ", (PH, v.phone("nl"))]


def p_fr_card():
    return ["Client ", (PER, v.full("fr")), " : paiement refusé pour la carte ", (CC, v.card(sep=" ")),
            ", merci de le rappeler au ", (PH, v.phone("fr")), "."]


def p_card_nosep():
    return ["txn=", n(9), " status=DECLINED pan=", (CC, v.card(sep="")), " amount=", n(2), ".00 currency=USD"]


def p_mixed_lookalike():
    # positive with look-alikes next to it
    return ["Order ORD-", n(8), " (", n(3), ".", n(2), " USD) placed by ", (PER, v.full()), " from ", (IP, v.ipv4()),
            "; app version ", v.version4(), ", request ", v.uuid(), "."]


def p_ssn_with_bad():
    return ["Form validation: applicant ", (PER, v.full()), " first typed ", v.bad_ssn(),
            " (rejected as invalid), then corrected it to ", (SSN, v.ssn()), "."]


def p_address_only():
    lang = g.choice(["en", "de", "nl", "fr"])
    return [g.choice(["Ship to ", "New billing address: ", "Moved to "]), (ADR, v.street(lang)), ", ",
            v.postcode_city(lang), g.choice([". Gate code is on file.", ".", " – please update."])]


def p_email_only():
    return [g.choice(["Please cc ", "Send the contract to ", "Reply-to: "]), (EM, v.email()),
            g.choice([" before Friday.", "", " and the legal team."])]


def p_phone_whatsapp():
    return ["whatsapp me on ", (PH, v.phone(g.choice(["uk", "es", "it"]))), " if the courier is late"]


def p_dob_sentence():
    f, l = v.person()
    pron = g.choice(["her", "his"])
    return [(PER, f"{f} {l}"), f" celebrates {pron} birthday on the 14th; {pron} exact birth date on file is ",
            (DOB, v.date("en")), "."]


def p_jcb_discover():
    return ["Stored cards: ", (CC, v.card("jcb")), " (JCB), ", (CC, v.card("discover")), " (Discover), ",
            (CC, v.card("mc2")), " (Mastercard)."]


def p_ssn_json():
    f, l = v.person()
    return ['{"employee": {"id": "E', n(5), '", "name": "', (PER, f"{f} {l}"), '", "ssn": "', (SSN, v.ssn()),
            '", "dept": "', g.choice(["Finance", "R&D", "Sales"]), '", "hired": "', v.date("iso", 2015, 2024), '"}}']


def p_ssn_chat():
    return [g.choice(["for the background check I need ", "ok here it is, my social is ",
                      "Applicant SSN (confirmed by phone): "]), (SSN, v.ssn(g.choice(["-", "-", " "]))),
            g.choice([", please don't store it in the ticket", "", " – delete after use"])]


POS = [
    ("ticket", "en", p_ticket, 5), ("crm", "en/de", p_crm, 5), ("email", "en", p_signature, 5),
    ("chat", "en", p_chat_card, 5), ("log", "en", p_log_login, 5), ("csv", "en", p_csv, 4),
    ("json", "en", p_json_iban, 4), ("hr", "en", p_hr, 4), ("chat", "en", p_transfer, 4),
    ("email", "de", p_de_letter, 5), ("chat", "fr", p_fr, 5), ("chat", "es", p_es, 5), ("email", "nl", p_nl, 5),
    ("email", "it", p_it, 4), ("log", "en", p_ssh6, 4), ("log", "en", p_nginx, 4), ("form", "en", p_claim, 4),
    ("crm", "en", p_medical, 4), ("ticket", "en", p_declined, 4), ("form", "en", p_tax, 3),
    ("form", "en", p_delivery, 4), ("email", "en", p_hi_first, 3), ("log", "en", p_git_author, 3),
    ("email", "en", p_mail_header, 4), ("form", "en/de/fr", p_kyc, 4), ("log", "en", p_firewall, 4),
    ("chat", "en", p_callback, 5), ("chat", "en", p_card_dash, 3), ("form", "de", p_de_form, 4),
    ("email", "en", p_daughter, 3), ("ticket", "en", p_ipv6_ticket, 3), ("form", "en", p_iban_compact, 3),
    ("json", "en", p_json_log, 4), ("crm", "en", p_intl00, 3), ("csv", "en", p_student_csv, 3),
    ("form", "es", p_es_dob, 3), ("form", "it", p_it_dob, 3), ("form", "nl", p_nl_dob, 3),
    ("crm", "fr", p_fr_card, 3), ("log", "en", p_card_nosep, 3), ("log", "en", p_mixed_lookalike, 3),
    ("form", "en", p_ssn_with_bad, 3), ("chat", "en/de/nl/fr", p_address_only, 4), ("chat", "en", p_email_only, 3),
    ("chat", "en", p_phone_whatsapp, 3), ("crm", "en", p_dob_sentence, 2), ("crm", "en", p_jcb_discover, 2),
    ("json", "en", p_ssn_json, 4), ("chat", "en", p_ssn_chat, 4),
]


# ---------------------------------------------------------------- negatives: no PII, look-alikes only
def n_order():
    return [f"Order ORD-2024-{n(6)} shipped via UPS, tracking {v.ups()}. Estimated delivery {v.date('iso', 2024, 2024)}"
            f", {g.randint(1, 4)} parcel(s), {g.randint(1, 20)}.{n(1)} kg."]


def n_versions():
    a, b = v.version4(), v.version4()
    return [f"Upgraded the agent from {a} to {b}; firmware {v.version4()} is still pending on {g.randint(2, 40)} hosts."]


def n_build():
    return [f"Build {g.randint(1, 9)}.{g.randint(0, 20)}.{g.randint(0, 9)}.{n(4)} completed in 00:0{g.randint(1, 9)}:"
            f"{g.randint(10, 59)} at 2024-03-{g.randint(10, 28)}T10:22:31Z (job {n(7)}, runner {v.uuid()})."]


def n_price():
    return [f"Total: ${g.randint(1, 9)},{n(3)}.00 (incl. tax ${n(3)}.{n(2)}). Invoice INV-{n(5)}-B, due in 30 days. "
            f"Quote valid until {v.date('iso', 2024, 2025)}."]


def n_isbn():
    return [f"Textbook list: ISBN {v.isbn13()} (2nd edition, 2019) and ISBN {v.isbn13()}; {g.randint(12, 80)} copies each."]


def n_bad_luhn():
    return [g.choice(["Loyalty member number ", "Reference ", "Gift card serial ", "Voucher "]),
            v.card(valid=False), g.choice([" not found.", " was redeemed.", " expired on 2024-01-31.", ""])]


def n_uuid():
    return [f"request_id={v.uuid()} trace_id={g.hexs(32)} span_id={g.hexs(16)} duration_ms={g.randint(3, 900)} "
            f"status=200"]


def n_hashes():
    return [f"commit {g.hexs(40)}\nMerge: {g.hexs(7)} {g.hexs(7)}\n\n    Bump dependency to {v.version4()}"
            f" (sha256 {g.hexs(64)})"]


def n_product():
    return [f"SKU {g.choice(['TX', 'HB', 'KL'])}-{n(4)}-{g.choice(['XL', 'M', 'S'])}, EAN 40{n(11)}, "
            f"model {g.choice(['A', 'B', 'Z'])}{n(3)}, batch {n(6)}, {g.randint(1, 99)} units in stock."]


def n_dates():
    return [g.choice([f"The contract was signed on {v.date('de')} and renewed on {v.date('de', 2015, 2024)}.",
                      f"Founded on {v.date('en', 1950, 1999)}, the company moved to Leeds in {g.randint(2000, 2020)}.",
                      f"Warranty valid from {v.date('en', 2022, 2024)} to {v.date('en', 2025, 2027)}.",
                      f"Rendez-vous le {v.date('fr', 2024, 2024)} à 14h00 pour la livraison."])]


def n_companies():
    return [g.choice(["Müller & Söhne GmbH and Procter & Gamble both renewed their contracts.",
                      "Stock up on Mr. Clean, Dr. Oetker pizza and Ben & Jerry's for the office party.",
                      "Our suppliers: Johnson Controls, Siemens, Fabrikam Ltd and Contoso Pharmaceuticals.",
                      "Ask Alexa or Siri to set a timer; Cortana was retired in 2023.",
                      "Jack Daniel's and Captain Morgan are out of stock at the Victoria Station shop.",
                      "Wells Fargo, Morgan Stanley and Goldman Sachs were the lead underwriters.",
                      "Tim Hortons opened next to the McDonald's on the ring road.",
                      "Galeries Lafayette et Louis Vuitton ouvrent dimanche.",
                      "Order more Post-it notes and two Philips monitors for the Amsterdam office."])]


def n_support_generic():
    return [g.choice([
        f"Customer reports the export button is greyed out in version {v.version4()} on Windows 11. Repro steps attached. "
        f"Priority P{g.randint(2, 4)}.",
        "The account manager will call the customer tomorrow; legal wants the signed DPA before go-live.",
        f"User cannot log in after password reset; error AUTH-{n(4)}. Cleared cookies, still failing.",
        f"Refund approved for order #{n(6)} ({n(2)}.{n(2)} EUR). Customer notified through the portal.",
        "Please ask the caller for their ticket number, never for their card number or date of birth.",
        f"Printer on floor {g.randint(2, 9)} jams again, toner cartridge model CF{n(3)}A ordered."])]


def n_schema():
    return [g.choice([
        "CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(255), phone VARCHAR(32), ssn CHAR(11), "
        "date_of_birth DATE, iban VARCHAR(34));",
        "fields: [first_name, last_name, email, phone_number, street_address, postcode, city, dob]",
        "| column | type | pii |\n|---|---|---|\n| email | text | yes |\n| ip_address | inet | yes |"
        .replace("\\n", "\n"),
        '{"type": "object", "properties": {"email": {"type": "string", "format": "email"}, '
        '"birthDate": {"type": "string", "format": "date"}}}'])]


def n_stack():
    return [f"java.lang.IllegalStateException: connection pool exhausted (max={g.randint(8, 64)})\n"
            f"\tat com.example.db.Pool.acquire(Pool.java:{g.randint(40, 400)})\n"
            f"\tat com.example.orders.OrderService.place(OrderService.java:{g.randint(40, 400)})\n"
            f"\t... {g.randint(3, 40)} more"]


def n_http():
    return [f"GET /api/v{g.randint(1, 3)}/products/{n(5)} HTTP/1.1\nHost: shop.example.com\nAccept: application/json\n"
            f"X-Request-Id: {v.uuid()}\nIf-None-Match: \"{g.hexs(32)}\"\nUser-Agent: okhttp/4.12.0"]


def n_product_csv():
    parts = ["sku,name,price,stock,updated\n"]
    for _ in range(3):
        parts.append(f"{g.choice(['TX', 'HB', 'KL'])}-{n(4)},{g.choice(['Desk lamp', 'USB-C hub', 'Office chair', 'Notebook A5'])},"
                     f"{n(2)}.{n(2)},{g.randint(0, 500)},{v.date('iso', 2024, 2024)}\n")
    return ["".join(parts)]


def n_meeting():
    return [f"Meeting notes {v.date('iso', 2024, 2024)}: Q{g.randint(1, 4)} roadmap agreed, budget +{g.randint(2, 15)}%, "
            f"next sync on {g.choice(['Monday', 'Thursday'])} at {g.randint(9, 16)}:00 in room {g.randint(100, 450)}. "
            "Action items owned by the platform team."]


def n_cities():
    return [g.choice(["We ship from Rotterdam, Lyon and Milan; Florence and Paris warehouses reopen next week.",
                      "Flights: Washington → San Francisco, then St. Louis → Austin.",
                      "Read the Wall Street Journal piece on Main Street lenders.",
                      "Le dépôt de Nantes ferme à 18h, celui de Lyon à 19h.",
                      "Unser Lager in Köln ist am Feiertag geschlossen.",
                      "Il magazzino di Torino resta chiuso il 25 aprile; Bologna è aperta.",
                      "Het distributiecentrum in Utrecht verhuist naar Nieuwegein.",
                      "Nuevas tiendas en Sevilla y Valencia a partir de junio.",
                      "Our Baker Street and Oxford Street stores extend opening hours in December.",
                      "Victoria, Charlotte and Jackson are the three new sales regions."])]


def n_bad_ssn():
    return [f"Validation test vectors (all invalid): {v.bad_ssn()}, {v.bad_ssn()}, {v.bad_ssn()}. Expected: reject."]


def n_bad_iban():
    return [f"IBAN {v.iban(valid=False)} failed the checksum; please re-enter."]


def n_times():
    return [f"Job started 2024-03-14 10:22:31.{n(3)}+01:00, epoch {n(10)}, timecode 01:{g.randint(10, 59)}:"
            f"{g.randint(10, 59)}:{g.randint(10, 24)}, exit code 0x8007{g.hexs(4)}."]


def n_code():
    return [g.choice(['def parse(ip: str) -> bool:\n    """Return True if ip is an address."""\n    return bool(IP_RE.match(ip))',
                      "@Override\npublic String toString() { return \"User{id=\" + id + \"}\"; }",
                      "std::vector<int>::iterator it = v.begin(); // see ::operator new",
                      "for (int i = 0; i < 255; i++) { mask[i] = 0xFF; }"])]


def n_git_ssh():
    return [f"git clone git@github.com:acme/{g.choice(['billing', 'infra', 'web'])}.git && cd repo\n"
            f"deploy@web-0{g.randint(1, 9)}:~$ systemctl restart app"]


def n_mac():
    return [f"Interface eth0 hwaddr {':'.join(g.hexs(2) for _ in range(6))}, mtu 1500, "
            f"network 10.{g.randint(0, 255)}.0.0/16 via the default route."]


def n_tracking_de():
    return [f"Ihre Bestellung 302-{n(7)}-{n(7)} wird am {v.date('de', 2024, 2024)} geliefert. "
            f"Sendungsnummer 00340434{n(12)}."]


def n_fr_invoice():
    return [f"Facture n° FA-2024-{n(5)} du {v.date('fr', 2024, 2024)}, montant {g.randint(1, 9)} {n(3)},00 €, "
            f"échéance à 30 jours."]


def n_es_order():
    return [f"Pedido {n(4)}-{n(3)}, entrega prevista el {g.randint(1, 28)} de marzo. Importe: {n(2)},{n(2)} €."]


def n_nl_invoice():
    return [f"Factuurnummer 2024-{n(4)}, vervaldatum {v.date('nl', 2024, 2024)}, bedrag € {n(3)},{n(2)}."]


def n_it_order():
    return [f"Ordine n. {n(6)} spedito il {v.date('it', 2024, 2024)} da Milano, colli: {g.randint(1, 5)}."]


def n_imei():
    return [f"Device IMEI {v.imei()} registered; firmware {v.version4()}; warranty until {v.date('iso', 2025, 2026)}."]


def n_loopback():
    return [g.choice([f"Server listening on 127.0.0.1:{g.randint(1024, 9999)} and [::1]:{g.randint(1024, 9999)}",
                      f"bind-address = 0.0.0.0\nport = {g.randint(3000, 9000)}\nmax_connections = {g.randint(50, 500)}"])]


def n_math():
    return [f"Matrix is {g.randint(2, 9)}x{g.randint(2, 9)}; results: 4 + 4 = 8, 12.5% of 400 = 50, ratio 16:9, "
            f"range {n(3)}-{n(3)}-{n(3)}."]


def n_placeholder():
    return [g.choice(["Name: [REDACTED]\nEmail: <email>\nPhone: ***-***-****\nCard: **** **** **** 4242",
                      "Dear customer, dear {{first_name}}, your order {{order_id}} is on its way.",
                      "Please enter your email address and phone number in the form below."])]


NEG = [
    ("log", "en", n_order, 5), ("log", "en", n_versions, 5), ("log", "en", n_build, 4), ("email", "en", n_price, 4),
    ("chat", "en", n_isbn, 3), ("chat", "en", n_bad_luhn, 6), ("log", "en", n_uuid, 5), ("log", "en", n_hashes, 4),
    ("form", "en", n_product, 4), ("email", "en/de/fr", n_dates, 6), ("chat", "en", n_companies, 6),
    ("chat", "en/fr/de", n_cities, 5), ("form", "en", n_bad_ssn, 4), ("form", "en", n_bad_iban, 4),
    ("log", "en", n_times, 4), ("code", "en", n_code, 4), ("log", "en", n_git_ssh, 3), ("log", "en", n_mac, 3),
    ("email", "de", n_tracking_de, 4), ("email", "fr", n_fr_invoice, 3), ("email", "es", n_es_order, 3),
    ("email", "nl", n_nl_invoice, 3), ("email", "it", n_it_order, 3), ("log", "en", n_imei, 3),
    ("log", "en", n_loopback, 3), ("chat", "en", n_math, 3), ("form", "en", n_placeholder, 3),
    ("ticket", "en", n_support_generic, 6), ("code", "en", n_schema, 4), ("log", "en", n_stack, 3),
    ("log", "en", n_http, 3), ("csv", "en", n_product_csv, 3), ("email", "en", n_meeting, 3),
]


def main():
    records, metas = [], []
    items = []
    for ctx, lang, fn, k in POS:
        for _ in range(k):
            items.append((ctx, lang, fn, True))
    for ctx, lang, fn, k in NEG:
        for _ in range(k):
            items.append((ctx, lang, fn, False))
    g.shuffle(items)
    seen = set()
    for ctx, lang, fn, pos in items:
        for _ in range(20):  # retry on an exact duplicate text
            rec = build(*fn())
            if rec["text"] not in seen:
                break
        if rec["text"] in seen:
            continue
        seen.add(rec["text"])
        assert bool(rec["spans"]) == pos, (fn.__name__, rec)
        records.append(rec)
        metas.append({"template": fn.__name__, "context": ctx, "lang": lang, "has_pii": pos})
    here = os.path.dirname(os.path.abspath(__file__))
    write(os.path.join(here, "..", "pii-probe.jsonl"), records, os.path.join(here, "..", "pii-probe.meta.jsonl"), metas)
    print(len(records), "records,", sum(1 for m in metas if not m["has_pii"]), "without PII")


if __name__ == "__main__":
    main()
