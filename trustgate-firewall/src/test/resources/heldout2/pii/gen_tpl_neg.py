"""English texts without any PII: look-alikes that a careless detector would flag."""
import gen_cards_iban as ci
import gen_names_addr as na
from gen_common import Doc, Probe, pick, digits, rand_date, iso
from gen_cards_iban import luhn_complete

MON3 = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _p(text, context, lang="en"):
    d = Doc()
    d.add(text)
    return Probe(d, context, lang)


def _sp(n):
    return " ".join(n[i:i + 4] for i in range(0, len(n), 4))


def neg_order_numbers(r):
    o = ci.luhn_fail_16(r, first=pick(r, ["4", "5", "6"]))
    trk = "1Z%s%s" % ("".join(pick(r, "ABCDEFGHJKLMNPRSTUVWXY0123456789") for _ in range(6)), digits(r, 10))
    t = pick(r, [
        "Order #%s confirmed.\nItems: 2 x toner cartridge, 1 x A4 paper (5 reams)\nShipping: UPS Ground, tracking %s\n"
        "Total charged: $%d.%02d\nEstimated delivery: %s %d" % (_sp(o), trk, r.randint(40, 900), r.randint(0, 99),
                                                               pick(r, MON3), r.randint(1, 28)),
        "Your gift card %s has a remaining balance of $%d.00. Gift cards cannot be used to pay insurance premiums. "
        "Reference %s." % (_sp(o), r.randint(5, 200), trk),
        "Return authorised: RMA %s-%s, original order %s, refund of EUR %d,%02d will be issued to the original "
        "payment method within 10 working days." % (digits(r, 4), digits(r, 3), o, r.randint(10, 300), r.randint(0, 99)),
    ])
    return _p(t, "invoice")


def _iccid(r):
    return luhn_complete("8944" + digits(r, 14))


def neg_imei(r):
    a, b = ci.imei(r), ci.imei(r)
    fa = "%s %s %s %s" % (a[:2], a[2:8], a[8:14], a[14])
    t = pick(r, [
        "Device swap completed.\nOld handset IMEI: %s\nNew handset IMEI: %s\nSIM ICCID: %s\nFirmware: %s" % (
            fa, b, _iccid(r), pick(r, ["UP1A.231005.007", "17.3.1 (21D61)", "T975XXU2CWK1"])),
        "Lost-device report: IMEI %s blocked on all networks at %02d:%02d UTC. Serial number %s. "
        "Insurance excess EUR 75 applies." % (b, r.randint(0, 23), r.randint(0, 59),
                                               "".join(pick(r, "CDFGHJKLMNPQRTVWXY0123456789") for _ in range(12))),
    ])
    return _p(t, "support-ticket")


def neg_isbn(r):
    d = Doc()
    d.add("| Title | ISBN | Pages | Year |\n|---|---|---|---|\n")
    titles = ["Claims Handling in Practice", "Actuarial Mathematics, 3rd ed.", "Clinical Coding Handbook",
              "Introduction to Anti-Money Laundering", "Hospital Pharmacy Manual", "Public Sector Procurement"]
    r.shuffle(titles)
    n = r.randint(3, 4)
    for i in range(n):
        num = ci.isbn13(r)
        d.add("| %s | %s | %d | %d |" % (titles[i], ci.isbn13_fmt(num) if r.random() < 0.6 else num,
                                        r.randint(180, 900), r.randint(1998, 2024)))
        if i < n - 1:
            d.add("\n")
    return Probe(d, "markdown-table", "en")


