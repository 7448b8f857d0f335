#!/usr/bin/env python3
"""Seeded generator for the held-out PII probe set 4 (pii-probe-4.jsonl).

Standard library only.  `python3 gen.py` rewrites pii-probe-4.jsonl
deterministically (seed below) and prints counts per type / language.
All values are synthetic: reserved domains, fictional phone ranges where a
country reserves one, random card / IBAN bodies with computed check digits,
random SSNs in valid ranges.  Written for the Trustgate project, Apache-2.0.
"""
import json
import os
import re
import sys
import uuid
from collections import Counter
import random

SEED = 20261127
R = random.Random(SEED)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pii-probe-4.jsonl")

EMAIL, PHONE, CARD, IBAN, SSN, IP, DOB = ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD",
                                          "IBAN_CODE", "US_SSN", "IP_ADDRESS", "DATE_OF_BIRTH")
KIND2TYPE = {"email": EMAIL, "phone": PHONE, "card": CARD, "iban": IBAN, "ssn": SSN, "ip": IP, "dob": DOB}


def ch(x):
    return R.choice(x) if isinstance(x, (list, tuple)) else x


def d(n):
    return "".join(R.choice("0123456789") for _ in range(n))


def nz(n):
    return str(R.randint(1, 9)) + d(n - 1)


# ---------------------------------------------------------------- segments
def seg(t, s):
    return [(t, s)]


def plain(s):
    return [(None, s)]


def render(tpl, X):
    out = []
    parts = tpl.split("[[X]]")
    for i, p in enumerate(parts):
        if p:
            out.append((None, p))
        if i < len(parts) - 1:
            out.extend(X)
    return out


def finish(segs):
    text, spans, pos = [], [], 0
    for t, s in segs:
        if t is not None:
            spans.append({"type": t, "start": pos, "end": pos + len(s)})
        text.append(s)
        pos += len(s)
    return "".join(text), spans


def map_plain(segs, f):
    return [(t, s if t is not None else f(s)) for t, s in segs]


# ---------------------------------------------------------------- checksums
def luhn_digit(body):
    s = 0
    for i, c in enumerate(reversed(body)):
        n = int(c)
        if i % 2 == 0:
            n *= 2
            if n > 9:
                n -= 9
        s += n
    return str((10 - s % 10) % 10)


def luhn_ok(num):
    s = 0
    for i, c in enumerate(reversed(num)):
        n = int(c)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        s += n
    return s % 10 == 0


def group(s, sizes, sep):
    out, i = [], 0
    for z in sizes:
        if i >= len(s):
            break
        out.append(s[i:i + z])
        i += z
    if i < len(s):
        out.append(s[i:])
    return sep.join(out)


BRANDS = {
    "visa": (lambda: "4", 16), "mc": (lambda: ch(["51", "52", "53", "54", "55"]), 16),
    "mc2": (lambda: str(R.randint(2221, 2720)), 16), "amex": (lambda: ch(["34", "37"]), 15),
    "discover": (lambda: ch(["6011", "65", "644", "649"]), 16), "jcb": (lambda: str(R.randint(3528, 3589)), 16),
    "diners": (lambda: ch(["36", "300", "305", "38"]), 14), "maestro": (lambda: ch(["6759", "5018", "5020", "6304"]), ch([16, 19])),
}


BRAND_W = {"visa": 4, "mc": 2, "mc2": 1.5, "amex": 1.5, "discover": 1, "jcb": 1, "diners": 1, "maestro": 1}


def card_number(brand=None, valid=True):
    brand = brand or R.choices(list(BRAND_W), list(BRAND_W.values()))[0]
    pf, ln = BRANDS[brand]
    p = pf()
    ln = ln if isinstance(ln, int) else ln
    body = p + d(ln - len(p) - 1)
    c = luhn_digit(body)
    if not valid:
        c = str((int(c) + R.randint(1, 9)) % 10)
    num = body + c
    sep = R.choices([" ", "", "-"], [5, 3, 2])[0]
    if brand == "amex":
        return group(num, [4, 6, 5], sep), num
    if brand == "diners":
        return group(num, ch([[4, 6, 4], [4, 4, 4, 2]]), sep), num
    return group(num, [4, 4, 4, 4, 4], sep), num


IBAN_SPEC = {"DE": "n18", "FR": "n10c11n2", "ES": "n20", "IT": "a1n10c12", "NL": "a4n10", "PT": "n21",
             "PL": "n24", "SE": "n20", "DK": "n14", "NO": "n11", "FI": "n14", "CZ": "n20", "GR": "n7c16",
             "TR": "n5n1c16", "GB": "a4n14", "BE": "n12", "AT": "n16", "CH": "n5c12", "IE": "a4n14"}
IBAN_LEN = {"DE": 22, "FR": 27, "ES": 24, "IT": 27, "NL": 18, "PT": 25, "PL": 28, "SE": 24, "DK": 18, "NO": 15,
            "FI": 18, "CZ": 24, "GR": 27, "TR": 26, "GB": 22, "BE": 16, "AT": 20, "CH": 21, "IE": 22}
