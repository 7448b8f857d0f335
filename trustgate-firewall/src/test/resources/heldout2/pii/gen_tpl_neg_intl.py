"""Texts without PII in German, French, Spanish, Italian, Dutch, Portuguese,
Polish and Swedish: company identifiers, national account numbers, non-birth
dates, companies named after people, street names without a house number."""
import gen_cards_iban as ci
import gen_names_addr as na
from gen_common import Doc, Probe, pick, digits, rand_date
from gen_cards_iban import luhn_complete, luhn_ok, _es_dc


def _p(text, context, lang):
    d = Doc()
    d.add(text)
    return Probe(d, context, lang)


def neg_de_behoerde(r):
    t = pick(r, [
        "Ihr Zeichen: 2 BvR %d/%02d\nSteuernummer: %d/%03d/%05d\nHandelsregister: HRB %d B\n"
        "USt-IdNr.: DE%s\nAlte Bankverbindung: BLZ %s %s %s, Kontonummer %s (bitte künftig nur noch die IBAN angeben)" % (
            r.randint(100, 2999), r.randint(10, 24), r.randint(10, 99), r.randint(100, 999), r.randint(0, 99999),
            r.randint(10000, 250000), digits(r, 9, True), digits(r, 3, True), digits(r, 3), digits(r, 2),
            digits(r, 10)),
        "Ärztlicher Bereitschaftsdienst: 116 117. Notruf: 112. Die Praxis ist vom %02d.%02d. bis %02d.%02d. "
        "geschlossen; Rezepte können ab %02d:00 Uhr abgeholt werden." % (
            r.randint(1, 10), (mo := r.randint(1, 12)), r.randint(11, 28), mo, r.randint(7, 10)),
        "Kundennummer %s %s, Vertragskonto %s, Zählernummer 1ESY%s. Abschlag ab %s: %d,00 EUR monatlich." % (
            digits(r, 4), digits(r, 4), digits(r, 12, True), digits(r, 10),
            na.fmt_date(r, rand_date(r, 2024, 2025), "de", 0), r.randint(40, 250)),
    ])
    return _p(t, pick(r, ["letter", "invoice"]), "de")


def _siren(r):
    return luhn_complete(str(r.randint(3, 9)) + digits(r, 7))


def _siret(r, siren):
    while True:
        s = siren + digits(r, 4)
        full = luhn_complete(s)
        if luhn_ok(full):
            return full


def neg_fr_entreprise(r):
    siren = _siren(r)
    siret = _siret(r, siren)
    key = (12 + 3 * (int(siren) % 97)) % 97
    t = pick(r, [
        "Exemple Assurances SAS au capital de %d 000 EUR - RCS Lyon %s %s %s - SIRET %s %s %s %s - "
        "TVA intracommunautaire FR%02d%s - Code APE 6512Z" % (
            r.randint(10, 900), siren[:3], siren[3:6], siren[6:], siret[:3], siret[3:6], siret[6:9], siret[9:],
            key, siren),
        "Référence de votre dossier : %s-%s. Numéro d'adhérent : %s. Merci de rappeler ces références "
        "dans toute correspondance. Montant remboursé : %d,%02d EUR." % (
            digits(r, 4), digits(r, 6), digits(r, 10, True), r.randint(10, 500), r.randint(0, 99)),
    ])
    return _p(t, "invoice", "fr")