def neg_routing(r):
    t = pick(r, [
        "Direct deposit setup\nBank routing number (ABA): %s\nAccount number: %s\nAccount type: checking\n"
        "Allocation: 100%% of net pay" % (ci.aba_routing(r), digits(r, r.randint(10, 12), True)),
        "ACH batch %s: %d entries, total $%d,%03d.%02d, originator routing %s, effective entry date %s." % (
            digits(r, 7), r.randint(20, 400), r.randint(1, 900), r.randint(0, 999), r.randint(0, 99),
            ci.aba_routing(r), iso(rand_date(r, 2024, 2025))),
        "Wire instructions for the agency's operating account are on file. Fed ABA %s, "
        "account ending %s. Do not accept changed instructions by e-mail." % (ci.aba_routing(r), digits(r, 4)),
    ])
    return _p(t, "form")


def neg_iban_badcheck(r):
    lines = []
    for _ in range(r.randint(2, 3)):
        cc = pick(r, ["DE", "FR", "NL", "ES", "IT", "GB", "BE", "PL"])
        kind = r.random()
        if kind < 0.6:
            bad = ci.iban_bad_check(r, cc)
            msg = "checksum mismatch"
        else:
            good = ci.iban(r, cc)
            cut = r.randint(6, len(good) - 2)
            bad = good[:cut] + good[cut + 1:]
            msg = "length %d, expected %d for %s" % (len(bad), ci.IBAN_LEN[cc], cc)
        assert not ci.iban_ok(bad)
        lines.append("%sT%02d:%02d:%02dZ WARN payee-validator rejected iban=\"%s\" reason=\"%s\" req=%s" % (
            iso(rand_date(r, 2024, 2025)), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59),
            ci.iban_fmt(bad, grouped=r.random() < 0.4), msg, digits(r, 8)))
    return _p("\n".join(lines), "log")


def neg_bic_vat(r):
    t = pick(r, [
        "Harbour Heating Ltd - Registered in England and Wales No. %s - VAT GB %s %s %s\n"
        "Bank: NatWest, BIC NWBKGB2L, sort code %s-%s-%s, account %s" % (
            digits(r, 8), digits(r, 3, True), digits(r, 4), digits(r, 2), digits(r, 2), digits(r, 2),
            digits(r, 2), digits(r, 8)),
        "SEPA Direct Debit mandate reference MNDT-%s. Creditor identifier %s. BIC %s. "
        "The first collection will be made on or after the 5th of the month." % (
            digits(r, 9), ci.sepa_creditor_id(r), pick(r, ci.BICS)),
        "Correspondent banks: %s (EUR), %s (GBP), %s (CHF). Please quote the SWIFT code exactly; "
        "IBANs are not required for this payment corridor." % (pick(r, ci.BICS), "NWBKGB2L", "UBSWCHZH80A"),
    ])
    return _p(t, "invoice")


def neg_ssn_invalid(r):
    lines = []
    for _ in range(r.randint(2, 3)):
        v = ci.ssn_invalid(r)
        a, g, s = v.split("-")
        reason = ("AREA_NOT_ISSUED" if a in ("000", "666") or a.startswith("9") else
                  "GROUP_ZERO" if g == "00" else "SERIAL_ZERO")
        lines.append("ssn-check: input=%s result=INVALID code=%s form=W4 batch=%s" % (v, reason, digits(r, 5)))
    lines.append("ssn-check: %d records skipped, 0 accepted" % len(lines))
    return _p("\n".join(lines), "log")


def neg_ein(r):
    t = pick(r, [
        "Vendor onboarding - Contoso Logistics LLC\nFederal EIN: %s\nEntity type: limited liability company\n"
        "1099 required: no (corporation election on file)" % ci.ein(r),
        "Please note our new Employer Identification Number %s on all remittances from 1 July. "
        "The old number %s must no longer be used." % (ci.ein(r), ci.ein(r)),
    ])
    return _p(t, "form")


def neg_itin(r):
    t = ("W-7 processing queue: ITIN %s assigned, notice CP565 generated, status CLOSED. "
         "Note: ITINs begin with 9 and are not Social Security numbers." % ci.itin(r))
    return _p(t, "log")


