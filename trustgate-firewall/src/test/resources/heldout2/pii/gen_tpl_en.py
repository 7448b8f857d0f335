"""English templates that contain PII (part 1: business records)."""
import gen_phone as ph
import gen_cards_iban as ci
import gen_names_addr as na
from gen_common import Doc, fill, Probe, pick, digits, rand_date, iso

EN_COUNTRIES = ["US", "US", "US", "GB", "GB", "CA", "IE", "AU"]
MON3 = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def dlang(country):
    return "en" if country in ("US", "CA") else "en-gb"


def en_name(r, **k):
    while True:
        n = na.person(r, "en", **k)
        if "'" not in n:
            return n


def crm_csv(r):
    d = Doc()
    d.add(pick(r, ["customer_id,full_name,email,phone,street,city,postcode,segment\n",
                   "id,name,email_address,phone_number,address_line1,city,zip,tier\n"]))
    n = r.randint(2, 3)
    for i in range(n):
        c = pick(r, EN_COUNTRIES)
        name = en_name(r)
        city, pc = pick(r, na.CITY[c])
        d.add("C-%06d," % r.randint(1, 999999))
        d.span("PERSON", name)
        d.add(",")
        d.span("EMAIL", na.email_for(r, name, plus=r.random() < 0.2))
        d.add(",")
        d.span("PHONE", ph.phone_s(r, c))
        d.add(',"')
        d.span("STREET", na.street(r, c))
        d.add('","%s",%s,%s' % (city, pc, pick(r, ["retail", "premier", "smb", "private"])))
        if i < n - 1:
            d.add("\n")
    return Probe(d, "crm-export", "en")


def chat_card(r):
    d = Doc()
    v = r.randint(0, 2)
    agent = na.first_name(r, "en")
    if v == 0:
        c = ci.card(r, pick(r, ["visa", "mastercard", "mastercard2", "discover"]))
        fill("[09:%02d] Customer: hi, my old card got cancelled. new card number is <<CARD|c>>, "
             "expiry %02d/%02d\n[09:%02d] Agent <<PERSON|a>>: Thanks. For your security please never "
             "send the CVV in chat. The card ending in <<l4>> is now your default payment method.\n"
             "[09:%02d] Customer: great thx" % (r.randint(0, 50), r.randint(1, 12), r.randint(26, 31),
                                                 r.randint(51, 55), r.randint(56, 59)),
             d, c=c, a=agent, l4=c.replace(" ", "").replace("-", "")[-4:])
    elif v == 1:
        c = ci.card(r, "amex")
        nm = en_name(r).upper()
        fill("User: can you charge the renewal premium to my amex instead? <<CARD|c>> "
             "name on card <<PERSON|n>>, exp %02d/%d\nAgent: Done, the premium of $%d.%02d "
             "will be charged on the 1st." % (r.randint(1, 12), r.randint(2026, 2030),
                                              r.randint(200, 1900), r.randint(0, 99)),
             d, c=c, n=nm)
    else:
        c = ci.card(r, pick(r, ["jcb", "diners", "visa"]), style="plain")
        fill("customer: ok here it is <<CARD|c>>\n<<PERSON|a>> (support): I've removed your message "
             "because it contained a full card number. Please use the secure payment link instead.",
             d, c=c, a=agent)
    return Probe(d, "chat", "en")


def email_signature(r):
    d = Doc()
    c = pick(r, ["US", "GB", "IE", "AU", "CA"])
    cust_first = na.first_name(r, "en")
    me = en_name(r, middle=r.random() < 0.3)
    claim = "CLM-%d-%06d" % (r.randint(2022, 2025), r.randint(1, 999999))
    body = pick(r, [
        "Thanks for sending the photos. We still need the repair estimate before we can close the file. "
        "You can reply to this message or call me directly.",
        "I have attached the settlement letter. Please sign page 3 and return it within 14 days.",
        "Your adjuster visit is confirmed for Thursday between 9 and 11 am. Please make sure the "
        "damaged area is accessible.",
    ])
    fill("Subject: Re: claim <<cl>> - next steps\n\nHi <<PERSON|cf>>,\n\n<<b>>\n\nBest regards,\n"
         "<<PERSON|me>>\nClaims Adjuster | Northwind Mutual Insurance\nDirect: <<PHONE|p1>> | "
         "Mobile: <<PHONE|p2>>\n<<EMAIL|e>>",
         d, cl=claim, cf=cust_first, b=body, me=me,
         p1=ph.phone_s(r, c, ext=r.random() < 0.4) if c in ("US", "CA", "GB") else ph.phone_s(r, c),
         p2=ph.phone_s(r, c, mobile=True) if c not in ("US", "CA") else ph.phone_s(r, c),
         e=na.email_for(r, me, domain="northwind-mutual.example.com"))
    return Probe(d, "email", "en")


