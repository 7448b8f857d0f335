"""Person names, street addresses, dates and e-mail addresses per language."""
from gen_common import pick, slug, rand_date

# ---------------------------------------------------------------- names
FIRST = {
    "en": (["James", "Robert", "Michael", "David", "Daniel", "Kevin", "Samuel",
            "Marcus", "Tyrone", "Liam", "Wei", "Connor", "Rajesh", "Owen"],
           ["Mary", "Patricia", "Jennifer", "Linda", "Emily", "Aisha", "Priya",
            "Grace", "Olivia", "Hannah", "Chloe", "Fatima", "Zoe", "Siobhan"]),
    "es": (["José", "Javier", "Alejandro", "Sergio", "Álvaro", "Iñigo", "Raúl"],
           ["María", "Lucía", "Carmen", "Pilar", "Nuria", "Begoña", "Rocío"]),
    "it": (["Marco", "Alessandro", "Luca", "Matteo", "Giorgio", "Niccolò", "Pietro"],
           ["Giulia", "Francesca", "Chiara", "Sofia", "Elena", "Beatrice", "Ilaria"]),
    "nl": (["Jan", "Pieter", "Daan", "Bram", "Joris", "Sjoerd", "Thijs"],
           ["Sanne", "Lotte", "Femke", "Anouk", "Eline", "Marieke", "Ilse"]),
    "pt": (["João", "Pedro", "Tiago", "Rui", "Gonçalo", "Nuno", "Sebastião"],
           ["Ana", "Inês", "Beatriz", "Mariana", "Leonor", "Conceição", "Joana"]),
    "pl": (["Piotr", "Krzysztof", "Tomasz", "Łukasz", "Paweł", "Grzegorz", "Wojciech"],
           ["Katarzyna", "Małgorzata", "Agnieszka", "Zofia", "Joanna", "Ewa", "Bożena"]),
    "sv": (["Björn", "Lars", "Erik", "Johan", "Oskar", "Måns", "Göran"],
           ["Anna", "Ingrid", "Sofia", "Maja", "Elin", "Åsa", "Linnéa"]),
    "de": (["Lukas", "Jürgen", "Felix", "Matthias", "Jonas", "Jörg", "Torsten"],
           ["Anna", "Sabine", "Lena", "Katrin", "Marie", "Jutta", "Bärbel"]),
    "fr": (["Julien", "Théo", "Mathieu", "Antoine", "Benoît", "Jean-Luc", "Loïc"],
           ["Camille", "Amélie", "Chloé", "Élodie", "Hélène", "Marie-Claire", "Anaïs"]),
}

# (masc, fem) surname lists; identical for languages without gendered forms
_EN_SUR = ["Thompson", "Okafor", "Patel", "Nguyen", "Fitzgerald", "Harrington",
           "Baker", "Young", "Brown", "White", "Green", "King", "Hope", "Wood",
           "Rose", "Bishop", "Fox", "Little", "Chen", "Rodriguez", "McAllister",
           "Baker-Young", "Castillo-Reyes", "Abernathy", "Walsh", "Morgan"]
SUR = {
    "en": (_EN_SUR, _EN_SUR),
    "es": (["García", "Fernández", "López", "Martínez", "Sánchez", "Núñez", "Ibáñez",
            "Muñoz", "Gómez", "Ortega", "de la Fuente", "del Río", "Castillo-Reyes"],) * 2,
    "it": (["Rossi", "Bianchi", "Esposito", "Romano", "Colombo", "Ricci", "Marino",
            "Greco", "di Stefano", "De Luca", "Lo Russo", "Ferrari", "Bruno"],) * 2,
    "nl": (["de Vries", "van der Berg", "van Dijk", "Jansen", "Bakker", "de Jong",
            "Visser", "van den Heuvel", "Mulder", "Smit", "ter Horst", "van 't Hof"],) * 2,
    "pt": (["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Conceição",
            "Magalhães", "Gonçalves", "da Costa", "dos Santos", "Araújo"],) * 2,
    "pl": (["Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Lewandowski", "Zieliński",
            "Szymański", "Dąbrowski", "Kowalski-Nowak", "Mazur"],
           ["Kowalska", "Nowak", "Wiśniewska", "Wójcik", "Lewandowska", "Zielińska",
            "Szymańska", "Dąbrowska", "Kowalska-Nowak", "Mazur"]),
    "sv": (["Andersson", "Johansson", "Karlsson", "Nilsson", "Åström", "Lindqvist",
            "Öberg", "Bergström", "Sjöberg", "Ekström", "Holm"],) * 2,
    "de": (["Müller", "Schmidt", "Schneider", "Fischer", "Weiß", "Becker",
            "von Hohenberg", "Groß", "Hoffmann", "Schulze-Wendt", "Koch", "Vogel",
            "von der Heide"],) * 2,
    "fr": (["Martin", "Bernard", "Lefèvre", "Dubois", "Moreau", "Girard", "Fontaine",
            "de La Tour", "Lemaître", "Rousseau", "Blanc", "Le Goff", "Dupont-Aignan"],) * 2,
}

