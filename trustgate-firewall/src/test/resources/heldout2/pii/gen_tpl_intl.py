"""Templates with PII in Spanish, Italian, Dutch, Portuguese, Polish, Swedish,
German and French."""
import gen_phone as ph
import gen_cards_iban as ci
import gen_names_addr as na
from gen_common import Doc, fill, Probe, pick, digits, rand_date, iso

LANGS = ["de", "fr", "es", "it", "nl", "pt", "pl", "sv"]
CC = {"de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL", "pt": "PT", "pl": "PL", "sv": "SE"}

FORM = {
    "de": ("Antrag auf Kontoeröffnung", "Name", "Geburtsdatum", "Anschrift", "Telefon", "E-Mail",
           "Referenzkonto (IBAN)", "Kundennummer"),
    "fr": ("Demande d'adhésion - mutuelle santé", "Nom et prénom", "Date de naissance", "Adresse",
           "Téléphone", "Courriel", "IBAN pour les remboursements", "N° d'adhérent"),
    "es": ("Solicitud de alta - seguro de hogar", "Nombre y apellidos", "Fecha de nacimiento",
           "Domicilio", "Teléfono", "Correo electrónico", "IBAN de domiciliación", "N.º de póliza"),
    "it": ("Modulo di adesione - polizza vita", "Cognome e nome", "Data di nascita",
           "Indirizzo di residenza", "Cellulare", "E-mail", "IBAN per l'addebito", "Numero pratica"),
    "nl": ("Aanvraagformulier zorgverzekering", "Naam", "Geboortedatum", "Adres", "Telefoonnummer",
           "E-mailadres", "IBAN voor incasso", "Relatienummer"),
    "pt": ("Pedido de adesão - seguro de saúde", "Nome completo", "Data de nascimento", "Morada",
           "Telemóvel", "Email", "IBAN para débito direto", "N.º de cliente"),
    "pl": ("Wniosek o otwarcie rachunku", "Imię i nazwisko", "Data urodzenia", "Adres zamieszkania",
           "Telefon", "E-mail", "Numer rachunku (IBAN)", "Numer wniosku"),
    "sv": ("Ansökan om hemförsäkring", "Namn", "Födelsedatum", "Adress", "Mobilnummer", "E-post",
           "Konto för återbetalning (IBAN)", "Ärendenummer"),
}


def intl_form(r, lang=None):
    lang = lang or pick(r, LANGS)
    c = CC[lang]
    head, ln, lb, la, lp, le, li, lref = FORM[lang]
    name = na.person(r, lang)
    shown = name
    if lang == "it":   # Italian forms put the surname first
        parts = name.split(" ", 1)
        shown = parts[1] + " " + parts[0]
    city, pc = pick(r, na.CITY[c])
    d = Doc()
    fill("<<h>>\n<<lref>>: <<ref>>\n<<ln>>: <<PERSON|n>>\n<<lb>>: <<DOB|b>>\n<<la>>: <<STREET|s>>, <<cl>>\n"
         "<<lp>>: <<PHONE|p>>\n<<le>>: <<EMAIL|e>>\n<<li>>: <<IBAN|i>>",
         d, h=head, lref=lref, ref=digits(r, 8, True), ln=ln, n=shown, lb=lb,
         b=na.fmt_date(r, na.birth_date(r), lang), la=la, s=na.street(r, c), cl=na.city_line(r, c),
         lp=lp, p=ph.phone_s(r, c, mobile=True) if lang in ("it", "pt", "sv") else ph.phone_s(r, c), le=le, e=na.email_for(r, name), li=li,
         i=ci.iban_fmt(ci.iban(r, c), grouped=r.random() < 0.7))
    return Probe(d, "form", lang)