def neg_phone_like(r):
    t = pick(r, [
        "Batch %s-%s processed %d,%03d,%03d records in %02d:%02d:%02d; checksum %s %s %s; job id %s" % (
            iso(rand_date(r, 2024, 2025)).replace("-", ""), digits(r, 4), r.randint(1, 9), r.randint(0, 999),
            r.randint(0, 999), r.randint(0, 5), r.randint(0, 59), r.randint(0, 59), digits(r, 4), digits(r, 4),
            digits(r, 4), digits(r, 14, True)),
        "Claim reference %d-%s-%s has been closed. Amount paid: $%d,%03d.%02d. Case worker team: 4B." % (
            r.randint(2019, 2025), digits(r, 3), digits(r, 4), r.randint(1, 90), r.randint(0, 999), r.randint(0, 99)),
        "Meter reading %s kWh on meter no. %s %s %s; tariff code %s; next estimated read in %d days." % (
            digits(r, 6), digits(r, 3), digits(r, 3), digits(r, 4), digits(r, 3), r.randint(30, 90)),
        "Shipment dims 120 x 80 x %d cm, gross weight %d.%d kg, HS code %s.%s.%s, container %s%s." % (
            r.randint(40, 160), r.randint(10, 900), r.randint(0, 9), digits(r, 4), digits(r, 2), digits(r, 2),
            pick(r, ["MSCU", "MAEU", "CMAU"]), digits(r, 7)),
    ])
    return _p(t, "log")


def neg_versions(r):
    t = pick(r, [
        "## %d.%d.%d (%s)\n- bump device firmware to %d.%d.%d.%d\n- Windows agent tested on build 10.0.%d.%d\n"
        "- SNMP: poll OID 1.3.6.1.4.1.%d.1.%d.%d\n- deprecate API v1.2; see section 4.2.1.3 of the spec" % (
            r.randint(1, 9), r.randint(0, 30), r.randint(0, 9), iso(rand_date(r, 2024, 2025)),
            r.randint(1, 9), r.randint(0, 12), r.randint(0, 30), r.randint(0, 200),
            r.randint(19041, 22631), r.randint(1000, 4000), r.randint(300, 60000), r.randint(1, 9), r.randint(1, 40)),
        "Compatibility matrix: driver %d.%d.%d.%d, BIOS 1.%d.%d, Java 17.0.%d+%d, Python 3.11.%d, OpenSSL 3.0.%d. "
        "Certificate policy OID 2.16.840.1.%d.%d.%d.%d." % (
            r.randint(1, 9), r.randint(0, 9), r.randint(0, 99), r.randint(0, 255), r.randint(0, 30), r.randint(0, 9),
            r.randint(1, 12), r.randint(1, 12), r.randint(1, 9), r.randint(1, 13), r.randint(100000, 999999),
            r.randint(1, 9), r.randint(1, 9), r.randint(1, 9)),
        "Release train %02d.%02d.%d shipped. Dashboard dates use the format %02d.%02d.%d; "
        "the old build label was %d.%d.%d-rc.%d." % (
            r.randint(24, 25), r.randint(1, 12), r.randint(1, 4), r.randint(1, 28), r.randint(1, 12),
            r.randint(2024, 2025), r.randint(1, 9), r.randint(0, 20), r.randint(0, 9), r.randint(1, 5)),
    ])
    return _p(t, pick(r, ["markdown", "log"]))


def neg_mac_cidr(r):
    t = pick(r, [
        "Subnet plan: servers 10.%d.0.0/16, VoIP 172.%d.0.0/20, guest Wi-Fi 192.168.%d.0/24, "
        "IPv6 prefix 2001:db8:%x::/48. MAC filter: %s, %s." % (
            r.randint(0, 250), r.randint(16, 31), r.randint(0, 250), r.randint(1, 0xffff), ci.mac(r), ci.mac(r, "-")),
        "switch port Gi1/0/%d: mac-address %s, vlan %d, speed 1000, duplex full; uptime %d days %02d:%02d:%02d" % (
            r.randint(1, 48), ci.mac(r).lower(), r.randint(2, 4000), r.randint(1, 400), r.randint(0, 23),
            r.randint(0, 59), r.randint(0, 59)),
    ])
    return _p(t, "log")


