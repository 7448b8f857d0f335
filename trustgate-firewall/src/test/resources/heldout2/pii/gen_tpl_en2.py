"""English templates that contain PII (part 2: conversations, networks, letters)."""
import gen_phone as ph
import gen_cards_iban as ci
import gen_names_addr as na
from gen_common import Doc, fill, Probe, pick, digits, rand_date, iso
from gen_tpl_en import en_name, dlang, MON3


def net_debug(r):
    d = Doc()
    v = r.randint(0, 2)
    if v == 0:
        ll = ci.ipv6(r, "linklocal")
        iface = pick(r, ["eth0", "en0", "wlan0", "ens192"])
        fill("$ ping6 -c 2 <<IP|a>>%<<if>>\nPING <<IP|b>>%<<if>>(<<IP|c>>%<<if>>) 56 data bytes\n"
             "64 bytes from <<IP|e>>%<<if>>: icmp_seq=1 ttl=64 time=0.412 ms\n"
             "64 bytes from <<IP|f>>%<<if>>: icmp_seq=2 ttl=64 time=0.388 ms",
             d, a=ll, b=ll, c=ll, e=ll, f=ll, **{"if": iface})
    elif v == 1:
        a6 = ci.ipv6(r, "compressed")
        a4 = ci.ipv4(r, "doc")
        fill("$ curl -v https://[<<IP|a>>]:8443/health\n*   Trying [<<IP|b>>]:8443...\n"
             "* Connected to <<IP|a2>> (<<IP|b2>>) port 8443\n* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n"
             "< HTTP/2 200\n< server: envoy\n< x-upstream: <<IP|c>>:9090",
             d, a=a6, b=a6, a2=a6, b2=a6, c=a4)
    else:
        fill("kernel: [ 8812.443] IN=eth0 OUT= MAC=<<mac>> SRC=<<IP|s>> DST=<<IP|t>> LEN=60 TOS=0x00 "
             "PREC=0x00 TTL=52 ID=54321 DF PROTO=TCP SPT=<<sp>> DPT=22 WINDOW=29200 SYN\n"
             "sshd[2211]: Failed password for invalid user admin from <<IP|s2>> port <<sp>> ssh2",
             d, mac=ci.mac(r), s=(src := ci.ipv4(r, "doc")), t=ci.ipv4(r, "private"), s2=src,
             sp=str(r.randint(30000, 65000)))
    return Probe(d, "log", "en")


def html_contact(r):
    d = Doc()
    c = pick(r, ["US", "GB", "AU", "IE"])
    disp, e164 = ph.phone(r, c, style="nat") if c != "US" else ph.phone(r, c, style="paren")
    assert disp != e164
    name = en_name(r)
    em = na.email_for(r, name, domain=pick(r, ["example.org", "agency.example", "example.com"]))
    fill('<div class="contact-card">\n  <h3>Your case officer: <<PERSON|n>></h3>\n'
         '  <p>Email <a href="mailto:<<EMAIL|e1>>?subject=Case%20<<cs>>"><<EMAIL|e2>></a><br>\n'
         '  Phone <a href="tel:<<PHONE|t>>"><<PHONE|tp>></a></p>\n'
         '  <p>General enquiries: <a href="mailto:<<EMAIL|g>>">contact us</a></p>\n</div>',
         d, n=name, e1=em, e2=em, cs=digits(r, 6), t=e164, tp=disp, g=na.role_email(r, "example.org"))
    return Probe(d, "html", "en")


def w9_form(r):
    d = Doc()
    name = en_name(r)
    city, pc = pick(r, na.CITY["US"])
    fill("Form W-9 (Rev. March 2024) - Request for Taxpayer Identification Number\n"
         "1 Name (as shown on your income tax return): <<PERSON|n>>\n"
         "3 Federal tax classification: [x] Individual/sole proprietor\n"
         "5 Address (number, street, and apt. or suite no.): <<STREET|s>>\n6 City, state, and ZIP code: <<cl>>\n"
         "Part I Taxpayer Identification Number - Social security number: <<SSN|ssn>>\n"
         "Signature of U.S. person: ________   Date: <<dt>>",
         d, n=name, s=na.street(r, "US"), cl="%s %s" % (city, pc),
         ssn=ci.ssn(r, pick(r, ["plain", "space", "dash"])),
         dt="%02d/%02d/2024" % (r.randint(1, 12), r.randint(1, 28)))
    return Probe(d, "form", "en")