# names whose surname (or full name) is an ordinary word; used for hard cases
COMMON_WORD_NAMES = ["Tom Baker", "Emily Young", "Grace Hope", "Rose King",
                     "Daniel Little", "Hannah Wood", "Olivia Brown", "Sam Green",
                     "Faith Church", "Summer Banks", "Will Fox", "Crystal White"]
COMMON_WORD_GENDER = {"Tom Baker": 0, "Emily Young": 1, "Grace Hope": 1, "Rose King": 1,
                      "Daniel Little": 0, "Hannah Wood": 1, "Olivia Brown": 1, "Sam Green": 0,
                      "Faith Church": 1, "Summer Banks": 1, "Will Fox": 0, "Crystal White": 1}


def en_title(r, gender):
    return pick(r, ["Mr", "Mr.", "Dr", "Dr."]) if gender == 0 else pick(r, ["Mrs", "Ms", "Ms.", "Miss", "Dr"])
PARTICLE_NAMES = ["Jan van der Berg", "Pieter de Vries", "María de la Cruz",
                  "Giovanni di Stefano", "Friedrich von Hohenberg",
                  "Anneke van den Heuvel", "Luís da Costa", "Chiara De Luca",
                  "Hélène de La Tour", "Sjoerd ter Horst", "Ludwig von der Heide"]


def person(r, lang, gender=None, middle=False):
    g = gender if gender is not None else r.randint(0, 1)
    first = pick(r, FIRST[lang][g])
    sur = pick(r, SUR[lang][g])
    if lang == "es" and r.random() < 0.6:
        second = pick(r, SUR["es"][0])
        if second != sur:
            sur = sur + " " + second
    if lang == "pt" and r.random() < 0.5:
        sur = pick(r, SUR["pt"][0]) + " " + sur
    if middle and lang == "en":
        return "%s %s. %s" % (first, chr(65 + r.randint(0, 25)), sur)
    return first + " " + sur


def first_name(r, lang, gender=None):
    g = gender if gender is not None else r.randint(0, 1)
    return pick(r, FIRST[lang][g])


# ---------------------------------------------------------------- e-mail
DOMAINS = ["example.com", "example.org", "example.net", "mail.example.com",
           "patients.example.org", "corp.example.net", "bank.example",
           "clinic.example.org", "eu.example.com", "kunden.example.net"]


def email_for(r, name, domain=None, plus=False):
    parts = [slug(p) for p in name.replace("-", " ").split() if slug(p)]
    parts = [p for p in parts if p not in ("van", "der", "den", "de", "la", "di",
                                            "von", "da", "dos", "del", "ter", "t", "le")] or parts
    f, l = parts[0], parts[-1]
    local = pick(r, ["%s.%s" % (f, l), "%s%s" % (f[0], l), "%s_%s" % (f, l),
                     "%s.%s" % (f[0], l), "%s%s%d" % (f, l, r.randint(1, 99))])
    if plus:
        local += "+" + pick(r, ["billing", "claims", "newsletter", "hr", "portal", "tax2024"])
    return local + "@" + (domain or pick(r, DOMAINS))


def role_email(r, domain=None):
    return pick(r, ["claims", "support", "billing", "privacy", "hr-team",
                    "it.helpdesk", "accounts.payable", "intake"]) + "@" + (domain or pick(r, DOMAINS))


# ---------------------------------------------------------------- dates
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
           "August", "September", "Oktober", "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
           "août", "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
           "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
           "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli",
           "augustus", "september", "oktober", "november", "december"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
           "agosto", "setembro", "outubro", "novembro", "dezembro"],
    "pl": ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
           "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli",
           "augusti", "september", "oktober", "november", "december"],
}