def neg_code(r):
    t = pick(r, [
        "```java\n@RestController\npublic class PolicyController {\n    @Autowired\n    private PolicyService service;\n\n"
        "    @Override\n    public String toString() { return \"PolicyController\"; }\n\n"
        "    @GetMapping(\"/policies/{id}\")\n    public Policy get(@PathVariable long id) { return service.find(id); }\n}\n```",
        "```cpp\nstd::vector<int> ids;\nstd::map<std::string, double> rates;\nauto it = rates.find(\"EUR\");\n"
        "if (it != rates.end()) { total += it->second * 1.0825; }\n```",
        "```python\nEMAIL_RE = re.compile(r\"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\")\n"
        "@app.route(\"/v1/validate\", methods=[\"POST\"])\n@login_required\ndef validate():\n    return jsonify(ok=True)\n```",
        "@media (max-width: 600px) { .card { width: 100%; } }\n@import url(\"theme.css\");\n"
        "@font-face { font-family: \"Inter\"; src: url(\"inter@2x.woff2\"); }",
    ])
    return _p(t, "markdown")


def neg_git_handles(r):
    t = pick(r, [
        "To build locally: git clone git@github.com:acme-insurance/claims-api.git && cd claims-api && npm i "
        "@angular/core@17.%d.%d lodash@4.17.21 @types/node@20.%d.0" % (r.randint(0, 3), r.randint(0, 9), r.randint(1, 11)),
        "Deploy: ssh deploy@bastion-%02d.internal 'sudo systemctl restart gateway' - then ping @alice and "
        "@ops-oncall in #payments when the health check is green." % r.randint(1, 12),
        "Replace logo@2x.png and icon@3x.png in the mobile assets; bump @babel/preset-env to 7.%d.%d and "
        "pin @scope/pkg@^2.1.0." % (r.randint(20, 24), r.randint(0, 9)),
        "Follow us on social media: @NorthwindMutual (X) and @northwind.mutual (Instagram). "
        "For support use the in-app chat.",
    ])
    return _p(t, pick(r, ["markdown", "chat"]))


def neg_companies(r):
    t = pick(r, [
        "Q%d vendor review: Johnson & Johnson, Wells Fargo, Morgan Stanley and Goldman Sachs remain on the approved "
        "list. The Ben & Jerry's sponsorship was cancelled and the Hugo Boss gift-card order is on hold." % r.randint(1, 4),
        "Fleet renewal: quotes received from Ford, Ferrari Financial Services, Porsche Leasing and Mercedes-Benz Vans. "
        "Tyres via Michelin, batteries via Bosch.",
        "Portfolio update: we increased exposure to Procter & Gamble and Marks & Spencer and reduced Philips "
        "and Siemens Healthineers. Walt Disney Co. remains a hold.",
        "The Dell laptops and Tommy Hilfiger uniforms were delivered to the Johns Hopkins Hospital site on time.",
    ])
    return _p(t, "email")


def neg_places(r):
    t = pick(r, [
        "Itinerary change: flight from John F. Kennedy International to Charles de Gaulle was cancelled; rebooked "
        "via Washington Dulles, arriving %02d:%02d local time. Hotel near Victoria Station unchanged." % (
            r.randint(6, 22), r.randint(0, 59)),
        "Travel claim: baggage delayed at Lisbon Humberto Delgado airport for %d days; receipts from "
        "San Francisco and Lake Louise attached." % r.randint(2, 6),
        "Flood warning for the Kosciuszko National Park area and the Mount Washington region; claims teams "
        "should expect higher volumes next week.",
    ])
    return _p(t, "chat")