def chat_dob(r):
    d = Doc()
    c = pick(r, ["US", "US", "GB", "AU"])
    v = r.randint(0, 2)
    bd = na.birth_date(r)
    if v == 0:
        fill("Bot: To verify your identity, please confirm your date of birth.\nUser: <<DOB|b>>\n"
             "Bot: Thanks. And the last four digits of your SSN?\nUser: <<l4>>\nBot: You're verified. "
             "How can I help today?", d, b=na.fmt_date(r, bd, dlang(c)), l4=digits(r, 4, True))
    elif v == 1:
        fill("user: hi its <<PERSON|n>>, policy <<pol>>. my birthday is <<DOB|b>> if you need it. "
             "i moved last month, new number is <<PHONE|p>>\nagent: Thanks <<PERSON|f>>, I've updated your phone.",
             d, n=(nm := en_name(r)), pol="HX-%s" % digits(r, 7), b=na.fmt_date(r, bd, dlang(c)),
             p=ph.phone_s(r, c), f=nm.split()[0])
    else:
        fill("[WhatsApp] <<PERSON|n>>: Hi, I'm filling in the travel insurance form for my son. "
             "He was born on <<DOB|b>> - does he still count as a child on the family plan?\n"
             "[WhatsApp] Northwind Travel: Children are covered until their 23rd birthday.",
             d, n=en_name(r), b=na.fmt_date(r, rand_date(r, 2003, 2015), dlang(c)))
    return Probe(d, "chat", "en")


def contact_directory(r):
    d = Doc()
    d.add(pick(r, ["Regional claims desks (Mon-Fri 8:00-18:00 local time):\n",
                   "Out-of-hours escalation numbers - keep this list up to date:\n"]))
    places = [("London", "GB"), ("Dublin", "IE"), ("Sydney", "AU"), ("Toronto", "CA"),
              ("Zurich", "CH"), ("Madrid", "ES"), ("Milan", "IT"), ("Amsterdam", "NL"),
              ("Lisbon", "PT"), ("Warsaw", "PL"), ("Stockholm", "SE"), ("Berlin", "DE"),
              ("Paris", "FR"), ("New York", "US")]
    r.shuffle(places)
    n = r.randint(4, 6)
    for i, (city, c) in enumerate(places[:n]):
        d.add("- %s: " % city)
        d.span("PHONE", ph.phone_s(r, c, style=pick(r, ["intl", "intl", "e164"]) if c not in ("US", "CA") else "intl"))
        if i < n - 1:
            d.add("\n")
    return Probe(d, "email", "en")


def chat_greeting(r):
    d = Doc()
    full = pick(r, na.COMMON_WORD_NAMES)
    sur = full.split()[-1]
    title = na.en_title(r, na.COMMON_WORD_GENDER[full])
    fill("Agent: Good afternoon <<tt>> <<PERSON|s>>, thanks for holding. I can see the refund was issued on "
         "the 4th.\nCustomer: Thanks. Please send the confirmation to my work address, <<EMAIL|e>>\n"
         "Agent: Will do. Anything else, <<tt>> <<PERSON|s2>>?\nCustomer: No, that's all. - <<PERSON|f>>",
         d, tt=title, s=sur, s2=sur, e=na.email_for(r, full, domain=pick(r, ["corp.example.net", "example.com"])),
         f=full)
    return Probe(d, "chat", "en")


def third_person(r):
    d = Doc()
    a, b = en_name(r, gender=1), en_name(r)
    fill("Quick update on the Harlow Street claim: I spoke with <<PERSON|a>> from Accounts Payable this morning. "
         "She confirmed that <<PERSON|b>> (the policyholder's <<rel>>) will send the signed forms by Friday. "
         "<<t2>><<PERSON|a2>> also asked that any further letters go to <<STREET|s>> rather than the old address.",
         d, a=a, b=b, rel=pick(r, ["son", "nephew", "brother", "attorney"]),
         t2=(t2 := pick(r, ["", "Ms "])), a2=a.split()[-1] if t2 else a.split()[0],
         s=na.street(r, pick(r, ["US", "GB"])))
    return Probe(d, "email", "en")


def attendees(r):
    d = Doc()
    names = []
    pool = [pick(r, na.COMMON_WORD_NAMES), pick(r, na.PARTICLE_NAMES), en_name(r),
            en_name(r, middle=True), na.person(r, pick(r, ["pl", "sv", "fr", "de"]))]
    r.shuffle(pool)
    d.add("Minutes - Fraud Review Board, %d %s 2024\nPresent: " % (r.randint(1, 28), na.MONTHS["en"][r.randint(0, 11)]))
    for i, n in enumerate(pool[:3]):
        d.span("PERSON", n)
        d.add("; " if i < 2 else "\n")
    d.add("Apologies: ")
    d.span("PERSON", pool[3])
    d.add("\nMinute-taker: ")
    d.span("PERSON", pool[4])
    d.add("\n1. Q1 chargeback ratio 0.42 % (target 0.50 %).\n2. New velocity rule goes live on 15 April.")
    return Probe(d, "email", "en")