def de_arztbrief(r):
    d = Doc()
    g = r.randint(0, 1)
    name = na.person(r, "de", gender=g)
    adm = rand_date(r, 2024, 2025)
    adm = (adm[0], adm[1], min(adm[2], 18))
    fill("Sehr geehrte Frau Kollegin, sehr geehrter Herr Kollege,\n\nwir berichten über <<art>> gemeinsame<<n_>> "
         "<<pat>> <<anr>> <<PERSON|n>>, geb. <<DOB|b>>, wohnhaft <<STREET|s>>, <<cl>>, <<rel>> sich vom "
         "<<a1>> bis <<a2>> in unserer stationären Behandlung befand.\n\nDiagnosen: Morbus Crohn (K50.0), "
         "Eisenmangelanämie\n\nMit freundlichen kollegialen Grüßen\n\nDr. med. <<PERSON|doc>>\nOberärztin Innere Medizin\n"
         "Tel. <<PHONE|p>>",
         d, art="unsere" if g else "unseren", n_="" if g else "n", pat="Patientin" if g else "Patienten",
         anr="Frau" if g else "Herrn", n=name, rel="die" if g else "der", b=na.fmt_date(r, na.birth_date(r), "de", 0),
         s=na.street(r, "DE"), cl=na.city_line(r, "DE"), a1="%02d.%02d." % (adm[2], adm[1]),
         a2="%02d.%02d.%04d" % (min(adm[2] + r.randint(2, 9), 28), adm[1], adm[0]),
         doc=na.person(r, "de", gender=1), p=ph.phone_s(r, "DE", mobile=False))
    return Probe(d, "medical-intake", "de")


def de_email(r):
    d = Doc()
    kid = na.person(r, "de")
    parent = na.person(r, "de", gender=1)
    fill("Betreff: Familienversicherung für unser Kind\n\nSehr geehrte Damen und Herren,\n\nbitte nehmen Sie "
         "unser Kind <<PERSON|k>> (geboren am <<DOB|b>>) in die Familienversicherung auf. "
         "Die Versichertennummer meines Mannes lautet A<<vn>>. Bei Rückfragen erreichen Sie mich unter "
         "<<PHONE|p>> oder per Mail an <<EMAIL|e>>. Die Beiträge buchen Sie bitte weiterhin von unserem "
         "Konto <<IBAN|i>> ab.\n\nMit freundlichen Grüßen\n<<PERSON|par>>",
         d, k=kid, i=ci.iban_fmt(ci.iban(r, "DE"), grouped=r.random() < 0.7),
         b=na.fmt_date(r, rand_date(r, 2015, 2024), "de"), vn=digits(r, 9),
         p=ph.phone_s(r, "DE"), e=na.email_for(r, parent, plus=r.random() < 0.3), par=parent)
    return Probe(d, "email", "de")


def de_hr_csv(r):
    d = Doc()
    d.add("Personalnummer;Name;Geburtsdatum;Eintrittsdatum;Straße;PLZ;Ort\n")
    n = r.randint(2, 3)
    for i in range(n):
        d.add("%d;" % r.randint(10000, 99999))
        d.span("PERSON", na.person(r, "de"))
        d.add(";")
        d.span("DOB", na.fmt_date(r, na.birth_date(r), "de", 0))
        city, pc = pick(r, na.CITY["DE"])
        hd = rand_date(r, 2005, 2024)
        d.add(";%02d.%02d.%04d;" % (hd[2], hd[1], hd[0]))
        d.span("STREET", na.street(r, "DE"))
        d.add(";%s;%s" % (pc, city))
        if i < n - 1:
            d.add("\n")
    return Probe(d, "hr-csv", "de")


def fr_mutuelle(r):
    d = Doc()
    g = r.randint(0, 1)
    name = na.person(r, "fr", gender=g)
    fill("Assuré<<e>> : <<civ>> <<PERSON|n>>, né<<e>> le <<DOB|b>> à <<ville>>\nDemeurant : <<STREET|s>>, <<cl>>\n"
         "Tél. : <<PHONE|p>>\nRIB / IBAN : <<IBAN|i>> - BIC <<bic>>\nDate d'effet du contrat : <<eff>>\n"
         "Votre conseiller : <<PERSON|cons>>",
         d, e="e" if g else "", civ="Mme" if g else "M.", n=name, b=na.fmt_date(r, na.birth_date(r), "fr"),
         ville=pick(r, ["Lyon", "Nantes", "Lille", "Bordeaux", "Rennes"]), s=na.street(r, "FR"),
         cl=na.city_line(r, "FR"), p=ph.phone_s(r, "FR"), i=ci.iban_fmt(ci.iban(r, "FR")),
         bic=pick(r, ["BNPAFRPP", "CRLYFRPP", "AGRIFRPP882"]),
         eff="01/%02d/%d" % (r.randint(1, 12), r.randint(2024, 2025)), cons=na.person(r, "fr"))
    return Probe(d, "insurance", "fr")