def kyc_form(r):
    d = Doc()
    name = en_name(r, middle=r.random() < 0.4)
    city, pc = pick(r, na.CITY["US"])
    dob = na.fmt_date(r, na.birth_date(r), "en")
    fill("ACCOUNT OPENING - PERSONAL DETAILS\nFull legal name: <<PERSON|n>>\nDate of birth: <<DOB|dob>>\n"
         "Social Security Number: <<SSN|s>>\nResidential address: <<STREET|st>>\n"
         "                     <<cl>>\nMobile phone: <<PHONE|p>>\nEmail: <<EMAIL|e>>\n"
         "Employer: Contoso Logistics LLC\nAnnual income band: 75,000-99,999\nSource of funds: salary",
         d, n=name, dob=dob, s=ci.ssn(r), st=na.street(r, "US"), cl="%s %s" % (city, pc),
         p=ph.phone_s(r, "US"), e=na.email_for(r, name))
    return Probe(d, "form", "en")


def access_log(r):
    d = Doc()
    lines = r.randint(2, 4)
    for i in range(lines):
        kind = r.random()
        ip = ci.ipv4(r) if kind < 0.65 else ci.ipv6(r, pick(r, ["compressed", "full"]))
        day = r.randint(1, 28)
        d.span("IP", ip)
        path = pick(r, ["/api/v2/accounts/%d/statements?format=pdf" % r.randint(10000, 99999),
                        "/login", "/claims/upload", "/static/app.4f3a91c2.js",
                        "/api/v1/policies/%d" % r.randint(100000, 999999)])
        ua = pick(r, ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
                      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15",
                      "okhttp/4.12.0", "python-requests/2.31.0", "curl/8.4.0"])
        d.add(' - - [%02d/%s/2024:%02d:%02d:%02d +0000] "%s %s HTTP/1.1" %d %d "-" "%s"' % (
            day, pick(r, MON3), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59),
            pick(r, ["GET", "GET", "POST"]), path, pick(r, [200, 200, 302, 401, 404]),
            r.randint(200, 90000), ua))
        if i < lines - 1:
            d.add("\n")
    return Probe(d, "log", "en")


def json_customer(r):
    d = Doc()
    c = pick(r, ["US", "US", "GB", "CA"])
    name = en_name(r)
    city, pc = pick(r, na.CITY[c])
    _, e164 = ph.phone(r, c)
    pretty = r.random() < 0.5
    nl, ind = ("\n", "  ") if pretty else ("", "")
    fill('{' + nl + ind + '"customer": {' + nl +
         ind * 2 + '"id": "cus_<<cid>>",' + nl +
         ind * 2 + '"name": "<<PERSON|n>>",' + nl +
         ind * 2 + '"email": "<<EMAIL|e>>",' + nl +
         ind * 2 + '"birthDate": "<<DOB|b>>",' + nl +
         ind * 2 + '"phone": "<<PHONE|p>>",' + nl +
         ind * 2 + '"billing": {"line1": "<<STREET|s>>", "city": "<<city>>", "postal_code": "<<pc>>", "country": "<<c>>"},' + nl +
         ind * 2 + '"card": {"number": "<<CARD|k>>", "exp_month": <<em>>, "exp_year": <<ey>>, "brand": "<<br>>"},' + nl +
         ind * 2 + '"created": "2024-0<<cm>>-1<<cd>>T08:1<<cd>>:00Z"' + nl + ind + '}' + nl + '}',
         d, cid="".join(pick(r, "abcdef0123456789") for _ in range(14)), n=name,
         e=na.email_for(r, name), b=iso(na.birth_date(r)), p=e164, s=na.street(r, c),
         city=city, pc=pc, c=c, k=ci.card(r, (brand := pick(r, ["visa", "mastercard2", "amex"])), style="plain"),
         em=str(r.randint(1, 12)), ey=str(r.randint(2026, 2031)),
         br={"visa": "visa", "mastercard2": "mastercard", "amex": "amex"}[brand],
         cm=str(r.randint(1, 9)), cd=str(r.randint(0, 9)))
    return Probe(d, "json-api", "en")