def call_note(r):
    d = Doc()
    fill("CALL NOTE <<dt>> <<tm>> - inbound, queue: Benefits\nCaller identified as <<PERSON|n>>, verified with "
         "SSN <<SSN|s>> and DOB <<DOB|b>>. Caller asked why the March payment was reduced; explained the "
         "Medicare premium deduction. Callback requested on <<PHONE|p>> after 5 pm. Agent ID 4471.",
         d, dt=iso(rand_date(r, 2024, 2025)), tm="%02d:%02d" % (r.randint(8, 17), r.randint(0, 59)),
         n=en_name(r), s=ci.ssn(r), b=na.fmt_date(r, na.birth_date(r), "en"),
         p=ph.phone_s(r, "US"))
    return Probe(d, "call-center", "en")


def payment_api(r):
    d = Doc()
    brand = pick(r, ["visa", "mastercard", "mastercard2", "amex", "discover", "jcb", "diners"])
    num = ci.card(r, brand, style="plain") if r.random() < 0.7 else pick(r, ci.TEST_CARDS)
    fill('POST /v1/payments HTTP/1.1\nHost: api.payments.example.com\nContent-Type: application/json\n'
         'X-Request-Id: <<rid>>\n\n{"amount": <<amt>>, "currency": "usd", "source": {"object": "card", '
         '"number": "<<CARD|n>>", "exp_month": "<<mm>>", "exp_year": "<<yy>>", "cvc": "***"}, '
         '"metadata": {"order_id": "<<oid>>", "channel": "ivr"}}',
         d, rid="%08x-%04x-4%03x-a%03x-%012x" % (r.getrandbits(32), r.getrandbits(16), r.getrandbits(12),
                                                   r.getrandbits(12), r.getrandbits(48)),
         amt=str(r.randint(500, 250000)), n=num, mm="%02d" % r.randint(1, 12), yy=str(r.randint(2026, 2031)),
         oid=ci.luhn_fail_16(r, first=pick(r, ["1", "7", "9"])))
    return Probe(d, "json-api", "en")


def firewall_log(r):
    d = Doc()
    n = r.randint(2, 3)
    for i in range(n):
        src = ci.ipv4(r, "doc") if r.random() < 0.7 else ci.ipv6(r, "compressed")
        dst = ci.ipv4(r, "private")
        d.add("2024-%02d-%02dT%02d:%02d:%02dZ fw01 action=%s proto=tcp src=" % (
            r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59),
            pick(r, ["DENY", "ALLOW", "DENY"])))
        if ":" in src:
            d.add("[")
            d.span("IP", src)
            d.add("]")
        else:
            d.span("IP", src)
        d.add(":%d dst=" % r.randint(1024, 65535))
        d.span("IP", dst)
        d.add(":%d rule=%s" % (pick(r, [22, 443, 3389, 5432]), pick(r, ["block-ssh", "dmz-in", "geo-deny-7", "allow-lb"])))
        if i < n - 1:
            d.add("\n")
    d.add("\n# rule geo-deny-7 exempts 198.51.100.0/24 and 2001:db8:ffff::/48")
    return Probe(d, "log", "en")


def email_headers(r):
    d = Doc()
    name = en_name(r)
    first, last = name.split()[0], name.split()[-1]
    to_name = en_name(r)
    host = pick(r, ["mail.example.net", "mx2.example.org", "smtp.corp.example.net"])
    fill('Received: from <<h>> (<<h>> [<<IP|ip>>])\n\tby mx.example.com with ESMTPS id <<mid>>\n'
         'From: "<<PERSON|dn>>" <<<EMAIL|fe>>>\nTo: <<PERSON|tn>> <<<EMAIL|te>>>\n'
         'Date: Tue, <<dd>> Mar 2024 09:14:55 +0100\nMessage-ID: <<<msgid>>>\nSubject: Signed beneficiary form\n',
         d, h=host, ip=ci.ipv4(r, "doc"), mid=digits(r, 10), dn="%s, %s" % (last, first),
         fe=na.email_for(r, name), tn=to_name, te=na.email_for(r, to_name, domain="example.com"),
         dd=str(r.randint(10, 28)),
         msgid="%s.%s@%s" % (digits(r, 14), digits(r, 4), host))
    return Probe(d, "email", "en")