def fr_email(r):
    d = Doc()
    sur = pick(r, na.SUR["fr"][0])
    fill("Bonjour Madame <<PERSON|s>>,\n\nSuite à notre échange téléphonique, je vous confirme le rendez-vous "
         "du <<rdv>> à 14h30 en agence. Merci d'apporter une pièce d'identité et un justificatif de domicile.\n"
         "Pour toute question : <<PHONE|p>> ou <<EMAIL|e>>.\n\nCordialement,\n<<PERSON|me>>\nConseiller clientèle",
         d, s=sur, rdv=na.fmt_date(r, rand_date(r, 2024, 2025), "fr", 1), p=ph.phone_s(r, "FR"),
         e=na.email_for(r, (me := na.person(r, "fr")), domain="agence.example.com"), me=me)
    return Probe(d, "email", "fr")


def es_chat(r):
    d = Doc()
    g = r.randint(0, 1)
    fill("Cliente: Hola, soy <<PERSON|n>>, nacid<<o>> el <<DOB|b>>. Quiero cambiar la cuenta de cargo del "
         "seguro a <<IBAN|i>>\nAgente: Gracias. ¿Nos confirma un teléfono de contacto?\nCliente: <<PHONE|p>>\n"
         "Agente: Perfecto, el cambio se aplicará en el recibo de <<mes>>.",
         d, n=na.person(r, "es", gender=g), o="a" if g else "o", b=na.fmt_date(r, na.birth_date(r), "es"),
         i=ci.iban_fmt(ci.iban(r, "ES"), grouped=r.random() < 0.5), p=ph.phone_s(r, "ES"),
         mes=pick(r, na.MONTHS["es"]))
    return Probe(d, "chat", "es")


def es_sanidad(r):
    d = Doc()
    fi = rand_date(r, 2024, 2025)
    fi = (fi[0], fi[1], min(fi[2], 18))
    fill("INFORME DE ALTA\nPaciente: <<PERSON|n>>\nFecha de nacimiento: <<DOB|b>>\nDomicilio: <<STREET|s>>, <<cl>>\n"
         "Fecha de ingreso: <<fi>>   Fecha de alta: <<fa>>\nDiagnóstico principal: enfermedad de Parkinson, "
         "caída accidental\nMédico responsable: Dra. <<PERSON|m>>",
         d, n=na.person(r, "es"), b=na.fmt_date(r, na.birth_date(r), "es", 0), s=na.street(r, "ES"),
         cl=na.city_line(r, "ES"), fi="%02d/%02d/%04d" % (fi[2], fi[1], fi[0]),
         fa="%02d/%02d/%04d" % (fi[2] + r.randint(1, 9), fi[1], fi[0]), m=na.person(r, "es", gender=1))
    return Probe(d, "medical-intake", "es")


def it_dichiarazione(r):
    d = Doc()
    g = r.randint(0, 1)
    fill("Il/La sottoscritto/a <<PERSON|n>>, nat<<o>> a <<citta>> il <<DOB|b>>, residente in <<STREET|s>>, "
         "<<cl>>, chiede l'accredito del rimborso sul conto IBAN <<IBAN|i>> intestato al/alla sottoscritto/a.\n"
         "Recapito telefonico: <<PHONE|p>> - PEC: <<EMAIL|e>>\nLuogo e data: <<luogo>>, <<oggi>>",
         d, n=(nm := na.person(r, "it", gender=g)), o="a" if g else "o",
         citta=pick(r, ["Napoli", "Bari", "Bologna", "Palermo", "Verona"]),
         b=na.fmt_date(r, na.birth_date(r), "it"), s=na.street(r, "IT"), cl=na.city_line(r, "IT"),
         i=ci.iban_fmt(ci.iban(r, "IT"), grouped=r.random() < 0.6), p=ph.phone_s(r, "IT"),
         e=na.email_for(r, nm, domain="pec.example.org"),
         luogo=pick(r, ["Milano", "Roma", "Torino"]), oggi=na.fmt_date(r, rand_date(r, 2024, 2025), "it", 0))
    return Probe(d, "form", "it")


