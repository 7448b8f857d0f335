"""Short texts with one or two PII values, in all nine languages."""
import gen_phone as ph
import gen_cards_iban as ci
import gen_names_addr as na
from gen_common import Doc, fill, Probe, pick, digits, rand_date
from gen_tpl_en import en_name

CC = {"en": "US", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL", "pt": "PT", "pl": "PL", "sv": "SE"}

PHONE_LINES = {
    "en": ["Can someone call me back on <<PHONE|p>>? I've been on hold for 40 minutes.",
           "New mobile for the file: <<PHONE|p>> (old landline disconnected).",
           "Pharmacy called from <<PHONE|p>> about the prior authorisation.",
           "Reach the on-call adjuster at <<PHONE|p>> after 6 pm."],
    "de": ["Bitte rufen Sie mich unter <<PHONE|p>> zurück, am besten vormittags.",
           "Neue Handynummer für die Akte: <<PHONE|p>>"],
    "fr": ["Merci de me rappeler au <<PHONE|p>> entre 12h et 14h.",
           "Mon nouveau numéro de portable est le <<PHONE|p>>."],
    "es": ["Llámeme al <<PHONE|p>> por las tardes, por favor.",
           "Mi nuevo móvil es el <<PHONE|p>>"],
    "it": ["Può richiamarmi al <<PHONE|p>> dopo le 17?",
           "Il nuovo numero di cellulare è <<PHONE|p>>."],
    "nl": ["Kunt u mij terugbellen op <<PHONE|p>>? Ik ben de hele dag bereikbaar.",
           "Mijn nieuwe telefoonnummer is <<PHONE|p>>."],
    "pt": ["Pode ligar-me para o <<PHONE|p>> ao fim da tarde?",
           "O meu novo contacto é o <<PHONE|p>>."],
    "pl": ["Proszę o kontakt pod numerem <<PHONE|p>> po godzinie 16.",
           "Mój nowy numer telefonu to <<PHONE|p>>."],
    "sv": ["Ring mig gärna på <<PHONE|p>> efter lunch.",
           "Mitt nya mobilnummer är <<PHONE|p>>."],
}


def short_phone(r):
    lang = pick(r, ["en", "en", "en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv"])
    c = CC[lang] if lang != "en" else pick(r, ["US", "GB", "CA", "AU", "IE", "CH"])
    ext = lang == "en" and c in ("US", "GB") and r.random() < 0.3
    line = pick(r, PHONE_LINES[lang])
    mob = any(w in line for w in ("mobile", "Handy", "portable", "móvil", "cellulare", "mobilnummer",
                                  "nieuwe telefoonnummer", "novo contacto", "numer telefonu"))
    if ext:
        p = ph.phone_s(r, c, ext=True, mobile=False) if c == "GB" else ph.phone_s(r, c, ext=True)
    elif mob and c not in ("US", "CA"):
        p = ph.phone_s(r, c, mobile=True)
    else:
        p = ph.phone_s(r, c)
    d = fill(line, p=p)
    return Probe(d, pick(r, ["chat", "email", "support-ticket"]), lang)


def short_tel_link(r):
    c = pick(r, ["US", "GB", "DE", "FR", "NL", "ES", "IT", "SE", "PL", "PT"])
    disp, e164 = ph.phone(r, c)
    while disp == e164:
        disp, e164 = ph.phone(r, c)
    d = fill(pick(r, ["[Call our claims hotline](tel:<<PHONE|t>>) - or dial <<PHONE|d>>.",
                      "Need help? [<<PHONE|d>>](tel:<<PHONE|t>>)"]), t=e164, d=disp)
    return Probe(d, "markdown", "en")


EMAIL_LINES = {
    "en": ["pls cc <<EMAIL|e>> on the renewal quote, she's taking over the account",
           "Send the signed mandate to <<EMAIL|e>> and we'll process it today.",
           "Bounce: delivery to <<EMAIL|e>> failed (mailbox full)."],
    "de": ["Bitte schicken Sie die Unterlagen an <<EMAIL|e>>."],
    "fr": ["Vous pouvez m'écrire à <<EMAIL|e>> pour toute question."],
    "es": ["Envíe la documentación a <<EMAIL|e>>, por favor."],
    "it": ["Per favore inviate la documentazione a <<EMAIL|e>>."],
    "nl": ["Stuur de polis naar <<EMAIL|e>> alstublieft."],
    "pt": ["Por favor enviem o recibo para <<EMAIL|e>>."],
    "pl": ["Proszę przesłać dokumenty na adres <<EMAIL|e>>."],
    "sv": ["Skicka gärna kvittot till <<EMAIL|e>>."],
}


def short_email(r):
    lang = pick(r, ["en", "en", "en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv"])
    name = en_name(r) if lang == "en" else na.person(r, lang)
    e = na.email_for(r, name, plus=r.random() < 0.35)
    d = fill(pick(r, EMAIL_LINES[lang]), e=e)
    return Probe(d, pick(r, ["chat", "email"]), lang)


def short_email_display(r):
    name = en_name(r)
    e = na.email_for(r, name, domain=pick(r, ["subsidiary.example.com", "eu.example.com",
                                              "mail.example.org"]))
    v = r.randint(0, 1)
    if v == 0:
        d = fill("Reply-To: <<PERSON|n>> <<<EMAIL|e>>>", n=name, e=e)
    else:
        d = fill("-----Original Message-----\nFrom: <<PERSON|n>> [mailto:<<EMAIL|e>>]\nSent: <<dt>>\n"
                 "Subject: RE: broker commission statement",
                 n=name, e=e, dt="%s, %s %d, 2024 %d:%02d PM" % (
                     pick(r, ["Monday", "Tuesday", "Thursday"]), pick(r, na.MONTHS["en"]), r.randint(1, 28),
                     r.randint(1, 11), r.randint(0, 59)))
    return Probe(d, "email", "en")


def short_card(r):
    brand = pick(r, ["visa", "visa", "mastercard", "mastercard2", "amex", "discover", "jcb", "jcb",
                     "diners", "diners"])
    c = ci.card(r, brand)
    lang = pick(r, ["en", "en", "en", "de", "fr", "es"])
    tpl = {
        "en": pick(r, ["Please charge the deductible to <<CARD|c>>, same expiry as before.",
                       "card number: <<CARD|c>>\nsecurity code: (will give over the phone)",
                       "Refund should go back to the <<b>> <<CARD|c>>, not to my bank account."]),
        "de": "Bitte buchen Sie den Selbstbehalt von meiner Kreditkarte <<CARD|c>> ab.",
        "fr": "Vous pouvez débiter ma carte <<CARD|c>> pour la franchise.",
        "es": "Cárguenlo en mi tarjeta <<CARD|c>>, caduca el mes que viene.",
    }[lang]
    d = fill(tpl, c=c, b={"visa": "Visa", "mastercard": "Mastercard", "mastercard2": "Mastercard",
                          "amex": "Amex", "discover": "Discover", "jcb": "JCB", "diners": "Diners"}[brand])
    return Probe(d, pick(r, ["chat", "email"]), lang)


IBAN_LINES = {
    "de": ("DE", "Bitte überweisen Sie die Erstattung auf mein Konto <<IBAN|i>>."),
    "fr": ("FR", "Merci de verser le remboursement sur mon compte <<IBAN|i>>."),
    "es": ("ES", "Les facilito mi nuevo IBAN: <<IBAN|i>>"),
    "it": ("IT", "Vi comunico il nuovo IBAN per l'accredito: <<IBAN|i>>"),
    "nl": ("NL", "Graag het bedrag overmaken naar <<IBAN|i>> t.n.v. mijzelf."),
    "pt": ("PT", "O meu IBAN é <<IBAN|i>>, obrigado."),
    "pl": ("PL", "Proszę o zwrot na rachunek <<IBAN|i>>."),
    "sv": ("SE", "Betala gärna tillbaka till mitt konto <<IBAN|i>>."),
    "en": (None, "Refund account (IBAN): <<IBAN|i>>"),
}


def short_iban(r):
    lang = pick(r, sorted(IBAN_LINES))
    cc, tpl = IBAN_LINES[lang]
    cc = cc or pick(r, ["GB", "IE", "CH", "AT", "BE", "DK", "LU"])
    d = fill(tpl, i=ci.iban_fmt(ci.iban(r, cc), grouped=r.random() < 0.6))
    return Probe(d, pick(r, ["email", "chat"]), lang)


def short_ssn(r):
    tpl = pick(r, ["my social is <<SSN|s>>, do you need anything else?",
                   "SSN# <<SSN|s>> - please re-run the background check.",
                   "Dependent's Social Security number: <<SSN|s>>",
                   "Taxpayer ID (SSN): <<SSN|s>>; filing status: single"])
    d = fill(tpl, s=ci.ssn(r, pick(r, ["dash", "space", "plain"])))
    return Probe(d, pick(r, ["chat", "form"]), "en")


def short_ip(r):
    tpl = pick(r, ["Blocked <<IP|i>> after 5 failed logins for the same account.",
                   "audit: admin session opened from <<IP|i>> (MFA passed)",
                   "Customer's router WAN address is <<IP|i>>; port forwarding disabled.",
                   "GeoIP lookup for <<IP|i>> returned no city-level match.",
                   'X-Forwarded-For: <<IP|k>>, <<IP|j>>',
                   'Admin console exposed at http://<<IP|k>>:8080/manage - restrict before go-live.',
                   'dual-stack client seen as <<IP|m>> by the legacy proxy'])
    d = fill(tpl, i=ci.ipv4(r) if r.random() < 0.6 else ci.ipv6(r), k=ci.ipv4(r),
             j=ci.ipv4(r, "private"), m=ci.ipv6(r, "mapped"))
    return Probe(d, pick(r, ["log", "support-ticket"]), "en")


DOB_LINES = {
    "en": ["Insured's daughter, born <<DOB|b>>, to be added as a named driver.",
           "DOB <<DOB|b>> - please double-check against the passport copy.",
           "d.o.b.: <<DOB|b>>; NHS number to follow"],
    "de": ["Versicherte Person geboren am <<DOB|b>>, Tarif Kompakt.", "geb. <<DOB|b>>"],
    "fr": ["Bénéficiaire né le <<DOB|b>> à Lyon.", "Enfant à charge, née le <<DOB|b>>."],
    "es": ["Asegurado nacido el <<DOB|b>> en Sevilla.", "Fecha de nacimiento del tomador: <<DOB|b>>"],
    "it": ["Beneficiario nato il <<DOB|b>>.", "Data di nascita del contraente: <<DOB|b>>"],
    "nl": ["Verzekerde, geboren op <<DOB|b>>, wordt meeverzekerd.", "Geboortedatum kind: <<DOB|b>>"],
    "pt": ["Titular nascido em <<DOB|b>>.", "Data de nascimento do beneficiário: <<DOB|b>>"],
    "pl": ["Ubezpieczony urodzony <<DOB|b>> r.", "Data urodzenia dziecka: <<DOB|b>>"],
    "sv": ["Försäkrad, född <<DOB|b>>.", "Födelsedatum för medförsäkrad: <<DOB|b>>"],
}


def short_dob(r):
    lang = pick(r, sorted(DOB_LINES))
    fl = lang if lang != "en" else pick(r, ["en", "en-gb"])
    d = fill(pick(r, DOB_LINES[lang]), b=na.fmt_date(r, na.birth_date(r), fl))
    return Probe(d, pick(r, ["form", "email", "medical-intake"]), lang)


def short_person(r):
    lang = pick(r, ["en", "en", "en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv"])
    name = pick(r, na.COMMON_WORD_NAMES + na.PARTICLE_NAMES) if r.random() < 0.4 else (
        en_name(r) if lang == "en" else na.person(r, lang, gender=1 if lang == "de" else None))
    if lang == "de" and (name in na.COMMON_WORD_GENDER and na.COMMON_WORD_GENDER[name] == 0
                         or name in ("Jan van der Berg", "Pieter de Vries", "Giovanni di Stefano",
                                     "Friedrich von Hohenberg", "Luís da Costa", "Sjoerd ter Horst",
                                     "Ludwig von der Heide")):
        name = na.person(r, "de", gender=1)
    tpl = {
        "en": pick(r, ["Please ask <<PERSON|n>> to countersign the form before Friday.",
                       "Escalated to <<PERSON|n>> (team lead) - awaiting reply.",
                       "Loss adjuster assigned: <<PERSON|n>>."]),
        "de": "Zuständige Sachbearbeiterin: <<PERSON|n>>",
        "fr": "Dossier suivi par <<PERSON|n>>.",
        "es": "Gestor asignado: <<PERSON|n>>",
        "it": "Pratica assegnata a <<PERSON|n>>.",
        "nl": "Behandelaar: <<PERSON|n>>",
        "pt": "Gestor do processo: <<PERSON|n>>",
        "pl": "Osoba prowadząca sprawę: <<PERSON|n>>",
        "sv": "Handläggare: <<PERSON|n>>",
    }[lang]
    d = fill(tpl, n=name)
    return Probe(d, pick(r, ["email", "support-ticket", "crm-export"]), lang)


STREET_LINES = {
    "en": ["Ship the replacement router to <<STREET|s>>, <<cl>>.",
           "Inspection address: <<STREET|s>> (side gate, dog on premises)"],
    "de": ["Lieferanschrift: <<STREET|s>>, <<cl>>"],
    "fr": ["Adresse du sinistre : <<STREET|s>>, <<cl>>"],
    "es": ["Dirección del siniestro: <<STREET|s>>, <<cl>>"],
    "it": ["Indirizzo del sinistro: <<STREET|s>>, <<cl>>"],
    "nl": ["Schadeadres: <<STREET|s>>, <<cl>>"],
    "pt": ["Morada do sinistro: <<STREET|s>>, <<cl>>"],
    "pl": ["Adres szkody: <<STREET|s>>, <<cl>>"],
    "sv": ["Skadeadress: <<STREET|s>>, <<cl>>"],
}


def short_street(r):
    lang = pick(r, sorted(STREET_LINES))
    c = CC[lang] if lang != "en" else pick(r, ["US", "GB", "CA", "IE", "AU"])
    d = fill(pick(r, STREET_LINES[lang]), s=na.street(r, c), cl=na.city_line(r, c))
    return Probe(d, pick(r, ["claim", "email", "form"]), lang)
