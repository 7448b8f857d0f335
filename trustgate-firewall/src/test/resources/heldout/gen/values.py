"""Fake PII value generators: every person is fictional (random first/last name pairs), every number random."""
import unicodedata

from common import R, UPPER_ALNUM

FIRST = {
    "en": ["Emily", "James", "Olivia", "Daniel", "Hannah", "Marcus", "Priya", "Kevin", "Laura", "Thomas", "Aisha",
           "Robert", "Chloe", "Nathan", "Grace", "Samuel", "Megan", "Tyrone", "Fiona", "Owen"],
    "de": ["Jonas", "Lena", "Matthias", "Katrin", "Lukas", "Anja", "Jürgen", "Svenja", "Tobias", "Birgit"],
    "fr": ["Camille", "Julien", "Élodie", "Mathieu", "Léa", "Antoine", "Hélène", "Baptiste"],
    "es": ["Lucía", "Javier", "Carmen", "Alejandro", "Nuria", "Sergio", "Inés"],
    "nl": ["Sanne", "Pieter", "Bram", "Femke", "Joost", "Lieke"],
    "it": ["Giulia", "Marco", "Francesca", "Alessandro", "Chiara", "Davide"],
}
LAST = {
    "en": ["Whitfield", "Okafor", "Brennan", "Hargrove", "Lindqvist", "Nakamura", "Patel", "Ferreira", "Kowalczyk",
           "Ashworth", "McAllister", "Thornbury", "Oyelaran", "Delgado", "Fairbanks", "Quigley", "Rourke", "Sandoval"],
    "de": ["Schneider", "Brandtner", "Köhler", "Weißmann", "Hollweg", "Zimmermann", "Oberhäuser", "Grünewald"],
    "fr": ["Moreau", "Delacroix", "Lefèvre", "Garnier", "Rousseau", "Chevalier", "Fontaine"],
    "es": ["Castellanos", "Romero", "Iglesias", "Navarro", "Echeverría", "Quintana"],
    "nl": ["Janssen", "van der Berg", "de Vries", "Bakker", "Visser", "Smulders"],
    "it": ["Bianchi", "De Luca", "Colombo", "Ferraro", "Marchetti", "Galli"],
}
DOMAINS = ["example.com", "mail.example.org", "northwind-traders.test", "eu.contoso-mail.test", "fabrikam.example",
           "posteo.example", "gmx.example", "corp.tailspin.test", "student.uni-example.edu", "web.example.net"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
             "noviembre", "diciembre"]
CITIES = {"en": ["Springfield", "Leeds", "Bristol", "Portland", "Austin"], "de": ["Berlin", "Köln", "Leipzig"],
          "fr": ["Lyon", "Paris", "Nantes"], "es": ["Madrid", "Sevilla", "Valencia"], "nl": ["Utrecht", "Amsterdam"],
          "it": ["Milano", "Torino", "Bologna"]}


def ascii_fold(s):
    s = s.replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