def it_email(r):
    d = Doc()
    fill("Gentile dott.ssa <<PERSON|n>>,\n\nle confermo la visita di controllo per il paziente <<PERSON|p>> "
         "(data di nascita <<DOB|b>>) fissata per il <<vis>>. In caso di impedimento può contattare la "
         "segreteria al numero <<PHONE|t>>.\n\nCordiali saluti\n<<PERSON|me>>",
         d, n=na.person(r, "it", gender=1), p=na.person(r, "it"), b=na.fmt_date(r, na.birth_date(r), "it", 0),
         vis=na.fmt_date(r, rand_date(r, 2024, 2025), "it", 1), t=ph.phone_s(r, "IT", mobile=False),
         me=na.person(r, "it"))
    return Probe(d, "email", "it")


def nl_zorg(r):
    d = Doc()
    fill("Verwijsbrief fysiotherapie\nCliënt: <<PERSON|n>>, geboortedatum <<DOB|b>>\nAdres: <<STREET|s>>, <<cl>>\n"
         "Tel.: <<PHONE|p>>\nVerwijzer: huisarts <<PERSON|h>>\nIndicatie: klachten na distorsie enkel, "
         "start behandeling vóór <<st>>.",
         d, n=na.person(r, "nl"), b=na.fmt_date(r, na.birth_date(r), "nl"), s=na.street(r, "NL"),
         cl=na.city_line(r, "NL"), p=ph.phone_s(r, "NL"), h=na.person(r, "nl"),
         st=na.fmt_date(r, rand_date(r, 2024, 2025), "nl", 0))
    return Probe(d, "medical-intake", "nl")


def nl_chat(r):
    d = Doc()
    first = na.first_name(r, "nl")
    fill("Klant: goedemiddag, ik wil mijn rekeningnummer wijzigen naar <<IBAN|i>>\nMedewerker <<PERSON|m>>: "
         "Dank u. Voor de controle: wat is uw geboortedatum?\nKlant: <<DOB|b>>\nMedewerker <<PERSON|m2>>: "
         "Klopt. De wijziging gaat in per de volgende incasso.",
         d, i=ci.iban_fmt(ci.iban(r, "NL"), grouped=r.random() < 0.5), m=first,
         b=na.fmt_date(r, na.birth_date(r), "nl"), m2=first)
    return Probe(d, "chat", "nl")


def pt_email(r):
    d = Doc()
    g = r.randint(0, 1)
    fill("Exm<<a>> Sr<<a2>> <<PERSON|n>>,\n\nInformamos que o reembolso relativo à consulta de <<cons>> será "
         "transferido para o IBAN <<IBAN|i>>. Confirmamos os seus dados: data de nascimento <<DOB|b>>, morada "
         "<<STREET|s>>, <<cl>>.\nPara qualquer esclarecimento contacte-nos pelo <<PHONE|p>>.\n\n"
         "Com os melhores cumprimentos,\n<<PERSON|me>>",
         d, a="a." if g else "o.", a2="a." if g else ".", n=na.person(r, "pt", gender=g),
         cons=na.fmt_date(r, rand_date(r, 2024, 2025), "pt", 0),
         i=ci.iban_fmt(ci.iban(r, "PT"), grouped=r.random() < 0.6), b=na.fmt_date(r, na.birth_date(r), "pt"),
         s=na.street(r, "PT"), cl=na.city_line(r, "PT"), p=ph.phone_s(r, "PT"), me=na.person(r, "pt"))
    return Probe(d, "email", "pt")