def neg_es_empresa(r):
    bank, branch, acct = pick(r, ["2100", "0049", "0182"]), digits(r, 4), digits(r, 10)
    dc = _es_dc("00" + bank + branch) + _es_dc(acct)
    t = pick(r, [
        "Pedido n.º %d/%05d - CIF B%s - Cuenta (formato CCC antiguo): %s %s %s %s. "
        "Desde 2014 solo se admite el IBAN para domiciliaciones." % (
            r.randint(2024, 2025), r.randint(1, 99999), digits(r, 8), bank, branch, dc, acct),
        "Referencia catastral %s%s%s%s. Superficie construida %d m2, año de construcción %d. "
        "Valor catastral %d.%03d,%02d EUR." % (
            digits(r, 7), "".join(pick(r, "ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(2)), digits(r, 4),
            "S0001WX", r.randint(50, 300), r.randint(1950, 2020), r.randint(40, 400), r.randint(0, 999),
            r.randint(0, 99)),
    ])
    return _p(t, pick(r, ["invoice", "form"]), "es")


def neg_it_azienda(r):
    piva = luhn_complete(digits(r, 7, True) + pick(r, ["015", "096", "036", "001"]))
    t = ("Esempio Servizi S.r.l. - P.IVA %s - REA MI-%s - Capitale sociale EUR %d.000,00 i.v. - "
         "Codice ATECO %s - Sede legale: 20121 Milano. Pratica n. %d/%s del %s." % (
             piva, digits(r, 7, True), r.randint(10, 500), pick(r, ["62.01.00", "65.12.00", "66.22.01"]),
             r.randint(2024, 2025), digits(r, 6), na.fmt_date(r, rand_date(r, 2024, 2025), "it", 0)))
    return _p(t, "invoice", "it")


def neg_nl_bedrijf(r):
    t = pick(r, [
        "Voorbeeld Verzekeringen B.V. | KvK %s | BTW NL%sB01 | oud rekeningnummer %s.%s.%s.%s | "
        "polisnummer %s-%s" % (digits(r, 8, True), digits(r, 9, True), digits(r, 2, True), digits(r, 2),
                               digits(r, 2), digits(r, 3, True), digits(r, 6), digits(r, 2)),
        "Uw zending met track & trace 3S%s%s is op %s afgeleverd bij het servicepunt; "
        "ophaalcode %s." % ("".join(pick(r, "ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(4)), digits(r, 9),
                            na.fmt_date(r, rand_date(r, 2024, 2025), "nl", 1), digits(r, 6)),
    ])
    return _p(t, pick(r, ["invoice", "email"]), "nl")


def _nip(r):
    w = [6, 5, 7, 2, 3, 4, 5, 6, 7]
    while True:
        b = digits(r, 9, True)
        c = sum(int(x) * w[i] for i, x in enumerate(b)) % 11
        if c != 10:
            return b + str(c)


def _regon(r):
    w = [8, 9, 2, 3, 4, 5, 6, 7]
    b = digits(r, 8, True)
    c = sum(int(x) * w[i] for i, x in enumerate(b)) % 11
    return b + str(0 if c == 10 else c)


def neg_pl_firma(r):
    nip = _nip(r)
    d1, d2 = sorted([rand_date(r, 2024, 2025), rand_date(r, 2024, 2025)])
    t = pick(r, [
        "Przykład Ubezpieczenia S.A., NIP %s-%s-%s-%s, REGON %s, KRS %010d, kapitał zakładowy %d %03d 000 zł." % (
            nip[:3], nip[3:6], nip[6:8], nip[8:], _regon(r), r.randint(1, 999999), r.randint(1, 90), r.randint(0, 999)),
        "Zamówienie nr ZAM/%d/%05d z dnia %s, termin płatności %s. Numer przesyłki %s." % (
            d1[0], r.randint(1, 99999), na.fmt_date(r, d1, "pl", 0),
            na.fmt_date(r, d2, "pl", 0), digits(r, 24, True)),
    ])
    return _p(t, "invoice", "pl")


def _nipc(r):
    while True:
        b = "5" + digits(r, 7)
        s = sum(int(x) * (9 - i) for i, x in enumerate(b))
        c = 11 - s % 11
        if c < 10:
            return b + str(c)


def neg_pt_empresa(r):
    nipc = _nipc(r)
    t = pick(r, [
        "Pagamento por Multibanco: Entidade %s, Referência %s %s %s, Valor %d,%02d EUR. "
        "Data-limite: %s." % (digits(r, 5, True), digits(r, 3), digits(r, 3), digits(r, 3), r.randint(10, 400),
                              r.randint(0, 99), na.fmt_date(r, rand_date(r, 2024, 2025), "pt", 0)),
        "Exemplo Seguros, S.A. - NIPC %s %s %s - Capital social %d.000.000 EUR - Matrícula na CRC de Lisboa. "
        "Apólice n.º %s/%s." % (nipc[:3], nipc[3:6], nipc[6:], r.randint(1, 90), digits(r, 8), digits(r, 2)),
    ])
    return _p(t, "invoice", "pt")


def neg_sv_foretag(r):
    org = luhn_complete("55" + digits(r, 7))
    bg = luhn_complete(digits(r, 6, True))
    t = pick(r, [
        "Exempel Försäkring AB, org.nr %s-%s, bankgiro %s-%s, momsreg.nr SE%s01. OCR-nummer: %s." % (
            org[:6], org[6:], bg[:3], bg[3:], org, luhn_complete(digits(r, 12, True))),
        "Din försäkring förnyas den %s. Premien %d kr dras via autogiro; betalningsmottagare bankgiro %s-%s." % (
            na.fmt_date(r, rand_date(r, 2024, 2025), "sv", 0), r.randint(900, 9000), bg[:3], bg[3:]),
    ])
    return _p(t, "invoice", "sv")


NON_DOB = {
    "de": ["Rechnungsdatum: {a}, fällig am {b}. Leistungszeitraum: {m} {y}.",
           "Ihr Termin zur Blutabnahme: {a}, 08:15 Uhr. Befundbesprechung am {b}."],
    "fr": ["Date d'échéance : {a} ; date de valeur : {b}. Période couverte : {m} {y}.",
           "Votre rendez-vous de contrôle est fixé au {a} ; résultats disponibles à partir du {b}."],
    "es": ["Fecha de emisión: {a}. Fecha de vencimiento: {b}. Periodo de facturación: {m} de {y}.",
           "Su cita de revisión es el {a} a las 9:40; el informe estará disponible el {b}."],
    "it": ["Data di emissione: {a}. Data di scadenza: {b}. Periodo di riferimento: {m} {y}.",
           "Appuntamento per il prelievo: {a} ore 8:30; ritiro referti dal {b}."],
    "nl": ["Factuurdatum: {a}. Vervaldatum: {b}. Periode: {m} {y}.",
           "Uw afspraak op de polikliniek: {a} om 10:20. Uitslag volgt uiterlijk {b}."],
    "pt": ["Data de emissão: {a}. Data-limite de pagamento: {b}. Período de faturação: {m} de {y}.",
           "A sua consulta está marcada para {a}; os resultados estarão disponíveis a {b}."],
    "pl": ["Data wystawienia: {a}. Termin płatności: {b}. Okres rozliczeniowy: {m} {y}.",
           "Wizyta kontrolna: {a}, godz. 11:00. Wyniki badań będą dostępne od {b}."],
    "sv": ["Fakturadatum: {a}. Förfallodatum: {b}. Period: {m} {y}.",
           "Din tid för provtagning: {a} kl. 08.45. Svar finns tidigast {b}."],
}
NOM_MONTH = {"pl": ["styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień",
                    "wrzesień", "październik", "listopad", "grudzień"]}


def neg_intl_dates(r):
    lang = pick(r, sorted(NON_DOB))
    a, b = sorted([rand_date(r, 2024, 2025), rand_date(r, 2024, 2025)])
    mlist = NOM_MONTH.get(lang, na.MONTHS[lang])
    t = pick(r, NON_DOB[lang]).format(a=na.fmt_date(r, a, lang), b=na.fmt_date(r, b, lang),
                                      m=pick(r, mlist), y=a[0])
    return _p(t, pick(r, ["invoice", "medical-intake"]), lang)


COMPANIES = {
    "de": "Lieferanten im Rahmenvertrag: Siemens Healthineers, Robert Bosch GmbH, Porsche Leasing und Dr. Oetker "
          "(Kantine). Die Bestellung bei Hugo Boss wird storniert.",
    "fr": "Partenaires retenus : Peugeot pour la flotte, Michelin pour les pneus, Yves Rocher et Louis Vuitton "
          "pour les cadeaux clients. Le contrat avec Renault n'est pas reconduit.",
    "nl": "Inkoop: koffie via Douwe Egberts, boodschappen voor de kantine bij Albert Heijn, verlichting van Philips. "
          "De offerte van Heineken is afgewezen.",
    "it": "Fornitori approvati: Ferrero per i regali natalizi, Lavazza per le macchine da caffè, Giorgio Armani "
          "per le divise. Pirelli fornirà gli pneumatici della flotta.",
    "es": "Proveedores homologados: El Corte Inglés para material de oficina y Carolina Herrera para los "
          "obsequios de empresa; la oferta de Mahou San Miguel queda pendiente.",
    "pt": "Fornecedores aprovados: Jerónimo Martins para a cantina e Delta Cafés para as máquinas de café. "
          "O contrato com a Vista Alegre termina em dezembro.",
    "pl": "Dostawcy: czekolada od E. Wedel, kosmetyki Dr Irena Eris na upominki, aparatura Philips. "
          "Oferta firmy Żywiec została odrzucona.",
    "sv": "Leverantörer: Ericsson för växeln, Hennes & Mauritz för arbetskläder, Max Hamburgare för personalfesten "
          "och Husqvarna för trädgårdsskötseln.",
}


def neg_intl_companies(r):
    lang = pick(r, sorted(COMPANIES))
    return _p(COMPANIES[lang], "email", lang)


STREETS_NO_NUMBER = {
    "de": "Verkehrshinweis: Wegen Bauarbeiten ist die Konrad-Adenauer-Straße zwischen Goetheplatz und "
          "Schillerstraße bis Freitag gesperrt.",
    "fr": "Info trafic : travaux boulevard Haussmann et avenue Victor Hugo jusqu'à vendredi ; "
          "prévoir un détour par la place Jean Jaurès.",
    "es": "Aviso: cortes de tráfico en la Calle de Alcalá y en la Avenida de la Constitución por la "
          "manifestación del sábado.",
    "it": "Avviso: lavori in corso in Via Giuseppe Garibaldi e in Corso Vittorio Emanuele II fino a venerdì.",
    "nl": "Let op: werkzaamheden op de Laan van Meerdervoort en de Burgemeester de Withstraat, "
          "omleiding via de Lange Voorhout.",
    "pt": "Aviso: manifestação na Avenida da Liberdade e na Rua Augusta no sábado à tarde.",
    "pl": "Utrudnienia w ruchu na al. Jana Pawła II i ul. Adama Mickiewicza do końca tygodnia.",
    "sv": "Trafikinfo: Drottninggatan och Sveavägen är avstängda för fordonstrafik under lördagen.",
}


def neg_intl_streets(r):
    lang = pick(r, sorted(STREETS_NO_NUMBER))
    return _p(STREETS_NO_NUMBER[lang], "email", lang)