NL_BANKS = ["ABNA", "INGB", "RABO", "TRIO", "SNSB", "KNAB"]
GB_BANKS = ["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]
IE_BANKS = ["AIBK", "BOFI"]


def iban_mod(s):
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97


def iban(cc=None, valid=True):
    cc = cc or ch(list(IBAN_SPEC))
    bban = ""
    for kind, n in re.findall(r"([nac])(\d+)", IBAN_SPEC[cc]):
        n = int(n)
        if kind == "n":
            bban += d(n)
        elif kind == "a":
            if cc == "NL" and n == 4:
                bban += ch(NL_BANKS)
            elif cc == "GB":
                bban += ch(GB_BANKS)
            elif cc == "IE":
                bban += ch(IE_BANKS)
            else:
                bban += "".join(R.choice("ABCDEFGHIJKLMNOPRSTUVZ") for _ in range(n))
        else:
            bban += "".join(R.choice("0123456789" * 3 + "ABCDEFGHKLMNPRSTX") for _ in range(n))
    chk = 98 - iban_mod(cc + "00" + bban)
    if not valid:
        chk = (chk + R.randint(1, 90)) % 97 + 2
        while iban_mod(cc + "%02d" % chk + bban) == 1:
            chk = (chk + 1) % 97 + 2
    s = cc + "%02d" % chk + bban
    assert len(s) == IBAN_LEN[cc]
    return s


def fmt_iban(s):
    r = R.random()
    out = group(s, [4] * 9, " ") if r < 0.6 else s
    return out


def ssn():
    while True:
        a = R.randint(1, 899)
        if a != 666:
            break
    g, s = R.randint(1, 99), R.randint(1, 9999)
    return "%03d" % a, "%02d" % g, "%04d" % s


def ssn_str(cue=True):
    a, g, s = ssn()
    f = R.choices(["-", " ", ""], [6, 2, 2 if cue else 0])[0]
    return a + f + g + f + s


def isbn13():
    body = "978" + ch(["3", "0", "2", "84", "88", "90"]) + d(12 - 3 - 1)
    body = body[:12]
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    c = str((10 - s % 10) % 10)
    return body[:3] + "-" + body[3] + "-" + body[4:7] + "-" + body[7:12] + "-" + c


# ---------------------------------------------------------------- phones
AU_MOB = ["0491 570 006", "0491 570 156", "0491 570 157", "0491 570 158", "0491 570 159", "0491 570 110",
          "0491 570 313", "0491 570 737", "0491 571 266", "0491 571 491", "0491 571 804", "0491 572 549"]


def _us():
    a = ch(["212", "415", "312", "617", "206", "303", "512", "646", "305"])
    x = "01" + d(2)
    return ch([f"({a}) 555-{x}", f"+1 {a}-555-{x}", f"{a}.555.{x}", f"1-{a}-555-{x}", f"+1 ({a}) 555 {x}", f"{a}-555-{x}", f"+1{a}555{x}"])


PHONES = {
    "US": _us,
    "UK": lambda: ch(["07700 900" + d(3), "+44 7700 900" + d(3), "+44 (0)7700 900" + d(3), "020 7946 0" + d(3),
                      "+44 20 7946 0" + d(3), "0113 496 0" + d(3), "0044 161 496 0" + d(3), "(020) 7946 0" + d(3)]),
    "DE": lambda: ch(["030 23125" + d(3), "+49 30 23125" + d(3), "+49 (0)69 90009" + d(3), "040/66969" + d(3),
                      "0049 89 99998" + d(3), "0151 " + d(8), "+49 171 " + d(7), "(0221) 4710" + d(3), "0176-" + d(8)]),
    "AT": lambda: ch(["+43 664 " + d(7), "0664/" + d(3) + " " + d(2) + " " + d(2), "+43 (0)1 " + d(3) + " " + d(4)]),
    "CH": lambda: ch(["+41 79 %s %s %s" % (d(3), d(2), d(2)), "044 %s %s %s" % (d(3), d(2), d(2)), "0041 76 %s %s %s" % (d(3), d(2), d(2))]),
    "FR": lambda: ch(["01 99 00 %s %s" % (d(2), d(2)), "+33 1 99 00 %s %s" % (d(2), d(2)), "06 39 98 %s %s" % (d(2), d(2)),
                      "+33 (0)6 39 98 %s %s" % (d(2), d(2)), "06.39.98.%s.%s" % (d(2), d(2)), "0033 6 39 98 %s %s" % (d(2), d(2)), "0639 98%s%s" % (d(2), d(2))]),
    "BE": lambda: ch(["+32 470 %s %s %s" % (d(2), d(2), d(2)), "0470/%s.%s.%s" % (d(2), d(2), d(2)), "02 %s %s %s" % (d(3), d(2), d(2))]),
    "ES": lambda: ch(["+34 6%s %s %s" % (d(2), d(3), d(3)), "91 %s %s %s" % (d(3), d(2), d(2)), "+34 91 %s %s %s" % (d(3), d(2), d(2)), "6%s-%s-%s" % (d(2), d(3), d(3)), "0034 7%s %s %s" % (d(2), d(3), d(3))]),
    "IT": lambda: ch(["+39 3%s %s %s" % (d(2), d(3), d(4)), "06 %s %s" % (d(4), d(4)), "+39 02 %s %s" % (d(4), d(4)), "3%s/%s" % (d(2), d(7)), "338.%s.%s" % (d(3), d(4))]),
    "NL": lambda: ch(["06-" + d(8), "+31 6 %s %s" % (d(4), d(4)), "+31 (0)20 %s %s" % (d(3), d(4)), "020-%s %s" % (d(3), d(4)), "0031 10 %s %s" % (d(3), d(4))]),
    "PT": lambda: ch(["+351 9%s %s %s" % (d(2), d(3), d(3)), "21%s %s %s" % (d(1), d(3), d(3)), "9%s %s %s" % (d(2), d(3), d(3)), "00351 91%s%s" % (d(3), d(4))]),
    "PL": lambda: ch(["+48 5%s %s %s" % (d(2), d(3), d(3)), "5%s-%s-%s" % (d(2), d(3), d(3)), "(22) %s %s %s" % (d(3), d(2), d(2)), "+48 22 %s %s %s" % (d(3), d(2), d(2)), "0048 60%s %s %s" % (d(1), d(3), d(3))]),
    "SE": lambda: ch(["070-%s %s %s" % (d(3), d(2), d(2)), "+46 70 %s %s %s" % (d(3), d(2), d(2)), "08-%s %s %s" % (d(3), d(3), d(2)), "+46 (0)8 %s %s %s" % (d(3), d(3), d(2)), "073 %s %s %s" % (d(3), d(2), d(2))]),
    "DK": lambda: ch(["+45 %s %s %s %s" % (nz(2), d(2), d(2), d(2)), "+45 %s %s" % (nz(4), d(4)), "0045 %s" % nz(8)]),
    "NO": lambda: ch(["+47 4%s %s %s" % (d(2), d(2), d(3)), "4%s %s %s" % (d(2), d(2), d(3)), "+47 22 %s %s %s" % (d(2), d(2), d(2)), "9%s %s %s" % (d(2), d(2), d(3))]),
    "FI": lambda: ch(["040 %s %s" % (d(3), d(4)), "+358 40 %s %s" % (d(3), d(4)), "+358 (0)9 %s %s" % (d(3), d(4)), "09-%s %s" % (d(3), d(4)), "050-%s" % d(7)]),
    "CZ": lambda: ch(["+420 6%s %s %s" % (d(2), d(3), d(3)), "7%s %s %s" % (d(2), d(3), d(3)), "00420 2%s %s %s" % (d(2), d(3), d(3)), "+420 777 %s %s" % (d(3), d(3))]),
    "GR": lambda: ch(["+30 69%s %s %s" % (d(1), d(3), d(4)), "21%s %s %s" % (d(1), d(3), d(4)), "+30 210 %s %s" % (d(3), d(4)), "0030 694 %s %s" % (d(3), d(4))]),
    "TR": lambda: ch(["0(5%s) %s %s %s" % (d(2), d(3), d(2), d(2)), "+90 5%s %s %s %s" % (d(2), d(3), d(2), d(2)), "0212 %s %s %s" % (d(3), d(2), d(2)), "+90 (212) %s %s %s" % (d(3), d(2), d(2)), "05%s %s %s %s" % (d(2), d(3), d(2), d(2))]),
    "AU": lambda: ch([ch(AU_MOB), "+61 " + ch(AU_MOB)[1:], "(02) 5550 " + d(4), "+61 3 7010 " + d(4)]),
    "IE": lambda: ch(["+353 87 %s %s" % (d(3), d(4)), "087 %s %s" % (d(3), d(4)), "(01) %s %s" % (d(3), d(4))]),
}

# ---------------------------------------------------------------- dates
def rdate(y0=1938, y1=2006):
    y = R.randint(y0, y1)
    m = R.randint(1, 12)
    dd = R.randint(1, 28)
    return y, m, dd


def fmt_date(lang, y, m, dd, fmts=None):
    L = LANGS[lang]
    f = ch(fmts or L["dfmt"])
    M = L["months"][m - 1]
    Mab = M[:3] if lang == "en" else M
    return f.format(d=dd, dd="%02d" % dd, m=m, mm="%02d" % m, M=M, Mab=Mab, y=y, yy="%02d" % (y % 100))


# ---------------------------------------------------------------- languages
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

LANGS = {
 "en": dict(
  lab=dict(phone=["Phone", "Mobile", "Cell", "Tel", "Contact number", "Home phone"], email=["Email", "E-mail", "Work email", "Contact email"],
           dob=["Date of birth", "DOB", "D.O.B.", "Birth date", "Date of Birth"], iban=["IBAN", "Payout IBAN", "Bank account (IBAN)"],
           card=["Card number", "Card", "PAN", "Credit card"], ip=["IP address", "Client IP", "Source IP", "Last login IP"],
           ssn=["SSN", "Social Security No.", "Social Security Number"], name=["Name", "Full name", "Applicant", "Patient"], addr=["Address", "Home address", "Mailing address"],
           order=["Order no.", "Order #", "Order ID"], invoice=["Invoice", "Invoice no."], tracking=["Tracking number", "Tracking"], policy=["Policy number", "Policy #"],
           ref=["Ref.", "Reference", "Case ref"], appt=["Appointment", "Next visit", "Follow-up"], other_date=["Date of loss", "Start date", "Issue date", "Claim received", "Hire date"],
           amount=["Amount", "Loan amount", "Claim amount"], customer=["Customer ID", "Member ID", "Account no."], vat=["VAT ID"], bic=["BIC/SWIFT", "SWIFT"], masked=["Card on file", "Payment method"],
           case=["Case", "Ticket"]),
  s=dict(phone=["You can reach me on [[X]] after 5pm.", "My new cell is [[X]], please update the file.", "Call back number: [[X]]", "Best number to reach the claimant is [[X]].", "Please ring me at [[X]] tomorrow morning."],
         email=["Please send the documents to [[X]].", "My email changed to [[X]], the old one is closed.", "cc [[X]] on the reply please", "Statements should go to [[X]] from now on."],
         iban=["Please refund to my account [[X]].", "Beneficiary IBAN: [[X]]", "The payout should go to [[X]] (my EU account)."],
         card=["I was charged twice on my card [[X]].", "The card [[X]] exp 09/28 was declined at checkout.", "Charge it to [[X]] please."],
         ssn=["My SSN is [[X]] for the background check.", "SSN [[X]] was entered on the W-4.", "Social security number: [[X]] (verified against card)."],
         ip=["The login came from [[X]], which wasn't me.", "Our office egress IP is [[X]], please whitelist it.", "Request originated from [[X]]."],
         dob=["I was born on [[X]].", "The insured's date of birth is [[X]].", "Patient is a male, DOB [[X]], presenting with chest pain.", "Applicant (born [[X]]) is a first-time borrower."],
         order=["Your order [[X]] has shipped.", "This is about order [[X]]."], appt=["Your appointment is confirmed for [[X]] at 10:30.", "Follow-up scheduled on [[X]]."],
         ref=["Please quote [[X]] in all correspondence.", "Ref. [[X]]"], tracking=["Tracking: [[X]]"], masked=["Paid with [[X]]."],
         badiban=["The IBAN you gave, [[X]], fails validation — please re-check it."], other_date=["The incident occurred on [[X]].", "Employment started on [[X]]."]),
  hello=["Hi", "Hello", "Good morning", "hey"], bye=["Thanks", "Kind regards", "Best", "Cheers"],
  agent=["Thanks, I've noted that.", "One moment while I check.", "Is there anything else I can help with?", "I've updated your profile."],
  who=("Customer", "Agent"), titles=dict(claim="Claim form", loan="Loan application", hr="Employee record", clinic="Clinic intake", kyc="KYC checklist"),
  clinic=["CC: headache x3 days, no fever.", "Allergies: penicillin.", "Meds: lisinopril 10mg daily.", "Hx: asthma since childhood."],
  kyc=["ID document checked", "Proof of address received", "PEP/sanctions screening clear", "Source of funds explained"],
  names=["John Carter", "Emily Nguyen", "Robert Ellis", "Sarah O'Connor", "Michael Brooks", "Priya Patel"],
  addrs=["42 Elm Street, Springfield, IL 62704", "Flat 3, 18 Kingsway, London WC2B 6XX", "7 Harbour Rd, Cork"],
  company=["Acme Insurance Ltd.", "Northwind Lending", "Contoso Health"], invalid="invalid",
  months=EN_MONTHS, dfmt=["{mm}/{dd}/{y}", "{dd}/{mm}/{y}", "{M} {d}, {y}", "{d} {M} {y}", "{d} {Mab} {y}", "{y}-{mm}-{dd}", "{Mab}. {d}, {y}", "{dd}-{Mab}-{y}", "{m}/{d}/{yy}"],
  countries=["US", "US", "UK", "UK", "IE", "AU"], ext=["ext. ", "x", "ext ", "Ext. "], dob_keys=["dob", "birth_date", "date_of_birth", "birthDate", "DOB"],
  mail_dom=["example.com", "example.org", "example.net", "mail.example.com", "corp.example.net", "acme.example", "contoso.test"],
  amount=lambda: "$" + "{:,}".format(R.randint(100, 90000)) + "." + d(2)),
 "de": dict(
  lab=dict(phone=["Telefon", "Tel.", "Mobil", "Handynummer"], email=["E-Mail", "E-Mail-Adresse"], dob=["Geburtsdatum", "geb. am"], iban=["IBAN", "Bankverbindung (IBAN)"],
           card=["Kreditkartennummer", "Kartennummer"], ip=["IP-Adresse"], ssn=["US-Sozialversicherungsnummer (SSN)"], name=["Name", "Vor- und Nachname"], addr=["Anschrift", "Adresse"],
           order=["Bestellnummer", "Auftragsnr."], invoice=["Rechnungsnummer"], tracking=["Sendungsnummer"], policy=["Versicherungsscheinnummer", "Policennr."],
           ref=["Aktenzeichen", "Vorgangsnummer"], appt=["Termin", "Nächster Termin"], other_date=["Schadensdatum", "Eintrittsdatum", "Antragsdatum"], amount=["Betrag", "Kreditsumme"],
           customer=["Kundennummer"], vat=["USt-IdNr."], bic=["BIC"], masked=["Zahlungsmittel"], case=["Fallnummer"]),
  s=dict(phone=["Meine neue Handynummer ist [[X]], bitte im Kundenkonto ändern.", "Sie erreichen mich tagsüber unter [[X]].", "Rückruf bitte unter [[X]]."],
         email=["Bitte schicken Sie die Unterlagen an [[X]].", "Meine E-Mail-Adresse lautet jetzt [[X]]."],
         iban=["Die Erstattung bitte auf mein Konto [[X]] überweisen.", "Neue Bankverbindung: IBAN [[X]]"], card=["Von meiner Kreditkarte [[X]] wurde doppelt abgebucht."],
         ip=["Laut Protokoll kam die Anmeldung von der IP [[X]]."], dob=["Ich bin am [[X]] geboren.", "Versicherungsnehmerin, geboren am [[X]], meldet einen Wasserschaden.", "Pat. (geb. [[X]]) stellt sich mit Rückenschmerzen vor."],
         ssn=["Meine amerikanische Sozialversicherungsnummer (SSN) lautet [[X]]."],
         order=["Ihre Bestellung [[X]] wurde versandt."], appt=["Ihr Termin ist am [[X]] um 10:30 Uhr."], ref=["Bitte geben Sie bei Rückfragen das Aktenzeichen [[X]] an."],
         tracking=["Sendungsnummer: [[X]]"], masked=["Bezahlt mit Karte [[X]]."], badiban=["Die angegebene IBAN [[X]] ist ungültig (Prüfziffer falsch)."], other_date=["Der Schaden trat am [[X]] ein."]),
  hello=["Hallo", "Guten Tag", "Moin"], bye=["Viele Grüße", "Mit freundlichen Grüßen", "Danke"], agent=["Danke, ich habe das notiert.", "Einen Moment bitte, ich prüfe das.", "Kann ich sonst noch helfen?"],
  who=("Kunde", "Service"), titles=dict(claim="Schadensmeldung", loan="Kreditantrag", hr="Personalstammblatt", clinic="Aufnahmebogen", kyc="KYC-Checkliste"),
  clinic=["Anamnese: seit drei Tagen Fieber, kein Husten.", "Allergien: Penicillin."], kyc=["Ausweis geprüft", "Adressnachweis liegt vor", "PEP-Prüfung negativ"],
  names=["Anna Schneider", "Jürgen Weiß", "Petra Hoffmann", "Lukas Becker"], addrs=["Lindenstraße 12, 10115 Berlin", "Am Markt 3, 50667 Köln"],
  company=["Muster Versicherung AG", "Beispielbank eG"], invalid="ungültig",
  months=["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
  dfmt=["{dd}.{mm}.{y}", "{d}. {M} {y}", "{y}-{mm}-{dd}", "{d}.{m}.{yy}", "{dd}.{mm}.{y}"], countries=["DE", "DE", "AT", "CH"], ext=None,
  dob_keys=["Geburtsdatum", "geburtsdatum", "geb_datum"], mail_dom=["web.example", "gmx.example", "beispiel.example", "firma.example.com"],
  amount=lambda: "{:,}".format(R.randint(100, 90000)).replace(",", ".") + "," + d(2) + " €"),
 "fr": dict(
  lab=dict(phone=["Téléphone", "Tél.", "Portable"], email=["E-mail", "Courriel", "Adresse e-mail"], dob=["Date de naissance", "Né(e) le"], iban=["IBAN", "RIB (IBAN)"],
           card=["Numéro de carte", "Carte bancaire"], ip=["Adresse IP"], ssn=["SSN (États-Unis)"], name=["Nom", "Nom et prénom"], addr=["Adresse"],
           order=["N° de commande", "Commande"], invoice=["N° de facture"], tracking=["N° de suivi"], policy=["N° de contrat", "N° de police"], ref=["Réf.", "Référence dossier"],
           appt=["Rendez-vous", "Prochain RDV"], other_date=["Date du sinistre", "Date d'entrée", "Date de la demande"], amount=["Montant"], customer=["N° client"], vat=["N° TVA"], bic=["BIC"],
           masked=["Moyen de paiement"], case=["Dossier"]),
  s=dict(phone=["Mon nouveau numéro de portable est le [[X]], merci de mettre à jour mon dossier.", "Vous pouvez me joindre au [[X]] en journée."],
         email=["Merci d'envoyer les justificatifs à [[X]].", "Mon adresse e-mail a changé : [[X]]"], iban=["Merci de rembourser sur mon compte [[X]].", "Nouveau RIB : IBAN [[X]]"],
         card=["J'ai été débité deux fois sur ma carte [[X]]."], ip=["La connexion venait de l'adresse IP [[X]]."],
         dob=["Je suis né le [[X]].", "Assurée née le [[X]], déclare un dégât des eaux.", "Patiente (née le [[X]]) consulte pour des douleurs lombaires."],
         order=["Votre commande [[X]] a été expédiée."], appt=["Votre rendez-vous est fixé au [[X]] à 10h30."], ref=["Merci de rappeler la référence [[X]]."], tracking=["Suivi colis : [[X]]"],
         masked=["Payé avec la carte [[X]]."], badiban=["L'IBAN indiqué, [[X]], est invalide (clé incorrecte)."], other_date=["Le sinistre a eu lieu le [[X]]."]),
  hello=["Bonjour", "Bonsoir"], bye=["Cordialement", "Merci", "Bien à vous"], agent=["Merci, c'est noté.", "Un instant, je vérifie.", "Puis-je vous aider pour autre chose ?"],
  who=("Client", "Conseiller"), titles=dict(claim="Déclaration de sinistre", loan="Demande de prêt", hr="Fiche salarié", clinic="Fiche d'admission", kyc="Checklist KYC"),
  clinic=["Motif : fièvre depuis 3 jours.", "Allergies : aucune connue."], kyc=["Pièce d'identité vérifiée", "Justificatif de domicile reçu", "Contrôle PPE négatif"],
  names=["Camille Dubois", "Julien Moreau", "Sophie Lefèvre"], addrs=["12 rue des Lilas, 69003 Lyon", "5 avenue Foch, 75116 Paris"], company=["Assurances Exemple SA"], invalid="invalide",
  months=["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
  dfmt=["{dd}/{mm}/{y}", "{d} {M} {y}", "{dd}.{mm}.{y}", "{y}-{mm}-{dd}"], countries=["FR", "FR", "BE", "CH"], ext=["poste "],
  dob_keys=["date_naissance", "date_de_naissance", "dateNaissance"], mail_dom=["orange.example", "exemple.example", "free.test", "societe.example.fr"],
  amount=lambda: "{:,}".format(R.randint(100, 90000)).replace(",", " ") + "," + d(2) + " €"),
 "es": dict(
  lab=dict(phone=["Teléfono", "Móvil", "Tel."], email=["Correo electrónico", "Email"], dob=["Fecha de nacimiento", "F. nac."], iban=["IBAN", "Cuenta (IBAN)"], card=["Número de tarjeta", "Tarjeta"],
           ip=["Dirección IP"], name=["Nombre", "Titular"], addr=["Dirección", "Domicilio"], order=["N.º de pedido", "Pedido"], invoice=["N.º de factura"], tracking=["N.º de seguimiento"],
           policy=["N.º de póliza"], ref=["Ref.", "Expediente"], appt=["Cita", "Próxima cita"], other_date=["Fecha del siniestro", "Fecha de alta", "Fecha de solicitud"], amount=["Importe"],
           customer=["N.º de cliente"], vat=["NIF/CIF"], bic=["BIC"], masked=["Forma de pago"], case=["Caso"]),
  s=dict(phone=["Mi nuevo móvil es el [[X]], por favor actualícenlo.", "Pueden llamarme al [[X]] por la tarde."], email=["Envíen la documentación a [[X]], por favor.", "Mi correo ahora es [[X]]."],
         iban=["Por favor, hagan el reembolso a mi cuenta [[X]].", "Nueva cuenta: IBAN [[X]]"], card=["Me han cobrado dos veces en la tarjeta [[X]]."], ip=["El acceso se hizo desde la IP [[X]]."],
         dob=["Nací el [[X]].", "Asegurada, nacida el [[X]], comunica un siniestro.", "Paciente (fecha de nacimiento [[X]]) acude por dolor lumbar."],
         order=["Su pedido [[X]] ha sido enviado."], appt=["Su cita es el [[X]] a las 10:30."], ref=["Indique la referencia [[X]] en sus respuestas."], tracking=["Seguimiento: [[X]]"],
         masked=["Pagado con la tarjeta [[X]]."], badiban=["El IBAN indicado, [[X]], no es válido (dígito de control incorrecto)."], other_date=["El siniestro ocurrió el [[X]]."]),
  hello=["Hola", "Buenos días"], bye=["Saludos", "Gracias", "Atentamente"], agent=["Gracias, lo he anotado.", "Un momento, lo compruebo.", "¿Puedo ayudarle en algo más?"],
  who=("Cliente", "Agente"), titles=dict(claim="Parte de siniestro", loan="Solicitud de préstamo", hr="Ficha de empleado", clinic="Hoja de ingreso", kyc="Checklist KYC"),
  clinic=["Motivo: fiebre desde hace 3 días.", "Alergias: ninguna conocida."], kyc=["DNI verificado", "Justificante de domicilio recibido", "Control PEP negativo"],
  names=["Lucía García", "Javier Martínez", "Carmen López"], addrs=["Calle Mayor 15, 28013 Madrid", "Av. Diagonal 200, 08018 Barcelona"], company=["Seguros Ejemplo S.A."], invalid="no válido",
  months=["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
  dfmt=["{dd}/{mm}/{y}", "{d} de {M} de {y}", "{dd}-{mm}-{y}", "{d}/{m}/{y}"], countries=["ES"], ext=["ext. "], dob_keys=["fecha_nacimiento", "fechaNacimiento"],
  mail_dom=["correo.example", "ejemplo.example", "empresa.example.com"], amount=lambda: "{:,}".format(R.randint(100, 90000)).replace(",", ".") + "," + d(2) + " €"),
 "it": dict(
  lab=dict(phone=["Telefono", "Cellulare", "Tel."], email=["E-mail", "Posta elettronica"], dob=["Data di nascita", "Nato/a il"], iban=["IBAN", "Conto (IBAN)"], card=["Numero carta", "Carta di credito"],
           ip=["Indirizzo IP"], name=["Nome e cognome"], addr=["Indirizzo", "Residenza"], order=["N. ordine"], invoice=["N. fattura"], tracking=["N. spedizione"], policy=["N. polizza"],
           ref=["Rif.", "Pratica n."], appt=["Appuntamento", "Prossima visita"], other_date=["Data del sinistro", "Data di assunzione", "Data richiesta"], amount=["Importo"],
           customer=["Codice cliente"], vat=["Partita IVA"], bic=["BIC"], masked=["Metodo di pagamento"], case=["Pratica"]),
  s=dict(phone=["Il mio nuovo cellulare è [[X]], per favore aggiornate la scheda.", "Potete chiamarmi al [[X]] dopo le 18."], email=["Inviate i documenti a [[X]], grazie.", "La mia email è cambiata: [[X]]"],
         iban=["Vi prego di rimborsare sul conto [[X]].", "Nuove coordinate: IBAN [[X]]"], card=["Mi è stato addebitato due volte sulla carta [[X]]."], ip=["L'accesso risulta dall'indirizzo IP [[X]]."],
         dob=["Sono nato il [[X]].", "Assicurata, nata il [[X]], denuncia un sinistro.", "Paziente (data di nascita [[X]]) riferisce lombalgia."],
         order=["Il suo ordine [[X]] è stato spedito."], appt=["Il suo appuntamento è fissato per il [[X]] alle 10:30."], ref=["Citare il riferimento [[X]] nelle risposte."], tracking=["Spedizione: [[X]]"],
         masked=["Pagato con carta [[X]]."], badiban=["L'IBAN indicato, [[X]], non è valido (codice di controllo errato)."], other_date=["Il sinistro è avvenuto il [[X]]."]),
  hello=["Buongiorno", "Ciao", "Salve"], bye=["Cordiali saluti", "Grazie", "Saluti"], agent=["Grazie, ho preso nota.", "Un attimo, verifico.", "Posso aiutarla in altro?"],
  who=("Cliente", "Operatore"), titles=dict(claim="Denuncia di sinistro", loan="Richiesta di finanziamento", hr="Scheda dipendente", clinic="Scheda di accettazione", kyc="Checklist KYC"),
  clinic=["Motivo: febbre da 3 giorni.", "Allergie: nessuna nota."], kyc=["Documento d'identità verificato", "Prova di residenza ricevuta", "Verifica PEP negativa"],
  names=["Giulia Rossi", "Marco Bianchi", "Francesca Esposito"], addrs=["Via Roma 21, 20121 Milano", "Piazza Navona 4, 00186 Roma"], company=["Assicurazioni Esempio S.p.A."], invalid="non valido",
  months=["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
  dfmt=["{dd}/{mm}/{y}", "{d} {M} {y}", "{dd}.{mm}.{y}", "{dd}-{mm}-{y}"], countries=["IT"], ext=["int. "], dob_keys=["data_nascita", "dataNascita"],
  mail_dom=["libero.example", "esempio.example", "azienda.example.it.test"], amount=lambda: "€ " + "{:,}".format(R.randint(100, 90000)).replace(",", ".") + "," + d(2)),
 "nl": dict(
  lab=dict(phone=["Telefoon", "Mobiel", "Tel."], email=["E-mail", "E-mailadres"], dob=["Geboortedatum", "Geb. datum"], iban=["IBAN", "Rekeningnummer (IBAN)"], card=["Kaartnummer", "Creditcard"],
           ip=["IP-adres"], name=["Naam"], addr=["Adres"], order=["Bestelnummer"], invoice=["Factuurnummer"], tracking=["Trackingnummer"], policy=["Polisnummer"], ref=["Kenmerk", "Ref."],
           appt=["Afspraak"], other_date=["Schadedatum", "Datum in dienst", "Aanvraagdatum"], amount=["Bedrag"], customer=["Klantnummer"], vat=["Btw-nummer"], bic=["BIC"], masked=["Betaalmethode"], case=["Dossier"]),
  s=dict(phone=["Mijn nieuwe mobiele nummer is [[X]], wilt u dat aanpassen?", "U kunt mij overdag bellen op [[X]]."], email=["Stuur de stukken naar [[X]] aub.", "Mijn e-mailadres is gewijzigd naar [[X]]."],
         iban=["Graag terugstorten op rekening [[X]].", "Nieuw rekeningnummer: [[X]]"], card=["Er is twee keer afgeschreven van mijn creditcard [[X]]."], ip=["De inlog kwam van IP-adres [[X]]."],
         dob=["Ik ben geboren op [[X]].", "Verzekerde, geboren op [[X]], meldt waterschade.", "Patiënt (geboortedatum [[X]]) meldt zich met rugpijn."],
         order=["Uw bestelling [[X]] is verzonden."], appt=["Uw afspraak staat op [[X]] om 10:30 uur."], ref=["Vermeld bij contact het kenmerk [[X]]."], tracking=["Track & trace: [[X]]"],
         masked=["Betaald met kaart [[X]]."], badiban=["Het opgegeven IBAN [[X]] is ongeldig (controlegetal klopt niet)."], other_date=["De schade ontstond op [[X]]."]),
  hello=["Hoi", "Goedemiddag", "Beste"], bye=["Met vriendelijke groet", "Groetjes", "Bedankt"], agent=["Dank u, genoteerd.", "Een moment, ik kijk het na.", "Kan ik nog iets voor u doen?"],
  who=("Klant", "Medewerker"), titles=dict(claim="Schadeformulier", loan="Kredietaanvraag", hr="Personeelsdossier", clinic="Intakeformulier", kyc="KYC-checklist"),
  clinic=["Klacht: sinds 3 dagen koorts.", "Allergieën: geen bekend."], kyc=["ID-bewijs gecontroleerd", "Adresbewijs ontvangen", "PEP-controle negatief"],
  names=["Sanne de Vries", "Daan Jansen", "Lotte Bakker"], addrs=["Keizersgracht 101, 1015 CJ Amsterdam", "Oudegracht 45, 3511 AB Utrecht"], company=["Voorbeeld Verzekeringen N.V."], invalid="ongeldig",
  months=["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
  dfmt=["{dd}-{mm}-{y}", "{d} {M} {y}", "{dd}/{mm}/{y}", "{y}-{mm}-{dd}"], countries=["NL", "NL", "BE"], ext=None, dob_keys=["geboortedatum"],
  mail_dom=["ziggo.example", "voorbeeld.example", "bedrijf.example.nl.test"], amount=lambda: "€ " + "{:,}".format(R.randint(100, 90000)).replace(",", ".") + "," + d(2)),
 "pt": dict(
  lab=dict(phone=["Telefone", "Telemóvel", "Tel."], email=["E-mail", "Correio eletrónico"], dob=["Data de nascimento", "Nascido em"], iban=["IBAN", "Conta (IBAN)"], card=["Número do cartão", "Cartão"],
           ip=["Endereço IP"], name=["Nome"], addr=["Morada"], order=["N.º da encomenda"], invoice=["N.º da fatura"], tracking=["N.º de seguimento"], policy=["N.º da apólice"], ref=["Ref.", "Processo"],
           appt=["Consulta", "Marcação"], other_date=["Data do sinistro", "Data de admissão", "Data do pedido"], amount=["Montante"], customer=["N.º de cliente"], vat=["NIF"], bic=["BIC"], masked=["Meio de pagamento"], case=["Processo"]),
  s=dict(phone=["O meu novo telemóvel é [[X]], por favor atualizem.", "Podem ligar-me para o [[X]] à tarde."], email=["Enviem os documentos para [[X]], por favor.", "O meu e-mail mudou para [[X]]."],
         iban=["Por favor, reembolsem para a conta [[X]].", "Novo IBAN: [[X]]"], card=["Fui cobrado duas vezes no cartão [[X]]."], ip=["O acesso foi feito a partir do IP [[X]]."],
         dob=["Nasci em [[X]].", "Segurada, nascida a [[X]], participa um sinistro.", "Doente (data de nascimento [[X]]) com lombalgia."],
         order=["A sua encomenda [[X]] foi enviada."], appt=["A sua consulta está marcada para [[X]] às 10h30."], ref=["Indique a referência [[X]] nas respostas."], tracking=["Seguimento: [[X]]"],
         masked=["Pago com o cartão [[X]]."], badiban=["O IBAN indicado, [[X]], não é válido (dígitos de controlo errados)."], other_date=["O sinistro ocorreu em [[X]]."]),
  hello=["Olá", "Bom dia"], bye=["Cumprimentos", "Obrigado", "Atenciosamente"], agent=["Obrigado, registei.", "Um momento, vou verificar.", "Posso ajudar em mais alguma coisa?"],
  who=("Cliente", "Assistente"), titles=dict(claim="Participação de sinistro", loan="Pedido de crédito", hr="Ficha de colaborador", clinic="Ficha de admissão", kyc="Checklist KYC"),
  clinic=["Queixa: febre há 3 dias.", "Alergias: desconhecidas."], kyc=["Cartão de Cidadão verificado", "Comprovativo de morada recebido", "Verificação PEP negativa"],
  names=["Inês Ferreira", "João Silva", "Ana Costa"], addrs=["Rua Augusta 120, 1100-053 Lisboa", "Av. da Boavista 88, 4100-112 Porto"], company=["Seguros Exemplo, S.A."], invalid="inválido",
  months=["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
  dfmt=["{dd}/{mm}/{y}", "{d} de {M} de {y}", "{dd}-{mm}-{y}"], countries=["PT"], ext=None, dob_keys=["data_nascimento"],
  mail_dom=["sapo.example", "exemplo.example", "empresa.example.pt.test"], amount=lambda: "{:,}".format(R.randint(100, 90000)).replace(",", " ") + "," + d(2) + " €"),
 "pl": dict(
  lab=dict(phone=["Telefon", "Tel. kom.", "Nr telefonu"], email=["E-mail", "Adres e-mail"], dob=["Data urodzenia", "ur."], iban=["IBAN", "Nr konta (IBAN)"], card=["Numer karty", "Karta"],
           ip=["Adres IP"], name=["Imię i nazwisko"], addr=["Adres"], order=["Nr zamówienia"], invoice=["Nr faktury"], tracking=["Nr przesyłki"], policy=["Nr polisy"], ref=["Sygn.", "Nr sprawy"],
           appt=["Wizyta", "Termin wizyty"], other_date=["Data szkody", "Data zatrudnienia", "Data wniosku"], amount=["Kwota"], customer=["Nr klienta"], vat=["NIP"], bic=["BIC"], masked=["Metoda płatności"], case=["Sprawa"]),
  s=dict(phone=["Mój nowy numer telefonu to [[X]], proszę zaktualizować dane.", "Proszę dzwonić pod [[X]] po 17."], email=["Proszę wysłać dokumenty na [[X]].", "Mój adres e-mail to teraz [[X]]."],
         iban=["Proszę o zwrot na konto [[X]].", "Nowy numer konta: [[X]]"], card=["Pobrano opłatę dwa razy z karty [[X]]."], ip=["Logowanie nastąpiło z adresu IP [[X]]."],
         dob=["Urodziłem się [[X]] r.", "Ubezpieczona, ur. [[X]], zgłasza szkodę.", "Pacjentka (data urodzenia [[X]]) zgłasza ból pleców."],
         order=["Zamówienie [[X]] zostało wysłane."], appt=["Wizyta została umówiona na [[X]] o 10:30."], ref=["Prosimy podawać sygnaturę [[X]]."], tracking=["Przesyłka: [[X]]"],
         masked=["Zapłacono kartą [[X]]."], badiban=["Podany IBAN [[X]] jest nieprawidłowy (zła suma kontrolna)."], other_date=["Szkoda wystąpiła [[X]]."]),
  hello=["Dzień dobry", "Cześć"], bye=["Pozdrawiam", "Z poważaniem", "Dziękuję"], agent=["Dziękuję, zanotowałem.", "Chwileczkę, sprawdzam.", "Czy mogę w czymś jeszcze pomóc?"],
  who=("Klient", "Konsultant"), titles=dict(claim="Zgłoszenie szkody", loan="Wniosek kredytowy", hr="Karta pracownika", clinic="Karta przyjęcia", kyc="Lista kontrolna KYC"),
  clinic=["Powód: gorączka od 3 dni.", "Alergie: brak."], kyc=["Dowód osobisty sprawdzony", "Potwierdzenie adresu otrzymane", "Weryfikacja PEP negatywna"],
  names=["Katarzyna Nowak", "Piotr Kowalski", "Agnieszka Wiśniewska"], addrs=["ul. Marszałkowska 10/4, 00-590 Warszawa", "ul. Floriańska 7, 31-019 Kraków"], company=["Przykład Ubezpieczenia S.A."], invalid="nieprawidłowy",
  months=["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
  dfmt=["{dd}.{mm}.{y}", "{d} {M} {y}", "{y}-{mm}-{dd}"], countries=["PL"], ext=["wew. "], dob_keys=["data_urodzenia"],
  mail_dom=["wp.example", "przyklad.example", "firma.example.pl.test"], amount=lambda: "{:,}".format(R.randint(100, 90000)).replace(",", " ") + "," + d(2) + " zł"),
 "sv": dict(
  lab=dict(phone=["Telefon", "Mobil", "Tfn"], email=["E-post", "Mejl"], dob=["Födelsedatum"], iban=["IBAN", "Konto (IBAN)"], card=["Kortnummer"], ip=["IP-adress"], name=["Namn"], addr=["Adress"],
           order=["Ordernummer"], invoice=["Fakturanummer"], tracking=["Kollinummer"], policy=["Försäkringsnummer"], ref=["Ärendenummer", "Ref."], appt=["Bokad tid", "Besök"],
           other_date=["Skadedatum", "Anställningsdatum", "Ansökningsdatum"], amount=["Belopp"], customer=["Kundnummer"], vat=["Momsreg.nr"], bic=["BIC"], masked=["Betalsätt"], case=["Ärende"]),
  s=dict(phone=["Mitt nya mobilnummer är [[X]], kan ni uppdatera det?", "Ni når mig på [[X]] dagtid."], email=["Skicka handlingarna till [[X]] tack.", "Min e-post är nu [[X]]."],
         iban=["Återbetala till mitt konto [[X]].", "Nytt konto: IBAN [[X]]"], card=["Jag har blivit dragen två gånger på kortet [[X]]."], ip=["Inloggningen kom från IP-adressen [[X]]."],
         dob=["Jag är född [[X]].", "Försäkringstagaren, född [[X]], anmäler en vattenskada.", "Patient (födelsedatum [[X]]) söker för ryggsmärta."],
         order=["Din order [[X]] har skickats."], appt=["Din tid är bokad [[X]] kl. 10.30."], ref=["Ange ärendenummer [[X]] vid kontakt."], tracking=["Kolli: [[X]]"],
         masked=["Betalt med kort [[X]]."], badiban=["Angivet IBAN [[X]] är ogiltigt (fel kontrollsiffror)."], other_date=["Skadan inträffade [[X]]."]),
  hello=["Hej", "God morgon"], bye=["Med vänliga hälsningar", "Tack", "Hälsningar"], agent=["Tack, jag har noterat det.", "Ett ögonblick, jag kollar.", "Något mer jag kan hjälpa till med?"],
  who=("Kund", "Handläggare"), titles=dict(claim="Skadeanmälan", loan="Låneansökan", hr="Personalkort", clinic="Inskrivning", kyc="KYC-checklista"),
  clinic=["Sökorsak: feber sedan 3 dagar.", "Allergier: inga kända."], kyc=["Legitimation kontrollerad", "Adressintyg mottaget", "PEP-kontroll negativ"],
  names=["Emma Lindqvist", "Oskar Berg", "Maja Nilsson"], addrs=["Drottninggatan 55, 111 21 Stockholm", "Kungsportsavenyn 9, 411 36 Göteborg"], company=["Exempel Försäkring AB"], invalid="ogiltigt",
  months=["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
  dfmt=["{y}-{mm}-{dd}", "{d} {M} {y}", "{y}{mm}{dd}"], countries=["SE"], ext=None, dob_keys=["fodelsedatum", "födelsedatum"],
  mail_dom=["telia.example", "exempel.example", "foretag.example.se.test"], amount=lambda: "{:,}".format(R.randint(100, 90000)).replace(",", " ") + " kr"),
 "da": dict(
  lab=dict(phone=["Telefon", "Mobil", "Tlf."], email=["E-mail", "Mail"], dob=["Fødselsdato", "Født"], iban=["IBAN", "Konto (IBAN)"], card=["Kortnummer"], ip=["IP-adresse"], name=["Navn"], addr=["Adresse"],
           order=["Ordrenummer"], invoice=["Fakturanummer"], tracking=["Pakkenummer"], policy=["Policenummer"], ref=["Sagsnummer", "Ref."], appt=["Aftale", "Tid"],
           other_date=["Skadedato", "Ansættelsesdato", "Ansøgningsdato"], amount=["Beløb"], customer=["Kundenummer"], vat=["CVR/moms-nr."], bic=["BIC"], masked=["Betalingskort"], case=["Sag"]),
  s=dict(phone=["Mit nye mobilnummer er [[X]], vil I opdatere det?", "I kan ringe til mig på [[X]] i dagtimerne."], email=["Send venligst papirerne til [[X]].", "Min mail er nu [[X]]."],
         iban=["Refunder venligst til min konto [[X]].", "Ny konto: IBAN [[X]]"], card=["Jeg er blevet trukket to gange på kortet [[X]]."], ip=["Logind kom fra IP-adressen [[X]]."],
         dob=["Jeg er født den [[X]].", "Forsikringstager, født [[X]], anmelder en vandskade.", "Patient (fødselsdato [[X]]) henvender sig med rygsmerter."],
         order=["Din ordre [[X]] er afsendt."], appt=["Din tid er [[X]] kl. 10.30."], ref=["Angiv sagsnummer [[X]] ved henvendelse."], tracking=["Pakke: [[X]]"],
         masked=["Betalt med kort [[X]]."], badiban=["Det angivne IBAN [[X]] er ugyldigt (forkerte kontrolcifre)."], other_date=["Skaden skete den [[X]]."]),
  hello=["Hej", "Goddag"], bye=["Med venlig hilsen", "Tak", "Mvh"], agent=["Tak, det har jeg noteret.", "Et øjeblik, jeg tjekker.", "Kan jeg hjælpe med andet?"],
  who=("Kunde", "Rådgiver"), titles=dict(claim="Skadeanmeldelse", loan="Låneansøgning", hr="Medarbejderkort", clinic="Indskrivning", kyc="KYC-tjekliste"),
  clinic=["Årsag: feber i 3 dage.", "Allergier: ingen kendte."], kyc=["Legitimation kontrolleret", "Adressebevis modtaget", "PEP-tjek negativt"],
  names=["Mette Jensen", "Frederik Hansen", "Ida Sørensen"], addrs=["Vesterbrogade 34, 1620 København V", "Søndergade 12, 8000 Aarhus C"], company=["Eksempel Forsikring A/S"], invalid="ugyldigt",
  months=["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"],
  dfmt=["{dd}.{mm}.{y}", "{d}. {M} {y}", "{dd}-{mm}-{y}"], countries=["DK"], ext=None, dob_keys=["fodselsdato", "fødselsdato"],
  mail_dom=["jubii.example", "eksempel.example", "firma.example.dk.test"], amount=lambda: "{:,}".format(R.randint(100, 90000)).replace(",", ".") + "," + d(2) + " kr."),
 "no": dict(
  lab=dict(phone=["Telefon", "Mobil", "Tlf."], email=["E-post"], dob=["Fødselsdato", "Født"], iban=["IBAN", "Konto (IBAN)"], card=["Kortnummer"], ip=["IP-adresse"], name=["Navn"], addr=["Adresse"],
           order=["Ordrenummer"], invoice=["Fakturanummer"], tracking=["Sporingsnummer"], policy=["Polisenummer"], ref=["Saksnummer", "Ref."], appt=["Time", "Avtale"],
           other_date=["Skadedato", "Ansettelsesdato", "Søknadsdato"], amount=["Beløp"], customer=["Kundenummer"], vat=["Org.nr. MVA"], bic=["BIC"], masked=["Betalingskort"], case=["Sak"]),
  s=dict(phone=["Mitt nye mobilnummer er [[X]], kan dere oppdatere det?", "Dere når meg på [[X]] på dagtid."], email=["Send dokumentene til [[X]], takk.", "E-posten min er nå [[X]]."],
         iban=["Vennligst refunder til kontoen min [[X]].", "Ny konto: IBAN [[X]]"], card=["Jeg er belastet to ganger på kortet [[X]]."], ip=["Innloggingen kom fra IP-adressen [[X]]."],
         dob=["Jeg er født [[X]].", "Forsikringstaker, født [[X]], melder vannskade.", "Pasient (fødselsdato [[X]]) kommer med ryggsmerter."],
         order=["Ordren din [[X]] er sendt."], appt=["Timen din er [[X]] kl. 10.30."], ref=["Oppgi saksnummer [[X]] ved kontakt."], tracking=["Sporing: [[X]]"],
         masked=["Betalt med kort [[X]]."], badiban=["Oppgitt IBAN [[X]] er ugyldig (feil kontrollsiffer)."], other_date=["Skaden skjedde [[X]]."]),
  hello=["Hei", "God dag"], bye=["Med vennlig hilsen", "Takk", "Mvh"], agent=["Takk, det er notert.", "Et øyeblikk, jeg sjekker.", "Noe mer jeg kan hjelpe med?"],
  who=("Kunde", "Saksbehandler"), titles=dict(claim="Skademelding", loan="Lånesøknad", hr="Ansattkort", clinic="Innskrivning", kyc="KYC-sjekkliste"),
  clinic=["Årsak: feber i 3 dager.", "Allergier: ingen kjente."], kyc=["Legitimasjon kontrollert", "Adressebevis mottatt", "PEP-sjekk negativ"],
  names=["Ingrid Hansen", "Lars Johansen", "Nora Olsen"], addrs=["Karl Johans gate 22, 0159 Oslo", "Bryggen 5, 5003 Bergen"], company=["Eksempel Forsikring ASA"], invalid="ugyldig",
  months=["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"],
  dfmt=["{dd}.{mm}.{y}", "{d}. {M} {y}"], countries=["NO"], ext=None, dob_keys=["fodselsdato", "fødselsdato"],
  mail_dom=["online.example", "eksempel.example", "firma.example.no.test"], amount=lambda: "kr " + "{:,}".format(R.randint(100, 90000)).replace(",", " ") + "," + d(2)),
 "fi": dict(
  lab=dict(phone=["Puhelin", "Matkapuhelin", "Puh."], email=["Sähköposti"], dob=["Syntymäaika", "Syntynyt"], iban=["IBAN", "Tilinumero (IBAN)"], card=["Kortin numero"], ip=["IP-osoite"], name=["Nimi"], addr=["Osoite"],
           order=["Tilausnumero"], invoice=["Laskun numero"], tracking=["Lähetystunnus"], policy=["Vakuutusnumero"], ref=["Viite", "Asianumero"], appt=["Vastaanottoaika", "Ajanvaraus"],
           other_date=["Vahinkopäivä", "Työsuhteen alkamispäivä", "Hakemuspäivä"], amount=["Summa"], customer=["Asiakasnumero"], vat=["Y-tunnus / ALV"], bic=["BIC"], masked=["Maksutapa"], case=["Asia"]),
  s=dict(phone=["Uusi puhelinnumeroni on [[X]], päivittäkää se.", "Minut tavoittaa numerosta [[X]] päivisin."], email=["Lähettäkää asiakirjat osoitteeseen [[X]].", "Sähköpostini on nyt [[X]]."],
         iban=["Palauttakaa rahat tilille [[X]].", "Uusi tili: IBAN [[X]]"], card=["Kortiltani [[X]] veloitettiin kahdesti."], ip=["Kirjautuminen tuli IP-osoitteesta [[X]]."],
         dob=["Olen syntynyt [[X]].", "Vakuutettu, syntynyt [[X]], ilmoittaa vesivahingosta.", "Potilas (syntymäaika [[X]]) hakeutuu selkäkivun vuoksi."],
         order=["Tilauksesi [[X]] on lähetetty."], appt=["Vastaanottoaikasi on [[X]] klo 10.30."], ref=["Mainitse viite [[X]] yhteydenotoissa."], tracking=["Lähetys: [[X]]"],
         masked=["Maksettu kortilla [[X]]."], badiban=["Annettu IBAN [[X]] on virheellinen (tarkiste ei täsmää)."], other_date=["Vahinko sattui [[X]]."]),
  hello=["Hei", "Moi", "Hyvää päivää"], bye=["Ystävällisin terveisin", "Kiitos", "Terveisin"], agent=["Kiitos, kirjasin sen.", "Hetkinen, tarkistan.", "Voinko auttaa muussa?"],
  who=("Asiakas", "Palvelu"), titles=dict(claim="Vahinkoilmoitus", loan="Lainahakemus", hr="Henkilöstökortti", clinic="Tulotiedot", kyc="KYC-tarkistuslista"),
  clinic=["Syy: kuumetta 3 päivää.", "Allergiat: ei tiedossa."], kyc=["Henkilöllisyys tarkistettu", "Osoitetodistus vastaanotettu", "PEP-tarkistus negatiivinen"],
  names=["Aino Virtanen", "Mikko Korhonen", "Sanna Mäkinen"], addrs=["Mannerheimintie 14 B 7, 00100 Helsinki", "Hämeenkatu 3, 33100 Tampere"], company=["Esimerkki Vakuutus Oy"], invalid="virheellinen",
  months=["tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"],
  dfmt=["{d}.{m}.{y}", "{d}. {M} {y}", "{dd}.{mm}.{y}"], countries=["FI"], ext=None, dob_keys=["syntymaaika", "syntymäaika"],
  mail_dom=["elisa.example", "esimerkki.example", "yritys.example.fi.test"], amount=lambda: "{:,}".format(R.randint(100, 90000)).replace(",", " ") + "," + d(2) + " €"),
 "cs": dict(
  lab=dict(phone=["Telefon", "Mobil", "Tel."], email=["E-mail"], dob=["Datum narození", "Nar."], iban=["IBAN", "Číslo účtu (IBAN)"], card=["Číslo karty"], ip=["IP adresa"], name=["Jméno"], addr=["Adresa"],
           order=["Číslo objednávky"], invoice=["Číslo faktury"], tracking=["Číslo zásilky"], policy=["Číslo pojistky"], ref=["Č. j.", "Spisová značka"], appt=["Termín návštěvy", "Objednání"],
           other_date=["Datum škody", "Datum nástupu", "Datum žádosti"], amount=["Částka"], customer=["Číslo zákazníka"], vat=["DIČ"], bic=["BIC"], masked=["Platební karta"], case=["Případ"]),
  s=dict(phone=["Moje nové číslo je [[X]], prosím aktualizujte ho.", "Zastihnete mě na čísle [[X]] přes den."], email=["Dokumenty prosím pošlete na [[X]].", "Můj e-mail je nyní [[X]]."],
         iban=["Prosím o vrácení peněz na účet [[X]].", "Nový účet: IBAN [[X]]"], card=["Z karty [[X]] mi bylo strženo dvakrát."], ip=["Přihlášení proběhlo z IP adresy [[X]]."],
         dob=["Narodil jsem se [[X]].", "Pojištěná, nar. [[X]], hlásí škodu.", "Pacientka (datum narození [[X]]) přichází s bolestí zad."],
         order=["Vaše objednávka [[X]] byla odeslána."], appt=["Váš termín je [[X]] v 10:30."], ref=["Uvádějte prosím č. j. [[X]]."], tracking=["Zásilka: [[X]]"],
         masked=["Zaplaceno kartou [[X]]."], badiban=["Zadaný IBAN [[X]] je neplatný (chybné kontrolní číslice)."], other_date=["Škoda vznikla [[X]]."]),
  hello=["Dobrý den", "Ahoj"], bye=["S pozdravem", "Děkuji", "Zdraví"], agent=["Děkuji, poznamenal jsem si to.", "Moment, ověřím to.", "Mohu pomoci s něčím dalším?"],
  who=("Zákazník", "Operátor"), titles=dict(claim="Oznámení škody", loan="Žádost o úvěr", hr="Osobní karta zaměstnance", clinic="Příjmový formulář", kyc="KYC kontrolní seznam"),
  clinic=["Důvod: horečka 3 dny.", "Alergie: žádné známé."], kyc=["Doklad totožnosti ověřen", "Doklad o adrese přijat", "Kontrola PEP negativní"],
  names=["Tereza Novotná", "Jan Dvořák", "Petra Svobodová"], addrs=["Vodičkova 20, 110 00 Praha 1", "Masarykova 8, 602 00 Brno"], company=["Příklad pojišťovna a.s."], invalid="neplatný",
  months=["ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října", "listopadu", "prosince"],
  dfmt=["{d}. {m}. {y}", "{dd}.{mm}.{y}", "{d}. {M} {y}"], countries=["CZ"], ext=None, dob_keys=["datum_narozeni"],
  mail_dom=["seznam.example", "priklad.example", "firma.example.cz.test"], amount=lambda: "{:,}".format(R.randint(100, 90000)).replace(",", " ") + " Kč"),
 "el": dict(
  lab=dict(phone=["Τηλέφωνο", "Κινητό", "Τηλ."], email=["Email", "Ηλ. ταχυδρομείο"], dob=["Ημερομηνία γέννησης", "Ημ. γέννησης"], iban=["IBAN", "Λογαριασμός (IBAN)"], card=["Αριθμός κάρτας"],
           ip=["Διεύθυνση IP"], name=["Ονοματεπώνυμο"], addr=["Διεύθυνση"], order=["Αρ. παραγγελίας"], invoice=["Αρ. τιμολογίου"], tracking=["Αρ. αποστολής"], policy=["Αρ. συμβολαίου"],
           ref=["Αρ. πρωτοκόλλου", "Αναφορά"], appt=["Ραντεβού"], other_date=["Ημερομηνία ζημίας", "Ημερομηνία πρόσληψης", "Ημερομηνία αίτησης"], amount=["Ποσό"], customer=["Κωδ. πελάτη"],
           vat=["ΑΦΜ"], bic=["BIC"], masked=["Τρόπος πληρωμής"], case=["Υπόθεση"]),
  s=dict(phone=["Το νέο μου κινητό είναι [[X]], παρακαλώ ενημερώστε το.", "Μπορείτε να με καλέσετε στο [[X]] το απόγευμα."], email=["Στείλτε τα έγγραφα στο [[X]], παρακαλώ.", "Το email μου άλλαξε σε [[X]]."],
         iban=["Παρακαλώ επιστρέψτε τα χρήματα στον λογαριασμό [[X]].", "Νέος λογαριασμός: IBAN [[X]]"], card=["Χρεώθηκα δύο φορές στην κάρτα [[X]]."], ip=["Η σύνδεση έγινε από τη διεύθυνση IP [[X]]."],
         dob=["Γεννήθηκα στις [[X]].", "Ασφαλισμένη, γεννηθείσα στις [[X]], δηλώνει ζημία.", "Ασθενής (ημ. γέννησης [[X]]) με οσφυαλγία."],
         order=["Η παραγγελία σας [[X]] απεστάλη."], appt=["Το ραντεβού σας είναι στις [[X]] και ώρα 10:30."], ref=["Αναφέρετε τον αριθμό πρωτοκόλλου [[X]]."], tracking=["Αποστολή: [[X]]"],
         masked=["Πληρώθηκε με κάρτα [[X]]."], badiban=["Το IBAN [[X]] δεν είναι έγκυρο (λάθος ψηφία ελέγχου)."], other_date=["Η ζημία συνέβη στις [[X]]."]),
  hello=["Καλημέρα", "Γεια σας"], bye=["Με εκτίμηση", "Ευχαριστώ", "Φιλικά"], agent=["Ευχαριστώ, το σημείωσα.", "Μια στιγμή, ελέγχω.", "Μπορώ να βοηθήσω σε κάτι άλλο;"],
  who=("Πελάτης", "Εκπρόσωπος"), titles=dict(claim="Δήλωση ζημίας", loan="Αίτηση δανείου", hr="Καρτέλα εργαζομένου", clinic="Φύλλο εισαγωγής", kyc="Λίστα ελέγχου KYC"),
  clinic=["Αιτία: πυρετός εδώ και 3 ημέρες.", "Αλλεργίες: καμία γνωστή."], kyc=["Ταυτότητα ελέγχθηκε", "Αποδεικτικό διεύθυνσης παρελήφθη", "Έλεγχος PEP αρνητικός"],
  names=["Μαρία Παπαδοπούλου", "Γιώργος Νικολάου", "Ελένη Γεωργίου"], addrs=["Οδός Ερμού 25, 105 63 Αθήνα", "Τσιμισκή 40, 546 23 Θεσσαλονίκη"], company=["Παράδειγμα Ασφαλιστική Α.Ε."], invalid="μη έγκυρο",
  months=["Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου", "Ιουλίου", "Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου"],
  dfmt=["{dd}/{mm}/{y}", "{d} {M} {y}", "{d}/{m}/{y}"], countries=["GR"], ext=None, dob_keys=["imerominia_gennisis", "ημερομηνία_γέννησης"],
  mail_dom=["otenet.example", "paradeigma.example", "etaireia.example.gr.test"], amount=lambda: "{:,}".format(R.randint(100, 90000)).replace(",", ".") + "," + d(2) + " €"),
 "tr": dict(
  lab=dict(phone=["Telefon", "Cep telefonu", "Tel."], email=["E-posta"], dob=["Doğum tarihi", "D. tarihi"], iban=["IBAN", "Hesap (IBAN)"], card=["Kart numarası"], ip=["IP adresi"], name=["Ad soyad"], addr=["Adres"],
           order=["Sipariş no"], invoice=["Fatura no"], tracking=["Kargo takip no"], policy=["Poliçe no"], ref=["Dosya no", "Ref."], appt=["Randevu"],
           other_date=["Hasar tarihi", "İşe giriş tarihi", "Başvuru tarihi"], amount=["Tutar"], customer=["Müşteri no"], vat=["Vergi no"], bic=["BIC"], masked=["Ödeme yöntemi"], case=["Dosya"]),
  s=dict(phone=["Yeni cep numaram [[X]], lütfen güncelleyin.", "Bana gün içinde [[X]] numarasından ulaşabilirsiniz."], email=["Belgeleri lütfen [[X]] adresine gönderin.", "E-posta adresim artık [[X]]."],
         iban=["İadeyi lütfen [[X]] hesabıma yapın.", "Yeni hesap: IBAN [[X]]"], card=["[[X]] numaralı kartımdan iki kez çekim yapıldı."], ip=["Giriş [[X]] IP adresinden yapılmış."],
         dob=["[[X]] doğumluyum.", "Sigortalı, doğum tarihi [[X]], hasar bildiriyor.", "Hasta (doğum tarihi [[X]]) bel ağrısıyla başvurdu."],
         order=["[[X]] numaralı siparişiniz kargoya verildi."], appt=["Randevunuz [[X]] saat 10:30'da."], ref=["Lütfen [[X]] dosya numarasını belirtin."], tracking=["Kargo: [[X]]"],
         masked=["[[X]] kartı ile ödendi."], badiban=["Girilen IBAN [[X]] geçersiz (kontrol basamağı hatalı)."], other_date=["Hasar [[X]] tarihinde meydana geldi."]),
  hello=["Merhaba", "İyi günler"], bye=["Saygılarımla", "Teşekkürler", "İyi çalışmalar"], agent=["Teşekkürler, not aldım.", "Bir dakika, kontrol ediyorum.", "Başka yardımcı olabileceğim bir konu var mı?"],
  who=("Müşteri", "Temsilci"), titles=dict(claim="Hasar bildirimi", loan="Kredi başvurusu", hr="Personel kartı", clinic="Hasta kabul formu", kyc="KYC kontrol listesi"),
  clinic=["Şikayet: 3 gündür ateş.", "Alerji: bilinen yok."], kyc=["Kimlik doğrulandı", "İkametgah belgesi alındı", "PEP kontrolü olumsuz"],
  names=["Ayşe Yılmaz", "Mehmet Demir", "Elif Kaya"], addrs=["Bağdat Cad. No: 45 D: 6, Kadıköy/İstanbul", "Atatürk Bulvarı 101, Çankaya/Ankara"], company=["Örnek Sigorta A.Ş."], invalid="geçersiz",
  months=["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"],
  dfmt=["{dd}.{mm}.{y}", "{d} {M} {y}", "{dd}/{mm}/{y}"], countries=["TR"], ext=None, dob_keys=["dogum_tarihi", "doğum_tarihi"],
  mail_dom=["turk.example", "ornek.example", "sirket.example.com.test"], amount=lambda: "{:,}".format(R.randint(100, 90000)).replace(",", ".") + "," + d(2) + " TL"),
}

TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "ç": "c", "í": "i", "ó": "o", "á": "a", "ñ": "n", "ł": "l", "ś": "s", "ń": "n", "ę": "e",
                          "ą": "a", "ż": "z", "ź": "z", "ć": "c", "å": "a", "ø": "o", "æ": "ae", "ě": "e", "š": "s", "č": "c", "ř": "r", "ž": "z", "ý": "y", "ů": "u", "ú": "u", "ı": "i",
                          "ğ": "g", "ş": "s", "ê": "e", "ô": "o", "ã": "a", "õ": "o", "'": ""})
GREEK_LATIN = {"Μαρία Παπαδοπούλου": "maria.papadopoulou", "Γιώργος Νικολάου": "g.nikolaou", "Ελένη Γεωργίου": "eleni.georgiou"}


def local_part(name):
    if name in GREEK_LATIN:
        base = GREEK_LATIN[name]
    else:
        parts = name.lower().translate(TRANSLIT).split()
        f, l = parts[0], parts[-1]
        base = ch([f + "." + l, f[0] + "." + l, f + "_" + l, f + l[0], l + "." + f, f + "." + l + d(2)])
    if R.random() < 0.15:
        base += "+" + ch(["claims", "bank", "work", "shop"])
    return base


def email_value(lang, name=None):
    L = LANGS[lang]
    name = name or ch(L["names"])
    doms = L["mail_dom"] + (["example.com", "example.org", "example.net"] if lang != "en" else [])
    if R.random() < 0.12:
        return ch(["support", "claims", "noreply", "hr", "billing", "kyc-team"]) + "@" + ch(doms)
    return local_part(name) + "@" + ch(doms)


def ip_value():
    r = R.random()
    if r < 0.6:
        return ch([f"192.0.2.{R.randint(1, 254)}", f"198.51.100.{R.randint(1, 254)}", f"203.0.113.{R.randint(1, 254)}",
                   f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}", f"192.168.{R.randint(0, 255)}.{R.randint(1, 254)}",
                   f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(1, 254)}", f"198.51.100.{R.randint(1, 254)}"] + (["127.0.0.1"] if R.random() < 0.3 else [])), 4
    h = lambda: "%x" % R.randint(1, 0xffff)
    return ch([f"2001:db8::{h()}", f"2001:db8:{h()}:{h()}::{h()}", f"2001:0db8:0000:0000:0000:ff00:{R.randint(0, 0xffff):04x}:{R.randint(0, 0xffff):04x}",
               f"2001:db8:85a3::8a2e:370:{h()}", f"fe80::{h()}", f"fe80::{h()}:{h()}:fe{R.randint(0, 255):02x}:{h()}", "::1", f"::ffff:192.0.2.{R.randint(1, 254)}",
               f"fd12:3456:789a:1::{h()}"]), 6


# ---------------------------------------------------------------- PII items
def phone_country(lang):
    L = LANGS[lang]
    return ch(L["countries"]) if R.random() < 0.75 else ch(list(PHONES))


IBAN_SEEN = [0]


def make_pii(kind, lang, name=None, rich=True):
    """Returns item dict(kind, label, segs)."""
    L = LANGS[lang]
    lab = ch(L["lab"].get(kind, LANGS["en"]["lab"][kind]))
    if kind == "phone":
        v = PHONES[phone_country(lang)]()
        segs = seg(PHONE, v)
        if rich and L["ext"] and R.random() < 0.3:
            segs += plain(ch([" ", ", "]) + ch(L["ext"]) + str(R.randint(2, 999)))
    elif kind == "email":
        segs = seg(EMAIL, email_value(lang, name))
        if rich and R.random() < 0.1:
            segs = plain("<") + segs + plain(">")
    elif kind == "card":
        v, _ = card_number()
        segs = seg(CARD, v)
    elif kind == "iban":
        cc = ch({"de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL", "pt": "PT", "pl": "PL", "sv": "SE", "da": "DK", "no": "NO", "fi": "FI",
                 "cs": "CZ", "el": "GR", "tr": "TR", "en": ch(["GB", "IE", "DE", "FR", "NL"])}[lang]) if R.random() < 0.7 else ch(list(IBAN_SPEC))
        if lang == "de" and R.random() < 0.3:
            cc = ch(["AT", "CH"])
        if lang == "fr" and R.random() < 0.3:
            cc = "BE"
        IBAN_SEEN[0] += 1
        v = fmt_iban(iban(cc))
        if IBAN_SEEN[0] in (4, 19):  # a couple of lower-case IBANs, deterministically
            v = v.lower()
        segs = seg(IBAN, v)
    elif kind == "ssn":
        segs = seg(SSN, ssn_str(True))
    elif kind == "ip":
        v, ver = ip_value()
        segs = seg(IP, v)
        if v.startswith("fe80") and R.random() < 0.8:
            segs = segs + plain("%" + ch(["eth0", "en0", "wlan0", "12"]))
        elif rich and R.random() < 0.25:
            if ver == 4:
                segs = segs + plain(":" + str(R.randint(1024, 65535)))
            elif v.startswith("fe80"):
                segs = segs + plain("%" + ch(["eth0", "en0", "wlan0", "12"]))
            else:
                segs = plain("[") + segs + plain("]:" + ch(["443", "8443", "51822"]))
    elif kind == "dob":
        y, m, dd = rdate()
        segs = seg(DOB, fmt_date(lang, y, m, dd))
    return dict(kind=kind, label=lab, segs=segs)


# ---------------------------------------------------------------- look-alikes
BICS = ["DEUTDEFFXXX", "COBADEFFXXX", "BNPAFRPPXXX", "INGBNL2A", "NDEAFIHH", "DABADKKK", "DNBANOKK", "ESSESESS", "UNCRITMM", "PKOPPLPW",
        "KOMBCZPP", "ETHNGRAA", "TCZBTR2A", "BSCHESMM", "CGDIPTPL", "BARCGB22", "RABONL2U", "HANDSESS"]
NEG_KINDS = ["order", "invoice", "tracking", "isbn", "uuid", "git", "version", "oid", "ts", "appt", "other_date", "amount", "policy", "vat", "bic",
             "masked", "badcard", "badiban", "nine", "ref", "handle", "file", "remote", "pkg", "cidr", "netmask", "anyaddr", "ein", "itin", "expiry", "docker"]
TECH_LABELS = dict(isbn="ISBN", uuid=["Request ID", "trace_id", "UUID"], git=["Commit", "Build", "rev"], version=["Version", "Firmware", "App version", "Agent build"],
                   oid=["OID", "Policy OID"], ts=["Timestamp", "Created", "ts"], handle=["Twitter", "Instagram", "Slack"], file=["Asset", "Attachment"],
                   remote=["Repo", "remote"], pkg=["Package"], cidr=["Allowed range", "Subnet", "VPN pool"], netmask=["Netmask"], anyaddr=["Bind address"],
                   ein=["EIN"], itin=["ITIN"], expiry=["Exp.", "Expiry"], docker=["Image"], nine=None, badcard=None)


def neg_value(kind, lang):
    L = LANGS[lang]
    if kind == "order":
        return ch([f"ORD-{d(6)}", f"{ch('ABW')}{d(9)}", f"#{d(7)}", f"2025-{d(6)}", f"SO{d(8)}", f"{d(3)}-{d(7)}-{d(7)}"])
    if kind == "invoice":
        return ch([f"INV-2025-{d(5)}", f"RE{d(8)}", f"FA-{d(6)}/2025", f"{R.randint(2023, 2026)}/{d(6)}"])
    if kind == "tracking":
        return ch(["1Z" + "".join(R.choice("0123456789ABCDEFWX") for _ in range(6)) + d(10), "JJD" + d(18), f"RR{d(9)}DE", "00340434" + d(12), f"{d(4)} {d(4)} {d(4)} {d(4)} {d(4)}"])
    if kind == "isbn":
        return isbn13()
    if kind == "uuid":
        return str(uuid.UUID(int=R.getrandbits(128), version=4))
    if kind == "git":
        h = "%040x" % R.getrandbits(160)
        return ch([h, h[:7], h[:12]])
    if kind == "version":
        return ch([f"{R.randint(1, 12)}.{R.randint(0, 20)}.{R.randint(0, 99)}.{R.randint(0, 250)}", f"v{R.randint(1, 5)}.{R.randint(0, 30)}.{R.randint(0, 9)}",
                   f"10.0.{R.randint(17000, 22631)}.{R.randint(1000, 4000)}", f"{R.randint(1, 9)}.{R.randint(0, 9)}.{R.randint(0, 9)}.{R.randint(0, 9)}"])
    if kind == "oid":
        return ch([f"1.3.6.1.4.1.{R.randint(100, 60000)}.{R.randint(1, 20)}.{R.randint(1, 9)}", f"2.16.840.1.113883.3.{d(4)}", "1.2.840.113549.1.1.11"])
    if kind == "ts":
        y, m, dd = rdate(2024, 2026)
        return ch([f"{y}-{m:02d}-{dd:02d}T{R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}Z", f"{dd:02d}.{m:02d}.{y} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}",
                   str(R.randint(1700000000, 1790000000)), f"{y}-{m:02d}-{dd:02d} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}.{d(3)}"])
    if kind in ("appt", "other_date", "expiry"):
        if kind == "expiry":
            return f"{R.randint(1, 12):02d}/{R.randint(26, 31)}"
        y, m, dd = rdate(1995 if kind == "other_date" else 2025, 2026)
        return fmt_date(lang, y, m, dd)
    if kind == "amount":
        return L["amount"]()
    if kind == "policy":
        return ch([f"POL-{d(8)}", f"{d(2)}-{d(7)}-{d(1)}", f"KV{d(9)}", f"{ch(['HR', 'AU', 'LV'])}/{d(6)}/{R.randint(2019, 2026)}"])
    if kind == "vat":
        return ch([f"DE{nz(9)}", f"FR{d(2)}{nz(9)}", f"IT{d(11)}", f"NL{nz(9)}B01", f"ESB{d(8)}", f"PL{nz(10)}", f"SE{nz(10)}01", f"DK{nz(8)}", f"ATU{d(8)}", f"EL{nz(9)}", f"CZ{nz(8)}"])
    if kind == "bic":
        return ch(BICS)
    if kind == "masked":
        return ch([f"**** **** **** {d(4)}", f"XXXX-XXXX-XXXX-{d(4)}", f"************{d(4)}", f"4{d(3)} **** **** {d(4)}", f"•••• {d(4)}", f"{ch(['Visa', 'Mastercard', 'Amex'])} ending {d(4)}"])
    if kind == "badcard":
        return card_number(ch(["visa", "mc", "mc2", "discover", "jcb"]), valid=False)[0]
    if kind == "badiban":
        cc = ch(list(IBAN_SPEC))
        return fmt_iban(iban(cc, valid=False)).upper()
    if kind == "nine":
        return nz(9)
    if kind == "ref":
        return ch([f"0{d(3)} {d(4)} {d(4)}", f"0{d(2)}/{d(3)}-{d(4)}", f"{d(3)} {d(3)} {d(4)}"])
    if kind == "handle":
        return "@" + ch(["anna_s", "jcarter88", "mmoreau", "lucia.garcia", "pkowalski", "ayse_yilmaz", "the_real_dan"])
    if kind == "file":
        return ch(["logo@2x.png", "icon-home@3x.webp", "banner@2x.jpg", "avatar@1.5x.png"])
    if kind == "remote":
        return ch(["git@git.example.com:acme/payments-api.git", "git@gitlab.example.org:kyc/onboarding.git", "ssh://git@code.example.net:2222/hr/portal.git"])
    if kind == "pkg":
        return ch(["@acme/ui-kit@4.2.1", "@types/node@20.11.5", "left-pad@1.3.0", "@trustgate/sdk@0.9.12"])
    if kind == "cidr":
        return ch(["10.0.0.0/8", "10.20.0.0/16", "192.168.10.0/24", "172.16.0.0/12", "203.0.113.0/24", "198.51.100.0/25", "2001:db8:abcd::/48", "fd00::/8", "2001:db8::/32"])
    if kind == "netmask":
        return ch(["255.255.255.0", "255.255.240.0", "255.255.255.252", "255.0.0.0"])
    if kind == "anyaddr":
        return ch(["0.0.0.0", "0.0.0.0:8080", "[::]:443", "::"])
    if kind == "ein":
        return f"{d(2)}-{nz(7)}"
    if kind == "itin":
        return f"9{d(2)}-{R.randint(70, 88)}-{d(4)}"
    if kind == "docker":
        return "python@sha256:" + "%064x" % R.getrandbits(256)
    raise KeyError(kind)


def make_neg(kind, lang):
    L = LANGS[lang]
    v = neg_value(kind, lang)
    if kind in ("badcard",):
        lab = ch(L["lab"]["order"] + L["lab"]["tracking"] + (["Gift card code", "Voucher"] if lang == "en" else []))
    elif kind == "badiban":
        lab = ch(L["lab"]["iban"])
    elif kind == "nine":
        lab = ch(L["lab"]["customer"] + L["lab"]["case"])
    elif kind in L["lab"]:
        lab = ch(L["lab"][kind])
    else:
        lab = ch(TECH_LABELS[kind])
    segs = plain(v)
    if kind == "badiban" and R.random() < 0.5:
        segs = plain(v + " (" + L["invalid"] + ")")
    return dict(kind=kind, label=lab, segs=segs, neg=True)


NEG_BY_LANG_EXCL = {"ein", "itin"}


def pick_negs(lang, n, genre):
    pool = list(NEG_KINDS)
    if lang != "en":
        pool = [k for k in pool if k not in NEG_BY_LANG_EXCL]
    tech = {"git", "version", "oid", "handle", "file", "remote", "pkg", "cidr", "netmask", "anyaddr", "docker", "uuid", "ts"}
    biz = [k for k in pool if k not in tech]
    if genre in ("log", "json", "yaml"):
        w = [3 if k in tech else 1 for k in pool]
    else:
        w = [1 if k in tech else 3 for k in pool]
    out = []
    for _ in range(n):
        out.append(R.choices(pool, w)[0])
    return out


# ---------------------------------------------------------------- transforms
def typo_word(w):
    if len(w) < 4 or not w.isalpha():
        return w
    i = R.randint(1, len(w) - 2)
    op = R.random()
    if op < 0.4:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    if op < 0.7:
        return w[:i] + w[i + 1:]
    return w[:i] + w[i] + w[i:]


def typos(s):
    return " ".join(typo_word(w) if R.random() < 0.18 else w for w in s.split(" ")).lower() if R.random() < 0.7 else " ".join(typo_word(w) if R.random() < 0.18 else w for w in s.split(" "))


def pdfify(s):
    out = []
    for w in s.split(" "):
        if len(w) > 8 and w.isalpha() and R.random() < 0.15:
            k = R.randint(3, len(w) - 3)
            w = w[:k] + "-\n" + w[k:]
        out.append(w)
        out.append("\n" if R.random() < 0.12 else (" " if R.random() < 0.9 else "  "))
    return "".join(out[:-1]) if out else s


# ---------------------------------------------------------------- genres
def val_text(it):
    return "".join(s for _, s in it["segs"])


def sentence(lang, it):
    L = LANGS[lang]
    key = it["kind"]
    tpls = L["s"].get(key)
    if tpls:
        return render(ch(tpls), it["segs"])
    return plain(it["label"] + ": ") + it["segs"]


def g_chat(lang, items, ctx):
    L = LANGS[lang]
    c, a = L["who"]
    name = ctx["name"]
    segs = []
    style = R.randint(0, 2)
    clock = [R.randint(8 * 60, 17 * 60)]
    def line(who, body):
        if style == 0:
            return plain(f"{who}: ") + body + plain("\n")
        if style == 1:
            clock[0] += R.randint(0, 3)
            return plain(f"[{clock[0] // 60:02d}:{clock[0] % 60:02d}] {who}: ") + body + plain("\n")
        return plain(f"**{who}**\n") + body + plain("\n\n")
    segs += line(c if style != 2 else name, plain(ch(L["hello"]) + "!"))
    for it in items:
        segs += line(c if style != 2 else name, sentence(lang, it))
        if R.random() < 0.6:
            segs += line(a, plain(ch(L["agent"])))
    segs += line(c if style != 2 else name, plain(ch(L["bye"])))
    return segs


def g_chat_typo(lang, items, ctx):
    return map_plain(g_chat(lang, items, ctx), typos)


def kv_lines(items, sep=": ", bullet=""):
    segs = []
    for it in items:
        segs += plain(bullet + it["label"] + sep) + it["segs"] + plain("\n")
    return segs


def ctx_items(lang, ctx, with_addr=True):
    L = LANGS[lang]
    out = [dict(kind="name", label=ch(L["lab"]["name"]), segs=plain(ctx["name"]))]
    if with_addr and R.random() < 0.6:
        out.append(dict(kind="addr", label=ch(L["lab"]["addr"]), segs=plain(ch(L["addrs"]))))
    return out


def g_form(lang, items, ctx, tkey=None):
    L = LANGS[lang]
    tkey = tkey or ch(["claim", "loan"])
    title = L["titles"][tkey]
    allit = ctx_items(lang, ctx) + items
    sep = ch([": ", ":\t", " .......... ", " | ", ": "])
    head = ch([f"{title}\n{'=' * len(title)}\n", f"### {title}\n", f"{title.upper()}\n\n", f"{ch(L['company'])} — {title}\n"])
    return plain(head) + kv_lines(allit, sep)


def g_hr(lang, items, ctx):
    return g_form(lang, items, ctx, "hr")


def g_clinic(lang, items, ctx):
    L = LANGS[lang]
    segs = plain(L["titles"]["clinic"] + "\n" + ch(L["lab"]["name"]) + ": " + ctx["name"] + "\n")
    for it in items:
        if R.random() < 0.5:
            segs += sentence(lang, it) + plain("\n")
        else:
            segs += plain(it["label"] + ": ") + it["segs"] + plain("\n")
    segs += plain(" ".join(R.sample(L["clinic"], len(L["clinic"]))) + "\n")
    return segs


def g_kyc(lang, items, ctx):
    L = LANGS[lang]
    segs = plain(L["titles"]["kyc"] + f" — {ctx['name']}\n")
    for c in R.sample(L["kyc"], 2):
        segs += plain(f"- [x] {c}\n")
    segs += kv_lines(items, ": ", ch(["- [x] ", "- [ ] ", "* "]))
    segs += plain(f"- [ ] {L['kyc'][-1]}\n")
    return segs


def slug(s):
    s = s.lower().replace("(", "").replace(")", "").replace(".", "").replace("/", "_").replace("º", "").replace("°", "").replace("-", "_")
    s = re.sub(r"\s+", "_", s.strip())
    return re.sub(r"_+", "_", s).strip("_")


def keyname(lang, it):
    L = LANGS[lang]
    if it["kind"] == "dob":
        return ch(L["dob_keys"])
    if lang == "en" or R.random() < 0.3:
        m = {"phone": ["phone", "phone_number", "msisdn", "mobile"], "email": ["email", "email_address", "contact_email"], "card": ["card_number", "pan", "cc_number"],
             "iban": ["iban", "payout_iban"], "ssn": ["ssn", "social_security_no"], "ip": ["ip", "client_ip", "remote_addr", "ip_address"], "name": ["name", "full_name"],
             "addr": ["address", "street_address"]}
        if it["kind"] in m:
            return ch(m[it["kind"]])
    return slug(it["label"]) or it["kind"]


def records(lang, items, ctx):
    its = ctx_items(lang, ctx, with_addr=R.random() < 0.3) + items
    keys, seen = [], set()
    for it in its:
        k = keyname(lang, it)
        while k in seen:
            k = k + "_2"
        seen.add(k)
        keys.append(k)
    return keys, its


def g_csv(lang, items, ctx, sep=None):
    sep = sep or ch([",", ";", "\t", "|"])
    keys, its = records(lang, items, ctx)
    q = sep in (",",) and R.random() < 0.5
    def cell(it):
        v = val_text(it)
        need = q or (sep in v)
        return it["segs"] if not need else plain('"') + it["segs"] + plain('"')
    segs = plain(sep.join(keys) + "\n")
    row = []
    for i, it in enumerate(its):
        if i:
            row += plain(sep)
        row += cell(it)
    segs += row + plain("\n")
    return segs


def g_tsv(lang, items, ctx):
    return g_csv(lang, items, ctx, "\t")


def g_json(lang, items, ctx):
    keys, its = records(lang, items, ctx)
    ind = ch([None, 2])
    segs = plain("{" + ("\n" if ind else ""))
    segs += plain(('  ' if ind else '') + f'"id": "{neg_value("uuid", lang)}",' + ("\n" if ind else " "))
    for i, (k, it) in enumerate(zip(keys, its)):
        segs += plain(('  ' if ind else '') + f'"{k}": "') + it["segs"] + plain('"' + ("," if i < len(its) - 1 else "") + ("\n" if ind else " "))
    segs += plain("}")
    return segs


def g_yaml(lang, items, ctx):
    keys, its = records(lang, items, ctx)
    segs = plain(ch(["customer:\n", "record:\n", "- applicant:\n", "person:\n"]))
    for k, it in zip(keys, its):
        qq = R.random() < 0.3 or ": " in val_text(it) or val_text(it).startswith(("*", "@", "[", "#"))
        segs += plain(f"  {k}: " + ('"' if qq else "")) + it["segs"] + plain(('"' if qq else "") + "\n")
    return segs


def g_sql(lang, items, ctx):
    keys, its = records(lang, items, ctx)
    tbl = ch(["customers", "kyc_subjects", "claims", "employees", "patients", "loan_applicants"])
    segs = plain(f"INSERT INTO {tbl} ({', '.join(keys)}) VALUES (")
    for i, it in enumerate(its):
        if i:
            segs += plain(", ")
        segs += plain("'") + [(t, s.replace("'", "''")) for t, s in it["segs"]] + plain("'")
    segs += plain(");")
    return segs


def tel_raw(num):
    n = num.replace("(0)", "")
    if n.startswith("00"):
        n = "+" + n[2:]
    return ("+" if n.startswith("+") else "") + re.sub(r"\D", "", n)


def g_md(lang, items, ctx):
    L = LANGS[lang]
    allit = ctx_items(lang, ctx) + items
    h = ch([("Field", "Value"), ("Feld", "Wert")]) if lang in ("en", "de") else ("", "")
    segs = plain(f"| {h[0] or '#'} | {h[1] or ch(L['lab']['name'])} |\n|---|---|\n")
    for it in allit:
        v = it["segs"]
        if it["kind"] == "phone" and R.random() < 0.4:
            num = val_text(it) if len(it["segs"]) == 1 else it["segs"][0][1]
            raw = tel_raw(num)
            v = plain("[") + seg(PHONE, num) + plain("](tel:") + seg(PHONE, raw) + plain(")")
        if it["kind"] == "email" and R.random() < 0.4:
            e = [s for t, s in it["segs"] if t][0]
            v = plain("[") + seg(EMAIL, e) + plain("](mailto:") + seg(EMAIL, e) + plain(")")
        segs += plain(f"| {it['label']} | ") + v + plain(" |\n")
    return segs


def g_sig(lang, items, ctx):
    L = LANGS[lang]
    segs = plain(ch(L["bye"]) + ",\n\n" + ctx["name"] + "\n" + ch(["Claims Handler", "Senior Advisor", "HR Business Partner", "Compliance Officer", "Kundenberater", "Gestionnaire"]) + "\n" + ch(L["company"]) + "\n")
    for it in items:
        if it["kind"] == "phone" and R.random() < 0.3:
            num = [s for t, s in it["segs"] if t][0]
            raw = tel_raw(num)
            segs += plain(f'{it["label"]}: <a href="tel:') + seg(PHONE, raw) + plain('">') + seg(PHONE, num) + plain("</a>\n")
        else:
            segs += plain(it["label"] + ch([": ", " | ", " "])) + it["segs"] + plain("\n")
    segs += plain(ch(L["addrs"]) + "\n")
    return segs


def g_pdf(lang, items, ctx):
    L = LANGS[lang]
    inner = g_form(lang, items, ctx) if R.random() < 0.5 else g_clinic(lang, items, ctx)
    inner = [(t, s.replace("\n", " ") if t is None and R.random() < 0.5 else s) for t, s in inner]
    inner = map_plain(inner, pdfify)
    return plain(ch([f"{ch(L['company'])}   1/2\n", "-- 1 --\n", ""])) + inner


def log_line(it, lang):
    ts = neg_value("ts", lang)
    kind = it["kind"]
    v = it["segs"]
    if kind == "ip":
        ipseg = [x for x in v if x[0]]
        ip = ipseg[0][1]
        fmt = R.randint(0, 3)
        if fmt == 0:
            host = ("[" + ip + "]") if ":" in ip else ip
            return seg(IP, ip) + plain(f' - - [27/Nov/2026:{R.randint(0, 23):02d}:{R.randint(10, 59)}:{R.randint(10, 59)} +0000] "GET /api/v2/accounts?page=2 HTTP/1.1" 200 {R.randint(200, 9000)} "-" "Mozilla/5.0"\n')
        if fmt == 1:
            return plain(f"Nov 27 {R.randint(0, 23):02d}:{R.randint(10, 59)}:{R.randint(10, 59)} gw01 sshd[{R.randint(1000, 40000)}]: Failed password for invalid user admin from ") + seg(IP, ip) + plain(f" port {R.randint(1024, 65535)} ssh2\n")
        if fmt == 2:
            return plain(f'{{"ts":"{ts}","level":"INFO","msg":"login ok","client_ip":"') + seg(IP, ip) + plain(f'","trace_id":"{neg_value("uuid", lang)}"}}\n')
        if ":" in ip:
            return plain(f"{ts} level=warn msg=\"upstream slow\" src=[") + seg(IP, ip) + plain(f"]:{R.randint(1024, 65535)} dur_ms={R.randint(900, 9000)}\n")
        return plain(f"{ts} level=warn msg=\"upstream slow\" src=") + seg(IP, ip) + plain(f":{R.randint(1024, 65535)} dur_ms={R.randint(900, 9000)}\n")
    if kind == "email":
        return plain(f"{ts} INFO  [auth] password reset requested user=") + v + plain(f" req={neg_value('uuid', lang)[:8]}\n")
    if it.get("neg"):
        return plain(f"{ts} DEBUG [{ch(['cfg', 'net', 'build', 'ingest'])}] {it['label']}={val_text(it)}\n")
    return plain(f"{ts} WARN  [gateway] prompt contains field {it['label']}=") + v + plain("\n")


def g_log(lang, items, ctx):
    segs = []
    for it in items:
        segs += log_line(it, lang)
    return segs


GENRES = {"chat": g_chat, "chat_typo": g_chat_typo, "form": g_form, "hr": g_hr, "clinic": g_clinic, "kyc": g_kyc, "csv": g_csv, "tsv": g_tsv,
          "json": g_json, "yaml": g_yaml, "sql": g_sql, "md": g_md, "sig": g_sig, "pdf": g_pdf, "log": g_log}


def mix(items, negs):
    allit = items + negs
    R.shuffle(allit)
    return allit


TYPE_W = {"email": 1.0, "phone": 1.4, "card": 0.75, "iban": 0.8, "ssn": 1.1, "ip": 0.7, "dob": 1.1}


def pick_kinds(lang, k, genre):
    kinds = list(TYPE_W)
    w = [TYPE_W[x] for x in kinds]
    if lang != "en":
        w[kinds.index("ssn")] = 0.04
    if genre == "sig":
        kinds, w = ["phone", "email", "iban", "ip"], [4, 3, 0.5, 0.2]
    if genre == "log":
        kinds, w = ["ip", "email", "phone", "card"], [5, 2, 0.5, 0.5]
    if genre == "clinic":
        w[kinds.index("dob")] = 4
    if genre == "hr":
        w[kinds.index("dob")] = 3
        w[kinds.index("iban")] = 2
    return [R.choices(kinds, w)[0] for _ in range(k)]


def make_text(lang, positive, genre, k=None):
    L = LANGS[lang]
    ctx = dict(name=ch(L["names"]))
    items = []
    if positive:
        kinds = pick_kinds(lang, k, genre)
        items = [make_pii(kd, lang, ctx["name"]) for kd in kinds]
        nneg = R.randint(0, 3)
    else:
        nneg = R.randint(2, 5)
    negs = [make_neg(kd, lang) for kd in pick_negs(lang, nneg, genre)]
    if genre == "log" and lang != "en":
        genre = "json"
    segs = GENRES[genre](lang, mix(items, negs), ctx)
    return segs


def long_text(lang, positive):
    L = LANGS[lang]
    for _ in range(50):
        segs = []
        parts = R.randint(3, 6)
        for p in range(parts):
            g = ch(["chat", "form", "clinic", "sig", "kyc", "md", "log" if lang == "en" else "json", "pdf"])
            k = R.choice([1, 1, 2]) if positive else 0
            pos = positive and (p < 2 or R.random() < 0.4)
            segs += make_text(lang, pos, g, k if pos else None)
            segs += plain(ch(["\n\n-----Original Message-----\n", "\n\n---\n\n", "\n\n> ", "\n\n=== " + ch(list(L["titles"].values())) + " ===\n"]))
        t, _ = finish(segs)
        if 1000 <= len(t) <= 3000:
            return segs
    return segs


LANG_COUNTS = {"en": 144, "de": 13, "fr": 13, "es": 13, "it": 13, "nl": 13, "pt": 13, "pl": 13, "sv": 13, "da": 12, "no": 12, "fi": 12, "cs": 12, "el": 12, "tr": 12}
GENRE_W = {"chat": 3, "chat_typo": 1.5, "form": 2, "hr": 1.5, "clinic": 1.5, "kyc": 1.2, "csv": 1.2, "tsv": 0.8, "json": 1.2, "yaml": 0.8, "sql": 1, "md": 1, "sig": 1.3, "pdf": 1.2, "log": 1.5}


def main():
    plan = []
    for lang, n in LANG_COUNTS.items():
        nneg = round(n * 130 / 320)
        for i in range(n):
            plan.append((lang, i >= nneg))
    nneg_total = sum(1 for _, p in plan if not p)
    # fix total negatives at exactly 130
    i = 0
    while nneg_total < 130:
        if plan[i][1] and plan[i][0] == "en":
            plan[i] = (plan[i][0], False)
            nneg_total += 1
        i += 1
    R.shuffle(plan)
    rows = []
    longs = 0
    gstats = Counter()
    npos = sum(1 for _, p in plan if p)
    for idx, (lang, positive) in enumerate(plan):
        if longs < 9 and idx % 35 == 7:
            segs = long_text(lang, positive)
            longs += 1
            gstats["long"] += 1
        else:
            genre = R.choices(list(GENRE_W), list(GENRE_W.values()))[0]
            k = (1 if R.random() < 0.70 else R.randint(2, 5)) if positive else None
            segs = make_text(lang, positive, genre, k)
            gstats[genre] += 1
        text, spans = finish(segs)
        text = text.rstrip("\n ")
        spans = [s for s in spans if s["end"] <= len(text)]
        assert bool(spans) == positive, (lang, positive, text)
        rows.append(dict(text=text, spans=spans, _lang=lang))
    with open(OUT, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({"text": r["text"], "spans": r["spans"]}, ensure_ascii=False) + "\n")
    tc = Counter(s["type"] for r in rows for s in r["spans"])
    lc = Counter(r["_lang"] for r in rows)
    lneg = Counter(r["_lang"] for r in rows if not r["spans"])
    nv = Counter(min(len(r["spans"]), 6) for r in rows)
    print("texts", len(rows), "negatives", sum(1 for r in rows if not r["spans"]))
    print("spans per type", dict(sorted(tc.items())), "total", sum(tc.values()))
    print("texts per language (negatives)", {k: f"{v} ({lneg[k]})" for k, v in lc.items()})
    print("spans per text histogram", dict(sorted(nv.items())))
    print("genres", dict(gstats))
    print("long texts (>=1000 chars)", sum(1 for r in rows if len(r["text"]) >= 1000), "max len", max(len(r["text"]) for r in rows))


if __name__ == "__main__":
    main()