def claim_narrative(r):
    d = Doc()
    c = pick(r, ["US", "GB", "IE", "AU", "CA"])
    fill("Loss description: On <<ld>> the insured, <<PERSON|n>> (born <<DOB|b>>), was a passenger in a "
         "vehicle driven by <<PERSON|dr>> when it was struck at the junction of <<j1>> and <<j2>>. "
         "The driver's date of birth is <<DOB|b2>>. Police report no. <<pr>>. Witness <<PERSON|w>> "
         "can be reached on <<PHONE|p>>.",
         d, ld=na.fmt_date(r, rand_date(r, 2023, 2025), dlang(c)), n=en_name(r),
         b=na.fmt_date(r, na.birth_date(r), dlang(c)), dr=en_name(r),
         j1=pick(r, ["Main Street", "Queen Street", "Elm Avenue"]),
         j2=pick(r, ["5th Avenue", "Station Road", "Harbor Drive"]),
         b2=na.fmt_date(r, na.birth_date(r), dlang(c)), pr="%s/%s" % (digits(r, 4), digits(r, 2)),
         w=en_name(r), p=ph.phone_s(r, c))
    return Probe(d, "claim", "en")


def lab_report(r):
    d = Doc()
    sc = rand_date(r, 2024, 2025)
    sc = (sc[0], sc[1], min(sc[2], 27))
    fill("LABORATORY REPORT\nSpecimen collected: <<sc>>  Received: <<rc>>\nPatient: <<PERSON|n>>   "
         "d.o.b. <<DOB|b>>   Sex: <<sx>>\nOrdering physician: Dr <<PERSON|dr>>\n\nHbA1c ........ <<a1c>> %   (ref 4.0-5.6)\n"
         "TSH .......... <<tsh>> mIU/L  (ref 0.4-4.0)\nGram stain: gram-positive cocci in clusters\n"
         "Report authorised by <<PERSON|au>>, BMS, on <<ra>>",
         d, sc=iso(sc), rc="%04d-%02d-%02d" % (sc[0], sc[1], sc[2] + 1), n=en_name(r, gender=(g := r.randint(0, 1))),
         b=na.fmt_date(r, na.birth_date(r), "en-gb"), sx="F" if g else "M", dr=en_name(r),
         a1c="%.1f" % (r.randint(48, 95) / 10), tsh="%.2f" % (r.randint(30, 600) / 100),
         au=en_name(r), ra=na.fmt_date(r, (sc[0], sc[1], sc[2] + 1), "en-gb", 1))
    return Probe(d, "medical-intake", "en")


def address_change(r):
    d = Doc()
    c = pick(r, ["US", "GB", "CA", "AU", "IE"])
    city, pc = pick(r, na.CITY[c])
    v = r.random()
    fill("Subject: change of address - policy <<pol>>\n\nPlease update my mailing address from\n<<STREET|a>>\n"
         "to\n<<STREET|b>>\n<<cl>>\n<<po>>\nRegards,\n<<PERSON|n>>",
         d, pol="%s-%s" % (pick(r, ["HOM", "AUT", "LIF"]), digits(r, 8)), a=na.street(r, c),
         b=na.street(r, c), cl="%s %s" % (city, pc),
         po="(Please keep PO Box %d for bank correspondence.)\n" % r.randint(100, 9999) if v < 0.4 else "",
         n=en_name(r))
    return Probe(d, "email", "en")


def uk_letter(r):
    d = Doc()
    c = pick(r, ["GB", "GB", "IE"])
    g = r.randint(0, 1)
    name = en_name(r, gender=g)
    city, pc = pick(r, na.CITY[c])
    title = na.en_title(r, g).rstrip(".")
    fill("<<tt>> <<PERSON|n>>\n<<STREET|s>>\n<<city>>\n<<pc>>\n\n<<dt>>\n\nDear <<tt>> <<PERSON|sur>>,\n\n"
         "Your pension transfer request\n\nWe have received your request dated <<rq>>. Before we can proceed we "
         "need a certified copy of your passport. If you have any questions please call our pensions team on "
         "<<PHONE|p>> or email <<EMAIL|e>>.\n\nYours sincerely,\n\n<<PERSON|sig>>\nPensions Administration",
         d, tt=title, n=name, s=na.street(r, c), city=city, pc=pc,
         dt=na.fmt_date(r, rand_date(r, 2024, 2025), "en-gb", 1), sur=name.split()[-1],
         rq=na.fmt_date(r, rand_date(r, 2024, 2025), "en-gb", 0), p=ph.phone_s(r, c, mobile=False),
         e=pick(r, ["pensions", "pension.transfers", "enquiries"]) + "@pensions.example.org", sig=en_name(r))
    return Probe(d, "letter", "en")


def ssn_email(r):
    d = Doc()
    fill("Hi <<PERSON|f>>,\n\nfor the 1099 I need your taxpayer ID. Is it still <<SSN|s>>? Our records also list an "
         "old EIN <<ein>> for your LLC, which we will no longer use. The payment will go out on <<dt>>.\n\n<<PERSON|me>>",
         d, f=na.first_name(r, "en"), s=ci.ssn(r), ein=ci.ein(r),
         dt="%s %d" % (na.MONTHS["en"][r.randint(0, 11)], r.randint(1, 28)), me=en_name(r))
    return Probe(d, "email", "en")