def medical_intake(r):
    d = Doc()
    c = pick(r, ["US", "US", "GB", "IE"])
    pat = en_name(r)
    adm = rand_date(r, 2023, 2025)
    ecg = r.randint(0, 1)
    fill("PATIENT INTAKE - Emergency Department\nName: <<PERSON|p>>    DOB: <<DOB|dob>>    MRN: <<mrn>>\n"
         "Admitted: <<adm>> <<hh>>:<<mm>>   Triage: ESI <<esi>>\nPrimary care physician: Dr. <<PERSON|gp>>\n"
         "Emergency contact: <<PERSON|ec>> (<<rel>>) <<PHONE|ecp>>\nAllergies: <<al>>. Hx: <<hx>>.\n"
         "Presenting complaint: <<pc>>",
         d, p=pat, dob=na.fmt_date(r, na.birth_date(r), dlang(c)), mrn=digits(r, 8),
         adm=iso(adm), hh="%02d" % r.randint(0, 23), mm="%02d" % r.randint(0, 59),
         esi=str(r.randint(2, 4)), gp=en_name(r), ec=en_name(r, gender=ecg),
         rel=pick(r, ["spouse", "partner", ["son", "father", "brother"][r.randint(0, 2)] if ecg == 0
                      else ["daughter", "mother", "sister"][r.randint(0, 2)]]), ecp=ph.phone_s(r, c),
         al=pick(r, ["penicillin", "NKDA", "latex, sulfa drugs"]),
         hx=pick(r, ["Crohn's disease", "type 2 diabetes, hypertension", "Hodgkin lymphoma in remission",
                     "early-onset Parkinson's disease", "asthma"]),
         pc=pick(r, ["chest pain radiating to left arm, onset 2 h", "fall from ladder, left wrist deformity",
                     "shortness of breath, SpO2 91% on room air", "abdominal pain RLQ, fever 38.6 C"]))
    return Probe(d, "medical-intake", "en")


def hr_csv(r):
    d = Doc()
    d.add(pick(r, ["emp_id,full_name,date_of_birth,ssn,hire_date,department\n",
                   "EmployeeID;Name;DOB;SSN;StartDate;CostCenter\n"]))
    sep = "," if d.buf[0].startswith("emp_id") else ";"
    n = r.randint(2, 3)
    for i in range(n):
        d.add("E%05d%s" % (r.randint(1, 99999), sep))
        d.span("PERSON", en_name(r))
        d.add(sep)
        bd = rand_date(r, 1958, 2000)
        d.span("DOB", iso(bd) if sep == "," else "%02d/%02d/%04d" % (bd[1], bd[2], bd[0]))
        d.add(sep)
        d.span("SSN", ci.ssn(r, pick(r, ["dash", "dash", "plain"])))
        hd = rand_date(r, max(bd[0] + 20, 2005), 2024)
        d.add(sep + (iso(hd) if sep == "," else "%02d/%02d/%04d" % (hd[1], hd[2], hd[0])) + sep +
              pick(r, ["Claims", "Underwriting", "IT Ops", "Finance", "Nursing"]))
        if i < n - 1:
            d.add("\n")
    return Probe(d, "hr-csv", "en")