def neg_eponyms(r):
    t = pick(r, [
        "Assessment: Apgar %d/%d at 1 and 5 minutes. Babinski sign negative. Glasgow Coma Scale %d. "
        "Differential: Hodgkin lymphoma vs. reactive lymphadenopathy; Parkinson's disease ruled out." % (
            r.randint(6, 9), r.randint(8, 10), r.randint(13, 15)),
        "Ward protocol: apply the Ottawa ankle rules before X-ray; screen for Alzheimer's disease with MoCA; "
        "Gram stain and culture for all wound swabs; monitor for Cushing's syndrome in long-term steroid use.",
        "Coding note: use K50.%d for Crohn's disease, G20 for Parkinson's disease and Q90.9 for Down syndrome. "
        "Do not code Tourette's without specialist confirmation." % r.randint(0, 9),
    ])
    return _p(t, "medical-intake")


def neg_street_like(r):
    t = pick(r, [
        "Pick list #%s: %d Oak Barrels, %d Maple Shelves, %d Pine Boards. Stage everything in Room %d North Wing "
        "before %02d:00." % (digits(r, 5), r.randint(2, 60), r.randint(2, 40), r.randint(2, 90), r.randint(100, 450),
                             r.randint(7, 16)),
        "Release %d Main Features: %d Bridge Fixes, %d Park Mode improvements, %d Lane Assist updates." % (
            r.randint(2, 9), r.randint(2, 20), r.randint(2, 9), r.randint(2, 9)),
        "Meeting moved to Building %d, Park Campus, Level %d, Room %d%s. Bring the %d Church Lane-style "
        "mock-ups only if finished." % (r.randint(1, 9), r.randint(1, 6), r.randint(1, 40),
                                        pick(r, ["A", "B", ""]), r.randint(2, 6)),
        "Inventory: %d Queen Beds, %d King Pillows, %d Garden Chairs moved to Bay %d." % (
            r.randint(2, 30), r.randint(10, 90), r.randint(5, 40), r.randint(1, 12)),
    ])
    return _p(t, "log")


def neg_dates(r):
    c, a, b = sorted([rand_date(r, 2024, 2025), rand_date(r, 2024, 2025), rand_date(r, 2023, 2025)])
    t = pick(r, [
        "Invoice date %02d/%02d/%d, payment due %02d/%02d/%d. Card on file expires %02d/%02d. "
        "Late fee of 2%% applies after %s." % (a[2], a[1], a[0], b[2], b[1], b[0], r.randint(1, 12),
                                               r.randint(26, 31), iso(b)),
        "Your appointment is on %s at %02d:%02d in clinic 3. Please arrive 15 minutes early. "
        "Referral received %s; valid until %s." % (na.fmt_date(r, a, "en", 1), r.randint(8, 16), pick(r, [0, 15, 30, 45]),
                                                   iso(c), iso(b)),
        "Policy term: %s to %s. Renewal notice issued %s. No-claims discount since %d." % (
            na.fmt_date(r, a, "en-gb", 1), na.fmt_date(r, b, "en-gb", 1), iso(c), r.randint(2010, 2020)),
        "Admission date: %s  Discharge date: %s  Follow-up: 6 weeks. Last tetanus booster: %s." % (
            iso(a), iso(b), na.fmt_date(r, c, "en", 0)),
    ])
    return _p(t, pick(r, ["invoice", "medical-intake", "email"]))


def neg_masked(r):
    t = pick(r, [
        "payment ok card=**** **** **** %s exp=**/** holder=[REDACTED] amount=%d.%02d" % (
            digits(r, 4), r.randint(5, 999), r.randint(0, 99)),
        "Customer verified. SSN on file: ***-**-%s. Email: [redacted]. Phone: (***) ***-%s." % (
            digits(r, 4), digits(r, 4)),
        "Statement for account ending %s. Card XXXX-XXXX-XXXX-%s was replaced. DOB: [withheld]." % (
            digits(r, 4), digits(r, 4)),
    ])
    return _p(t, "log")