def fmt_date(r, d, lang, style=None):
    y, m, dd = d
    mn = MONTHS["en" if lang == "en-gb" else lang][m - 1]
    opts = {
        "en": ["%02d/%02d/%04d" % (m, dd, y), "%s %d, %d" % (mn, dd, y),
               "%d %s %d" % (dd, mn, y), "%04d-%02d-%02d" % d,
               "%s %d %d" % (mn[:3], dd, y), "%d-%s-%d" % (dd, mn[:3].upper(), y)],
        "en-gb": ["%02d/%02d/%04d" % (dd, m, y), "%d %s %d" % (dd, MONTHS["en"][m - 1], y),
                  "%d%s %s %d" % (dd, _ord_en(dd), MONTHS["en"][m - 1], y)],
        "de": ["%02d.%02d.%04d" % (dd, m, y), "%d. %s %d" % (dd, mn, y), "%d.%d.%d" % (dd, m, y)],
        "fr": ["%02d/%02d/%04d" % (dd, m, y), "%s %s %d" % ("1er" if dd == 1 else str(dd), mn, y)],
        "es": ["%02d/%02d/%04d" % (dd, m, y), "%d de %s de %d" % (dd, mn, y), "%02d-%02d-%04d" % (dd, m, y)],
        "it": ["%02d/%02d/%04d" % (dd, m, y), "%d %s %d" % (dd, mn, y), "%02d.%02d.%04d" % (dd, m, y)],
        "nl": ["%02d-%02d-%04d" % (dd, m, y), "%d %s %d" % (dd, mn, y)],
        "pt": ["%02d/%02d/%04d" % (dd, m, y), "%d de %s de %d" % (dd, mn, y)],
        "pl": ["%02d.%02d.%04d" % (dd, m, y), "%d %s %d" % (dd, mn, y)],
        "sv": ["%04d-%02d-%02d" % d, "%d %s %d" % (dd, mn, y)],
    }
    lst = opts[lang]
    if style is None:
        return pick(r, lst)
    return lst[style]


def _ord_en(n):
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def birth_date(r):
    return rand_date(r, 1938, 2006)


def recent_date(r):
    return rand_date(r, 2019, 2025)


# ---------------------------------------------------------------- streets
US_STREETS = ["Oakwood", "Maple", "Cedar Ridge", "Willow Creek", "Lincoln", "Franklin",
              "Harbor View", "Elm", "Jefferson", "Sunset", "Birchwood", "Lakeshore",
              "Magnolia", "Prospect", "Hawthorne", "Chestnut Hill"]
US_SUFFIX = ["Street", "St.", "Avenue", "Ave", "Drive", "Dr.", "Road", "Lane",
             "Boulevard", "Blvd", "Court", "Way", "Place", "Terrace"]
UK_STREETS = ["Kingsley", "Harcourt", "Victoria", "Albert", "Wellington", "Station",
              "Church", "Mill", "Beechwood", "Rosemary", "Ashgrove", "St Mary's"]
UK_SUFFIX = ["Road", "Street", "Lane", "Close", "Crescent", "Gardens", "Avenue",
             "Grove", "Mews", "Drive"]


def street(r, country):
    n = r.randint(1, 240)
    if country in ("US", "CA", "AU"):
        num = r.randint(10, 9899)
        base = "%d %s%s %s" % (num, pick(r, ["", "", "", "N ", "W ", "SE "]),
                               pick(r, US_STREETS), pick(r, US_SUFFIX))
        if country == "US" and r.random() < 0.15:
            base = "%d Martin Luther King Jr. Blvd" % num
        if r.random() < 0.3:
            base += pick(r, [", Apt ", " Apt. ", ", Suite ", " #", ", Unit "]) + \
                pick(r, ["4B", "12", "210", "3C", "1507", "7"])
        return base
    if country in ("GB", "IE"):
        hn = str(n) + pick(r, ["", "", "", "a", "b"])
        base = "%s %s %s" % (hn, pick(r, UK_STREETS), pick(r, UK_SUFFIX))
        if r.random() < 0.25:
            base = "Flat %d, %s" % (r.randint(1, 24), base)
        return base
    if country == "DE":
        name = pick(r, ["Lindenstraße", "Goethestraße", "Am Mühlbach", "Friedrich-Ebert-Allee",
                        "Schillerplatz", "Hauptstraße", "Bahnhofstr.", "Kastanienweg",
                        "Berliner Straße", "Im Winkel", "Konrad-Adenauer-Ring"])
        return "%s %d%s" % (name, n, pick(r, ["", "", "a", "b", " c"]))
    if country == "FR":
        name = pick(r, ["rue de la République", "avenue Victor Hugo", "boulevard Haussmann",
                        "allée des Tilleuls", "place Jean Jaurès", "rue du Faubourg Saint-Antoine",
                        "impasse des Lilas", "chemin de la Croix-Rousse"])
        return "%d%s %s" % (n, pick(r, ["", "", " bis", " ter"]), name)
    if country == "ES":
        name = pick(r, ["Calle de Alcalá", "C/ Mayor", "Avenida de la Constitución",
                        "Paseo de Gracia", "Calle Gran Vía", "Plaza de Santa Ana",
                        "Calle del Doctor Fourquet"])
        s = "%s, %d" % (name, n) if r.random() < 0.6 else "%s %d" % (name, n)
        if r.random() < 0.6:
            s += ", " + pick(r, ["4º B", "2º izda.", "3º 1ª", "bajo A", "1º dcha."])
        return s
    if country == "IT":
        name = pick(r, ["Via Giuseppe Garibaldi", "Corso Vittorio Emanuele II", "Piazza della Signoria",
                        "Viale Monza", "Via dei Mille", "Via Alessandro Manzoni", "Largo Augusto"])
        return "%s%s %d%s" % (name, pick(r, ["", ","]), n, pick(r, ["", "", "/A", "/B", " bis"]))
    if country == "NL":
        name = pick(r, ["Keizersgracht", "Prinsengracht", "Dorpsstraat", "Laan van Meerdervoort",
                        "Burgemeester de Withstraat", "Oudegracht", "Lange Voorhout"])
        return "%s %d%s" % (name, n, pick(r, ["", "", "A", "-II", " bis", "-3"]))
    if country == "PT":
        name = pick(r, ["Rua Augusta", "Avenida da Liberdade", "Travessa do Carmo",
                        "Rua de Santa Catarina", "Avenida Almirante Reis", "Rua Dom Pedro V"])
        s = "%s, %d" % (name, n) if r.random() < 0.5 else "%s %d" % (name, n)
        if r.random() < 0.5:
            s += ", " + pick(r, ["2.º Esq.", "1.º Dto.", "r/c", "3.º B"])
        return s
    if country == "PL":
        name = pick(r, ["ul. Marszałkowska", "ul. Długa", "al. Jana Pawła II",
                        "ul. Adama Mickiewicza", "ul. Piotrkowska", "al. Jerozolimskie",
                        "ul. Świętokrzyska"])
        s = "%s %d" % (name, n)
        if r.random() < 0.6:
            s += pick(r, ["/%d" % r.randint(1, 80), " m. %d" % r.randint(1, 80), " lok. %d" % r.randint(1, 20)])
        return s
    if country == "SE":
        name = pick(r, ["Drottninggatan", "Storgatan", "Kungsgatan", "Sveavägen",
                        "Götgatan", "Linnégatan", "Vasagatan"])
        s = "%s %d%s" % (name, n, pick(r, ["", "", " B", "A"]))
        if r.random() < 0.3:
            s += ", lgh %d" % r.randint(1001, 1604)
        return s
    if country == "CH":
        return "%s %d" % (pick(r, ["Bahnhofstrasse", "Limmatquai", "Seefeldstrasse"]), n)
    raise ValueError(country)