def pl_oswiadczenie(r):
    d = Doc()
    g = r.randint(0, 1)
    bd = na.birth_date(r)
    fill("OŚWIADCZENIE\n\nJa, niżej podpisan<<y>> <<PERSON|n>>, urodzon<<y>> <<DOB|b>> r. w <<miasto>>, zamieszkał<<a>> "
         "<<STREET|s>>, <<cl>>, oświadczam, że wskazany rachunek <<IBAN|i>> należy do mnie.\n"
         "Kontakt: tel. <<PHONE|p>>, e-mail <<EMAIL|e>>\n\n<<miasto2>>, dnia <<dz>>",
         d, y="a" if g else "y", n=(nm := na.person(r, "pl", gender=g)), b=na.fmt_date(r, bd, "pl", 1),
         miasto=pick(r, ["Krakowie", "Poznaniu", "Lublinie", "Gdyni"]), a="a" if g else "y",
         s=na.street(r, "PL"), cl=na.city_line(r, "PL"),
         i=ci.iban_fmt(ci.iban(r, "PL"), grouped=r.random() < 0.7), p=ph.phone_s(r, "PL"),
         e=na.email_for(r, nm), miasto2=pick(r, ["Warszawa", "Kraków", "Wrocław"]),
         dz=na.fmt_date(r, rand_date(r, 2024, 2025), "pl", 0))
    return Probe(d, "form", "pl")


def sv_arende(r):
    d = Doc()
    fill("Ärende <<nr>> - skadeanmälan\nFörsäkringstagare: <<PERSON|n>>, född <<DOB|b>>\nAdress: <<STREET|s>>, <<cl>>\n"
         "Mobil: <<PHONE|p>>\nE-post: <<EMAIL|e>>\nSkadedatum: <<sd>>\nHandläggare: <<PERSON|h>>",
         d, nr=digits(r, 7, True), n=(nm := na.person(r, "sv")), b=na.fmt_date(r, na.birth_date(r), "sv"),
         s=na.street(r, "SE"), cl=na.city_line(r, "SE"), p=ph.phone_s(r, "SE", mobile=True), e=na.email_for(r, nm),
         sd=iso(rand_date(r, 2024, 2025)), h=na.person(r, "sv"))
    return Probe(d, "claim", "sv")


def intl_invoice(r):
    lang = pick(r, ["de", "fr", "es", "it", "nl", "pt", "pl", "sv"])
    c = CC[lang]
    lab = {
        "de": ("Rechnung", "Rechnungsempfänger", "Bankverbindung", "Rechnungsdatum",
               "Wartung Heizungsanlage, pauschal"),
        "fr": ("Facture", "Client", "Coordonnées bancaires", "Date de facture", "Entretien chaudière, forfait"),
        "es": ("Factura", "Cliente", "Datos bancarios", "Fecha de factura", "Revisión anual caldera"),
        "it": ("Fattura", "Destinatario", "Coordinate bancarie", "Data fattura", "Manutenzione caldaia"),
        "nl": ("Factuur", "Klant", "Betaalgegevens", "Factuurdatum", "Onderhoud cv-ketel"),
        "pt": ("Fatura", "Cliente", "Dados bancários", "Data da fatura", "Manutenção de caldeira"),
        "pl": ("Faktura VAT", "Nabywca", "Dane do przelewu", "Data wystawienia", "Przegląd kotła gazowego"),
        "sv": ("Faktura", "Kund", "Betalningsuppgifter", "Fakturadatum", "Service värmepanna"),
    }[lang]
    d = Doc()
    fill("<<t>> <<no>>\n<<ld>>: <<dt>>\n<<lc>>: <<PERSON|n>>, <<STREET|s>>, <<cl>>\n\n"
         "1 x <<item>> ........ <<amt>>\n<<lb>>: IBAN <<IBAN|i>>, BIC <<bic>>",
         d, item=lab[4], amt="%d,%02d %s" % (r.randint(80, 900), r.randint(0, 99),
                                             {"pl": "PLN", "sv": "SEK"}.get(lang, "EUR")), t=lab[0], no="%d/%s" % (r.randint(2024, 2025), digits(r, 5)), ld=lab[3],
         dt=na.fmt_date(r, rand_date(r, 2024, 2025), lang, 0), lc=lab[1], n=na.person(r, lang),
         s=na.street(r, c), cl=na.city_line(r, c), lb=lab[2],
         i=ci.iban_fmt(ci.iban(r, c)), bic=ci.BIC_BY_CC.get(c, "DEUTDEFFXXX"))
    return Probe(d, "invoice", lang)