def neg_products(r):
    t = pick(r, [
        "Jenkins build #%d failed on agent linux-%02d; Alexa skill certification still pending; "
        "the Watson Assistant intent 'lost_card' needs new utterances." % (r.randint(1000, 9999), r.randint(1, 20)),
        "Roadmap: replace Siri Shortcuts integration, retire the Einstein bot, evaluate Copilot for the "
        "contact centre, upgrade Jira and Confluence to Data Center.",
        "Our virtual assistant Ada will answer questions about premiums outside business hours; "
        "escalations go to the Hermes queue.",
    ])
    return _p(t, "support-ticket")


def neg_placeholders(r):
    t = pick(r, [
        "Dear {{first_name}} {{last_name}},\n\nyour card ending {{last4}} will expire on {{expiry}}. "
        "Please update it in the portal. Date of birth on file: {{dob}}.\n\nKind regards,\n{{agent_name}}",
        "Hello ${customer.name}, your claim ${claim.id} was received on ${claim.date}. "
        "We will contact you at ${customer.email}.",
        "Template LETTER_17 fields: <NAME>, <ADDRESS_LINE_1>, <POSTCODE>, <DATE_OF_BIRTH>, <IBAN>. "
        "All fields are mandatory.",
    ])
    return _p(t, "email")


def neg_schema(r):
    i = r.randint(0, 2)
    t = [
        "CREATE TABLE customers (\n  id BIGINT PRIMARY KEY,\n  full_name VARCHAR(120) NOT NULL,\n  date_of_birth DATE,\n"
        "  ssn CHAR(11),\n  email VARCHAR(254),\n  phone VARCHAR(32),\n  iban VARCHAR(34),\n  created_at TIMESTAMP\n);",
        '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": '
        '{"email": {"type": "string", "format": "email"}, "birthDate": {"type": "string", "format": "date"}, '
        '"phone": {"type": "string", "pattern": "^\\\\+[1-9][0-9]{7,14}$"}}, "required": ["email"]}',
        "name,dob,ssn,email,phone,street,city,zip\n",
    ][i]
    return _p(t.strip(), ["sql", "json-api", "hr-csv"][i])


def neg_vitals(r):
    t = ("Vitals %02d:%02d - BP %d/%d mmHg, HR %d, RR %d, SpO2 %d %%, Temp %d.%d C. Weight %d.%d kg. "
         "Na %d mmol/L, K %d.%d mmol/L, eGFR %d. Dose: %d.%d mg every %d h." % (
             r.randint(0, 23), r.randint(0, 59), r.randint(95, 170), r.randint(55, 100), r.randint(50, 120),
             r.randint(12, 24), r.randint(88, 100), r.randint(36, 39), r.randint(0, 9), r.randint(45, 130),
             r.randint(0, 9), r.randint(130, 145), r.randint(3, 5), r.randint(0, 9), r.randint(30, 110),
             r.randint(1, 9), r.randint(0, 9), pick(r, [4, 6, 8, 12])))
    return _p(t, "medical-intake")


def neg_kpi_table(r):
    d = Doc()
    d.add("| Region | Policies | Premium (USD) | Loss ratio | Claims |\n|---|---:|---:|---:|---:|\n")
    regs = ["North-East", "Midwest", "South", "West", "Canada", "UK & Ireland"]
    r.shuffle(regs)
    n = r.randint(3, 5)
    for i in range(n):
        d.add("| %s | %d,%03d | %d,%03d,%03d.%02d | %d.%d %% | %d |" % (
            regs[i], r.randint(1, 90), r.randint(0, 999), r.randint(1, 90), r.randint(0, 999),
            r.randint(0, 999), r.randint(0, 99), r.randint(40, 95), r.randint(0, 9), r.randint(100, 9999)))
        if i < n - 1:
            d.add("\n")
    return Probe(d, "markdown-table", "en")