LANG_COUNTRY = {"en": "US", "es": "ES", "it": "IT", "nl": "NL", "pt": "PT",
                "pl": "PL", "sv": "SE", "de": "DE", "fr": "FR"}

CITY = {
    "US": [("Springfield, IL", "62704"), ("Austin, TX", "78701"), ("Portland, OR", "97205"),
           ("Columbus, OH", "43215"), ("Denver, CO", "80202"), ("Raleigh, NC", "27601")],
    "CA": [("Toronto, ON", "M5V 2T6"), ("Vancouver, BC", "V6B 1A1")],
    "AU": [("Sydney NSW", "2000"), ("Melbourne VIC", "3000")],
    "GB": [("London", "SW1A 1AA"), ("Manchester", "M1 1AE"), ("Leeds", "LS1 4AP"),
           ("Bristol", "BS1 5TR"), ("Edinburgh", "EH1 1YZ")],
    "IE": [("Dublin 2", "D02 X285"), ("Cork", "T12 RX8D")],
    "DE": [("Berlin", "10115"), ("München", "80331"), ("Hamburg", "20095"), ("Köln", "50667")],
    "FR": [("Paris", "75011"), ("Lyon", "69004"), ("Marseille", "13001"), ("Toulouse", "31000")],
    "ES": [("Madrid", "28014"), ("Barcelona", "08008"), ("Sevilla", "41001"), ("Valencia", "46002")],
    "IT": [("Milano", "20121"), ("Roma", "00186"), ("Firenze", "50122"), ("Torino", "10121")],
    "NL": [("Amsterdam", "1016 DR"), ("Den Haag", "2514 EA"), ("Utrecht", "3511 AB"), ("Rotterdam", "3011 AD")],
    "PT": [("Lisboa", "1100-053"), ("Porto", "4000-322"), ("Braga", "4700-035")],
    "PL": [("Warszawa", "00-624"), ("Kraków", "31-042"), ("Łódź", "90-102"), ("Gdańsk", "80-831")],
    "SE": [("Stockholm", "111 57"), ("Göteborg", "411 06"), ("Malmö", "211 20"), ("Uppsala", "753 20")],
    "CH": [("Zürich", "8001"), ("Bern", "3011")],
}


def city_line(r, country):
    c, pc = pick(r, CITY[country])
    if country in ("US",):
        return "%s %s" % (c, pc)
    if country in ("CA", "AU"):
        return "%s %s" % (c, pc)
    if country in ("GB", "IE"):
        return "%s %s" % (c, pc)
    return "%s %s" % (pc, c)