def invoice_en(r):
    d = Doc()
    c = pick(r, ["GB", "IE"])
    city, pc = pick(r, na.CITY[c])
    idate = rand_date(r, 2024, 2025)
    fill("INVOICE INV-<<y>>-<<no>>\nInvoice date: <<idt>>    Payment due: 30 days\n\nBill to:\n<<PERSON|n>>\n"
         "<<STREET|s>>\n<<city>> <<pc>>\n\nDescription                     Qty   Amount\n"
         "Boiler service (annual)           1   GBP 95.00\nReplacement valve kit             2   GBP 38.50\n"
         "Total due                             GBP 172.00\n\nPlease pay by bank transfer to Harbour Heating Ltd\n"
         "IBAN: <<IBAN|ib>>\nBIC: <<bic>>\nVAT reg. no. GB <<vat>>",
         d, y=str(idate[0]), no=digits(r, 5), idt=na.fmt_date(r, idate, "en-gb", 0), n=en_name(r),
         s=na.street(r, c), city=city, pc=pc,
         ib=ci.iban_fmt(ci.iban(r, c), grouped=r.random() < 0.7),
         bic="NWBKGB2L" if c == "GB" else "BOFIIE2D",
         vat="%s %s %s" % (digits(r, 3, True), digits(r, 4), digits(r, 2)))
    return Probe(d, "invoice", "en")


def ocr_statement(r):
    d = Doc()
    name = en_name(r)
    c = pick(r, ["US", "GB"])
    city, pc = pick(r, na.CITY[c])
    fill("F1RST C0ASTAL BANK  .  M0NTHLY STATEMENT\nPag e 1 of 3\n\nAcc0unt h0lder: <<PERSON|n>>\n"
         "<<STREET|s>>\n<<city>>  <<pc>>\n\nStatement peri0d: 0l Feb 2024 - 29 Feb 2024\n"
         "Card no. <<CARD|k>>   Credit limit 5,000.00\nOpening balance ....... 1,204.77\n"
         "Payments rec'd ......... -1,204.77\nC1osing balance ....... 842.19\n"
         "Questi0ns? Call <<PHONE|p>> (24h)",
         d, n=name if r.random() < 0.5 else name.upper(), s=na.street(r, c), city=city, pc=pc,
         k=ci.card(r, pick(r, ["visa", "mastercard"]), style="space"), p=ph.phone_s(r, c))
    return Probe(d, "ocr", "en")


def md_patients(r):
    d = Doc()
    cols = pick(r, [("Patient", "Date of birth", "Ward", "Admitted"),
                    ("Name", "DOB", "Bed", "Admission date")])
    d.add("| %s | %s | %s | %s |\n|---|---|---|---|\n" % cols)
    n = r.randint(2, 4)
    for i in range(n):
        d.add("| ")
        d.span("PERSON", en_name(r))
        d.add(" | ")
        d.span("DOB", na.fmt_date(r, na.birth_date(r), "en", pick(r, [0, 3])))
        d.add(" | %s | %s |" % (pick(r, ["4B", "ICU-2", "7 North", "Maternity 3", "12"]),
                               iso(rand_date(r, 2024, 2025))))
        if i < n - 1:
            d.add("\n")
    return Probe(d, "markdown-table", "en")


def support_ip(r):
    d = Doc()
    fill("Ticket #<<t>>: customer <<PERSON|n>> reports repeated MFA prompts she did not trigger. "
         "Sign-in log shows attempts from <<IP|a>> and <<IP|b>> within 4 minutes. "
         "Our VPN egress range <<cidr>> is allow-listed, so those are external. "
         "Recommend forced password reset and device review.",
         d, t=digits(r, 6, True), n=en_name(r, gender=1), a=ci.ipv4(r, "doc"),
         b=ci.ipv6(r, "compressed") if r.random() < 0.6 else ci.ipv4(r, "doc"),
         cidr=pick(r, ["198.51.100.0/24", "10.64.0.0/16", "192.0.2.0/25"]))
    return Probe(d, "support-ticket", "en")