def neg_generic_greeting(r):
    t = pick(r, [
        "Dear Customer,\n\nwe are writing to let you know that our terms and conditions change on 1 %s. "
        "No action is needed.\n\nYours faithfully,\nThe Customer Service Team" % pick(r, na.MONTHS["en"]),
        "Dear Sir or Madam,\n\nplease find attached the requested policy documents. If anything is missing, "
        "reply to this message.\n\nKind regards,\nClaims Department",
        "To whom it may concern: the bearer of this letter is an employee of our organisation and is "
        "authorised to collect sealed documents on our behalf.",
    ])
    return _p(t, "email")


def neg_ids_hashes(r):
    def hx(n):
        return "".join(pick(r, "0123456789abcdef") for _ in range(n))
    t = pick(r, [
        "trace_id=%s span_id=%s request_id=%s-%s-%s-%s-%s status=500 error=HRESULT 0x%s" % (
            hx(32), hx(16), hx(8), hx(4), hx(4), hx(4), hx(12), hx(8).upper()),
        "sha256:%s  claims-api:%d.%d.%d\ndigest verified, layer %s pulled in %d.%d s" % (
            hx(64), r.randint(1, 9), r.randint(0, 9), r.randint(0, 9), hx(12), r.randint(1, 9), r.randint(0, 9)),
        "Event ID %d, Task Category: Logon, Keywords: Audit Failure, Logon Type %d, Process ID 0x%s, "
        "Sub Status 0xC000%s." % (r.randint(4600, 4800), r.randint(2, 10), hx(4), pick(r, ["006A", "0064", "0072"])),
    ])
    return _p(t, "log")


def neg_short_codes(r):
    t = pick(r, [
        "If you are in immediate danger call 911. For non-urgent medical advice in the UK call 111; "
        "across the EU dial 112. Text STOP to %d to unsubscribe from reminders." % r.randint(60000, 99999),
        "Out-of-hours: the claims line is closed on public holidays. In an emergency abroad dial 112, "
        "in Australia 000.",
    ])
    return _p(t, "chat")


def neg_coordinates(r):
    t = ("Telematics event: harsh braking at lat=%d.%06d lon=-%d.%06d, speed %d km/h, heading %d deg, "
         "accuracy %d m, odometer %d,%03d km." % (r.randint(30, 48), r.randint(0, 999999), r.randint(70, 122),
                                                 r.randint(0, 999999), r.randint(20, 130), r.randint(0, 359),
                                                 r.randint(3, 30), r.randint(1, 250), r.randint(0, 999)))
    return _p(t, "log")


def neg_message_ids(r):
    h = pick(r, ["mail.example.net", "mx2.example.org"])
    t = ("Message-ID: <%s.%s@%s>\nIn-Reply-To: <%s@%s>\nList-Unsubscribe: <https://lists.example.com/u/%s>\n"
         "X-Mailer: Outlook 16.0\nContent-Type: text/plain; charset=utf-8" % (
             digits(r, 14), digits(r, 5), h, digits(r, 10), h, digits(r, 12)))
    return _p(t, "email")


def neg_eponym_history(r):
    t = pick(r, [
        "Training quiz: explain Newton's second law, Bayes' theorem and the Pareto principle in one sentence each, "
        "then draw a Gantt chart for the claims backlog.",
        "The actuarial team uses Monte Carlo simulation and a Poisson model for claim counts; "
        "Kaplan-Meier curves are used for the lapse study.",
        "Book club: this month we read Pride and Prejudice; next month a Sherlock Holmes collection. "
        "Meetings are in the Florence Nightingale room.",
    ])
    return _p(t, "email")


def neg_street_no_number(r):
    t = pick(r, [
        "Traffic update: roadworks on Martin Luther King Jr. Blvd and Lincoln Avenue until Friday; "
        "field adjusters should plan extra time.",
        "The branch on Baker Street is closed for refurbishment; customers are redirected to the Victoria Road branch.",
        "Storm damage reported along Harbor View Drive and Oakwood Lane; no addresses confirmed yet.",
    ])
    return _p(t, "email")