class V:
    def __init__(self, seed):
        self.g = R(seed)

    # ---- persons
    def person(self, lang="en"):
        return self.g.choice(FIRST[lang]), self.g.choice(LAST[lang])

    def full(self, lang="en"):
        f, l = self.person(lang)
        return f + " " + l

    def email_for(self, first, last, plus=None):
        local = ascii_fold(first).lower() + self.g.choice([".", "_", ""]) + ascii_fold(last).lower().replace(" ", "")
        if plus is None:
            plus = self.g.random() < 0.25
        if plus:
            local += "+" + self.g.choice(["billing", "news", "support", "shop", "2024", "work"])
        return local + "@" + self.g.choice(DOMAINS)

    def email(self, lang="en"):
        f, l = self.person(lang)
        return self.email_for(f, l)

    # ---- phones (numbers from fictional / drama ranges where a country has one)
    def phone(self, country=None):
        g = self.g
        country = country or g.choice(["us", "uk", "de", "fr", "es", "nl", "it"])
        d = g.digits
        if country == "us":
            a = str(g.randint(201, 989))
            return g.choice([f"({a}) 555-01{d(2)}", f"+1 {a} 555 01{d(2)}", f"{a}-555-01{d(2)}",
                             f"{a}.555.01{d(2)}", f"+1-{a}-555-01{d(2)}", f"1 ({a}) 555-01{d(2)}"])
        if country == "uk":
            return g.choice([f"+44 20 7946 0{d(3)}", f"020 7946 0{d(3)}", f"07700 900{d(3)}", f"+44 7700 900{d(3)}",
                             f"+44 (0)20 7946 0{d(3)}", f"0113 496 0{d(3)}"])
        if country == "de":
            return g.choice([f"+49 (0)30 {d(7, True)}", f"030 {d(8, True)}", f"0171 {d(7, True)}",
                             f"+49 171 {d(7, True)}", f"+49 89 {d(4, True)} {d(4)}", f"0049 40 {d(6, True)}",
                             f"0221/{d(6, True)}"])
        if country == "fr":
            p = g.choice(["6", "7", "1", "4"])
            return g.choice([f"0{p} {d(2)} {d(2)} {d(2)} {d(2)}", f"+33 {p} {d(2)} {d(2)} {d(2)} {d(2)}",
                             f"+33 (0){p} {d(2)} {d(2)} {d(2)} {d(2)}", f"0{p}.{d(2)}.{d(2)}.{d(2)}.{d(2)}"])
        if country == "es":
            return g.choice([f"+34 6{d(2)} {d(3)} {d(3)}", f"91{d(1)} {d(3)} {d(3)}", f"+34 91 {d(3)} {d(2)} {d(2)}",
                             f"6{d(2)} {d(2)} {d(2)} {d(2)}"])
        if country == "nl":
            return g.choice([f"06 {d(8, True)}", f"+31 6 {d(8, True)}", f"020-{d(7, True)}",
                             f"+31 (0)20 {d(3, True)} {d(4)}", f"06-{d(8, True)}"])
        if country == "it":
            return g.choice([f"+39 02 {d(4, True)} {d(4)}", f"3{d(2)} {d(3)} {d(4)}", f"+39 3{d(2)} {d(3)} {d(4)}",
                             f"06 {d(4, True)} {d(4)}"])
        raise ValueError(country)

    # ---- cards
    @staticmethod
    def luhn_check(body):
        total = 0
        for i, ch in enumerate(reversed(body)):
            n = int(ch)
            if i % 2 == 0:
                n *= 2
                if n > 9:
                    n -= 9
            total += n
        return str((10 - total % 10) % 10)

    @staticmethod
    def luhn_ok(num):
        total = 0
        for i, ch in enumerate(reversed(num)):
            n = int(ch)
            if i % 2 == 1:
                n *= 2
                if n > 9:
                    n -= 9
            total += n
        return total % 10 == 0

    def card_digits(self, brand=None, valid=True):
        g = self.g
        brand = brand or g.choice(["visa", "mc5", "mc2", "amex", "discover", "jcb", "visa", "mc5"])
        prefix, length = {
            "visa": ("4", 16), "mc5": (str(g.randint(51, 55)), 16), "mc2": (str(g.randint(2221, 2720)), 16),
            "amex": (g.choice(["34", "37"]), 15), "discover": (g.choice(["6011", "65", str(g.randint(644, 649))]), 16),
            "jcb": (str(g.randint(3528, 3589)), 16), "diners": ("36", 14), "unionpay": ("62", 16),
        }[brand]
        body = prefix + g.digits(length - 1 - len(prefix))
        check = self.luhn_check(body)
        if not valid:
            check = str((int(check) + g.randint(1, 9)) % 10)
        num = body + check
        assert self.luhn_ok(num) == valid
        return num

    def fmt_card(self, num, sep=None):
        sep = self.g.choice([" ", "-", ""]) if sep is None else sep
        if len(num) == 15:
            parts = [num[:4], num[4:10], num[10:]]
        elif len(num) == 14:
            parts = [num[:4], num[4:10], num[10:]]
        else:
            parts = [num[i:i + 4] for i in range(0, len(num), 4)]
        return sep.join(parts)

    def card(self, brand=None, sep=None, valid=True):
        return self.fmt_card(self.card_digits(brand, valid), sep)

    # ---- IBAN
    def bban(self, cc):
        g = self.g
        d = g.digits
        if cc == "DE":
            return d(18)
        if cc == "GB":
            return g.choice(["NWBK", "BARC", "MIDL", "LOYD"]) + d(14)
        if cc == "FR":
            return d(23)
        if cc == "ES":
            return d(20)
        if cc == "NL":
            return g.choice(["ABNA", "RABO", "INGB", "SNSB"]) + d(10)
        if cc == "IT":
            return g.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ") + d(22)
        if cc == "BE":
            first = d(10)
            chk = int(first) % 97 or 97
            return first + f"{chk:02d}"
        if cc == "CH":
            return d(17)
        if cc == "AT":
            return d(16)
        if cc == "IE":
            return g.choice(["AIBK", "BOFI"]) + d(14)
        if cc == "PL":
            return d(24)
        raise ValueError(cc)

    @staticmethod
    def iban_check(cc, bban):
        s = bban + cc + "00"
        num = "".join(str(int(c, 36)) for c in s)
        return f"{98 - int(num) % 97:02d}"

    @staticmethod
    def iban_ok(iban):
        s = iban.replace(" ", "")
        s = s[4:] + s[:4]
        return int("".join(str(int(c, 36)) for c in s)) % 97 == 1

    def iban(self, cc=None, grouped=None, valid=True):
        g = self.g
        cc = cc or g.choice(["DE", "GB", "FR", "ES", "NL", "IT", "BE", "CH", "AT", "IE", "PL"])
        b = self.bban(cc)
        chk = self.iban_check(cc, b)
        if not valid:
            chk = f"{(int(chk) + g.randint(1, 50)) % 97 + 2:02d}"
        s = cc + chk + b
        assert self.iban_ok(s) == valid
        grouped = g.random() < 0.6 if grouped is None else grouped
        if grouped:
            s = " ".join(s[i:i + 4] for i in range(0, len(s), 4))
        return s

    # ---- SSN
    def ssn(self, sep="-"):
        g = self.g
        area = g.randint(1, 899)
        while area == 666:
            area = g.randint(1, 899)
        return f"{area:03d}{sep}{g.randint(1, 99):02d}{sep}{g.randint(1, 9999):04d}"

    def bad_ssn(self):
        g = self.g
        return g.choice([f"000-{g.randint(1, 99):02d}-{g.randint(1, 9999):04d}",
                         f"666-{g.randint(1, 99):02d}-{g.randint(1, 9999):04d}",
                         f"9{g.randint(0, 99):02d}-{g.randint(1, 99):02d}-{g.randint(1, 9999):04d}",
                         f"{g.randint(1, 665):03d}-00-{g.randint(1, 9999):04d}",
                         f"{g.randint(1, 665):03d}-{g.randint(1, 99):02d}-0000"])

    # ---- IP
    def ipv4(self, private=None):
        g = self.g
        private = g.random() < 0.3 if private is None else private
        if private:
            return g.choice([f"10.{g.randint(0, 255)}.{g.randint(0, 255)}.{g.randint(1, 254)}",
                             f"192.168.{g.randint(0, 255)}.{g.randint(1, 254)}",
                             f"172.{g.randint(16, 31)}.{g.randint(0, 255)}.{g.randint(1, 254)}"])
        while True:
            a = g.randint(1, 223)
            if a not in (10, 127, 169, 172, 192, 100, 0):
                return f"{a}.{g.randint(0, 255)}.{g.randint(0, 255)}.{g.randint(1, 254)}"

    def ipv6(self):
        g = self.g
        h = lambda: format(g.randint(1, 0xFFFF), "x")
        return g.choice([f"2001:db8:{h()}:{h()}::{h()}", f"2a02:8108:{h()}:{h()}:{h()}:{h()}:{h()}:{h()}",
                         f"2607:f8b0:{h()}:{h()}::{h()}", f"fe80::{h()}:{h()}:{h()}:{h()}",
                         f"2001:0db8:{g.hexs(4)}:{g.hexs(4)}:{g.hexs(4)}:{g.hexs(4)}:{g.hexs(4)}:{g.hexs(4)}"])

    # ---- dates of birth
    def date(self, lang="en", y0=1945, y1=2006):
        g = self.g
        y, m, d = g.randint(y0, y1), g.randint(1, 12), g.randint(1, 28)
        if lang == "en":
            return g.choice([f"{d} {MONTHS_EN[m - 1]} {y}", f"{MONTHS_EN[m - 1]} {d}, {y}", f"{y}-{m:02d}-{d:02d}",
                             f"{m:02d}/{d:02d}/{y}"])
        if lang == "de":
            return f"{d:02d}.{m:02d}.{y}"
        if lang == "fr":
            return f"{d:02d}/{m:02d}/{y}"
        if lang == "es":
            return g.choice([f"{d:02d}/{m:02d}/{y}", f"{d} de {MONTHS_ES[m - 1]} de {y}"])
        if lang == "nl":
            return f"{d:02d}-{m:02d}-{y}"
        if lang == "it":
            return f"{d:02d}/{m:02d}/{y}"
        if lang == "iso":
            return f"{y}-{m:02d}-{d:02d}"
        raise ValueError(lang)

    # ---- street lines (street + house number only; postcode/city are NOT part of the span)
    def street(self, lang="en"):
        g = self.g
        n = g.randint(1, 240)
        if lang == "en":
            return g.choice([f"{n} Maple Avenue", f"{n} Harrow Road", f"{n} Kingsley Street", f"{n} Elm Ridge Drive",
                             f"{n} Old Mill Lane", f"{n} W 23rd St", f"{n} Lakeview Blvd, Apt {g.randint(1, 30)}B",
                             f"Flat {g.randint(1, 12)}, {n} Pembroke Terrace", f"{n} Birchwood Court"])
        if lang == "de":
            return g.choice([f"Lindenstraße {n}", f"Am Sonnenhang {n}a", f"Bahnhofstr. {n}", f"Kastanienallee {n}",
                             f"Goethestraße {n}"])
        if lang == "fr":
            return g.choice([f"{n} rue des Lilas", f"{n}, avenue Victor Hugo", f"{n} bis rue du Moulin",
                             f"{n} boulevard Voltaire"])
        if lang == "es":
            return g.choice([f"Calle de Alcalá {n}, 3º B", f"Calle Mayor {n}", f"Avenida de la Constitución {n}"])
        if lang == "nl":
            return g.choice([f"Keizersgracht {n}", f"Prinsenstraat {n}-II", f"Dorpsstraat {n}"])
        if lang == "it":
            return g.choice([f"Via Garibaldi {n}", f"Corso Italia {n}", f"Via dei Mille {n}"])
        raise ValueError(lang)

    def postcode_city(self, lang="en"):
        g = self.g
        c = g.choice(CITIES[lang])
        return {"en": g.choice([f"Springfield, IL 627{g.digits(2)}", f"Leeds LS{g.randint(1, 9)} {g.randint(1, 9)}AB",
                                f"Bristol BS{g.randint(1, 9)} {g.randint(1, 9)}DJ", f"Austin, TX 787{g.digits(2)}",
                                "Portland, OR 97205"]),
                "de": f"{g.randint(10, 99)}{g.digits(3)} {c}", "fr": f"{g.randint(10, 95)}{g.digits(3)} {c}",
                "es": f"{g.randint(10, 50)}{g.digits(3)} {c}", "nl": f"{g.randint(1000, 9999)} AB {c}",
                "it": f"{g.randint(10, 98)}{g.digits(3)} {c}"}[lang]

    # ---- look-alikes (never labelled)
    def isbn13(self):
        body = "978" + self.g.digits(9)
        s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
        full = body + str((10 - s % 10) % 10)
        return f"{full[:3]}-{full[3]}-{full[4:7]}-{full[7:12]}-{full[12]}"

    def uuid(self):
        h = self.g.hexs
        return f"{h(8)}-{h(4)}-4{h(3)}-{self.g.choice('89ab')}{h(3)}-{h(12)}"

    def ups(self):
        return "1Z" + self.g.chars(6, UPPER_ALNUM) + self.g.digits(10)

    def version4(self):
        g = self.g
        return f"{g.randint(1, 9)}.{g.randint(0, 20)}.{g.randint(0, 30)}.{g.randint(0, 250)}"

    def imei(self):
        body = self.g.digits(14, True)
        return body + self.luhn_check(body)