def wire_request(r):
    d = Doc()
    cc = pick(r, ["DE", "FR", "ES", "IT", "NL", "PT", "PL", "SE", "BE", "CH", "AT", "DK", "LU"])
    lang = {"DE": "de", "AT": "de", "CH": "de", "FR": "fr", "BE": "fr", "LU": "fr", "ES": "es",
            "IT": "it", "NL": "nl", "PT": "pt", "PL": "pl", "SE": "sv", "DK": "sv"}[cc]
    ben = na.person(r, lang)
    me = en_name(r)
    fill("Hi team,\n\nplease wire EUR <<amt>> to the contractor below before Friday:\n"
         "Beneficiary: <<PERSON|b>>\nIBAN: <<IBAN|i>>\nBIC: <<bic>>\nReference: PO-<<po>>\n\n"
         "Thanks,\n<<PERSON|me>>",
         d, amt="%d,%03d.00" % (r.randint(1, 48), r.randint(0, 999)), b=ben,
         i=ci.iban_fmt(ci.iban(r, cc), grouped=r.random() < 0.6), bic=ci.BIC_BY_CC[cc],
         po=digits(r, 7, True), me=me.split()[0] if r.random() < 0.5 else me)
    return Probe(d, "email", "en")


def sql_insert(r):
    d = Doc()
    d.add("INSERT INTO patients (mrn, full_name, dob, phone, email) VALUES\n")
    n = r.randint(2, 3)
    for i in range(n):
        name = en_name(r)
        d.add("  (%d, '" % r.randint(100000, 999999))
        d.span("PERSON", name)
        d.add("', '")
        d.span("DOB", iso(na.birth_date(r)))
        d.add("', '")
        d.span("PHONE", ph.phone_s(r, "US"))
        d.add("', ")
        if r.random() < 0.8:
            d.add("'")
            d.span("EMAIL", na.email_for(r, name))
            d.add("'")
        else:
            d.add("NULL")
        d.add(")" + (",\n" if i < n - 1 else ";"))
    return Probe(d, "sql", "en")


def xml_patient(r):
    d = Doc()
    c = pick(r, ["US", "GB"])
    city, pc = pick(r, na.CITY[c])
    fill('<Patient xmlns="http://hl7.org/fhir">\n  <id value="pat-<<pid>>"/>\n  <name><text value="<<PERSON|n>>"/></name>\n'
         '  <gender value="<<g>>"/>\n  <birthDate value="<<DOB|b>>"/>\n'
         '  <telecom><system value="phone"/><value value="<<PHONE|p>>"/></telecom>\n'
         '  <telecom><system value="email"/><value value="<<EMAIL|e>>"/></telecom>\n'
         '  <address><line value="<<STREET|s>>"/><city value="<<city>>"/><postalCode value="<<pc>>"/></address>\n'
         '  <meta><versionId value="3"/><lastUpdated value="2024-0<<m>>-02T10:00:00Z"/></meta>\n</Patient>',
         d, pid=digits(r, 5), n=(name := en_name(r)), g=pick(r, ["female", "male"]),
         b=iso(na.birth_date(r)), p=ph.phone_s(r, c), e=na.email_for(r, name), s=na.street(r, c),
         city=city, pc=pc, m=str(r.randint(1, 9)))
    return Probe(d, "xml", "en")


def card_disputes(r):
    d = Doc()
    v = r.randint(0, 1)
    n = r.randint(2, 3)
    if v == 0:
        d.add("dispute_id,card_number,amount,currency,reason_code,opened\n")
        for i in range(n):
            d.add("DSP-%s," % digits(r, 7))
            d.span("CARD", ci.card(r, pick(r, ci.CARD_BRANDS), style=pick(r, ["plain", "dash"])))
            d.add(",%d.%02d,%s,%s,%s" % (r.randint(5, 3000), r.randint(0, 99), pick(r, ["USD", "EUR", "GBP"]),
                                         pick(r, ["10.4", "13.1", "4837", "4853"]), iso(rand_date(r, 2024, 2025))))
            if i < n - 1:
                d.add("\n")
        return Probe(d, "crm-export", "en")
    d.add('{"batch": "%s", "tokenize": [' % digits(r, 6))
    for i in range(n):
        d.add('{"pan": "')
        d.span("CARD", ci.card(r, pick(r, ci.CARD_BRANDS), style="plain"))
        d.add('", "ref": "%s"}' % ci.luhn_fail_16(r, first=pick(r, ["1", "8", "9"]))[:12])
        if i < n - 1:
            d.add(", ")
    d.add("]}")
    return Probe(d, "json-api", "en")
