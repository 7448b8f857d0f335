"""Entry point: python3 gen_main.py

Writes pii-probe-2.jsonl and pii-probe-2.meta.jsonl next to this file.
Deterministic: one seeded random.Random drives every choice, so two runs
produce identical bytes.
"""
import json
import os
import random
import sys

import gen_tpl_en as E
import gen_tpl_en2 as E2
import gen_tpl_intl as I
import gen_tpl_short as S
import gen_tpl_neg as N
import gen_tpl_neg_intl as NI
from gen_common import SPAN_TYPES

SEED = 20241127
OUT = "pii-probe-2.jsonl"
META = "pii-probe-2.meta.jsonl"

# (template function, number of texts)
PLAN = [
    # ---- English, with PII
    (E.crm_csv, 2), (E.chat_card, 5), (E.email_signature, 3), (E.kyc_form, 2),
    (E.access_log, 3), (E.json_customer, 2), (E.medical_intake, 3), (E.hr_csv, 2),
    (E.invoice_en, 3), (E.ocr_statement, 2), (E.md_patients, 1), (E.support_ip, 3),
    (E.wire_request, 4), (E.sql_insert, 1), (E.xml_patient, 2), (E.card_disputes, 3),
    (E2.net_debug, 3), (E2.html_contact, 2), (E2.w9_form, 2), (E2.chat_dob, 4),
    (E2.contact_directory, 2), (E2.chat_greeting, 2), (E2.third_person, 2), (E2.attendees, 1),
    (E2.call_note, 3), (E2.payment_api, 4), (E2.firewall_log, 2), (E2.email_headers, 2),
    (E2.claim_narrative, 2), (E2.lab_report, 2), (E2.address_change, 2), (E2.uk_letter, 2),
    (E2.ssn_email, 2),
    # ---- other languages, with PII
    (I.intl_form, 8), (I.de_arztbrief, 1), (I.de_email, 2), (I.de_hr_csv, 1),
    (I.fr_mutuelle, 1), (I.fr_email, 1), (I.es_chat, 1), (I.es_sanidad, 1),
    (I.it_dichiarazione, 1), (I.it_email, 1), (I.nl_zorg, 1), (I.nl_chat, 1),
    (I.pt_email, 1), (I.pl_oswiadczenie, 1), (I.sv_arende, 1), (I.intl_invoice, 3),
    # ---- short texts with one or two values
    (S.short_phone, 12), (S.short_tel_link, 3), (S.short_email, 8), (S.short_email_display, 3),
    (S.short_card, 13), (S.short_iban, 11), (S.short_ssn, 8), (S.short_ip, 6),
    (S.short_dob, 10), (S.short_person, 8), (S.short_street, 8),
    # ---- English, no PII
    (N.neg_order_numbers, 4), (N.neg_imei, 3), (N.neg_isbn, 3), (N.neg_routing, 3),
    (N.neg_iban_badcheck, 4), (N.neg_bic_vat, 4), (N.neg_ssn_invalid, 4), (N.neg_ein, 3),
    (N.neg_itin, 2), (N.neg_phone_like, 4), (N.neg_versions, 4), (N.neg_mac_cidr, 4),
    (N.neg_code, 4), (N.neg_git_handles, 4), (N.neg_companies, 4), (N.neg_places, 3),
    (N.neg_eponyms, 3), (N.neg_street_like, 4), (N.neg_dates, 4), (N.neg_masked, 3),
    (N.neg_products, 3), (N.neg_placeholders, 3), (N.neg_schema, 3), (N.neg_vitals, 3),
    (N.neg_kpi_table, 2), (N.neg_generic_greeting, 3), (N.neg_ids_hashes, 3), (N.neg_short_codes, 2),
    (N.neg_coordinates, 2), (N.neg_message_ids, 2), (N.neg_eponym_history, 3), (N.neg_street_no_number, 3),
    # ---- other languages, no PII
    (NI.neg_de_behoerde, 3), (NI.neg_fr_entreprise, 2), (NI.neg_es_empresa, 2), (NI.neg_it_azienda, 2),
    (NI.neg_nl_bedrijf, 2), (NI.neg_pl_firma, 2), (NI.neg_pt_empresa, 2), (NI.neg_sv_foretag, 2),
    (NI.neg_intl_dates, 5), (NI.neg_intl_companies, 6), (NI.neg_intl_streets, 6),
]


def check_record(text, spans):
    prev_end = 0
    for s in spans:
        assert s["type"] in SPAN_TYPES
        assert prev_end <= s["start"] < s["end"] <= len(text), (text, spans)
        prev_end = s["end"]
    assert all(ord(c) <= 0xFFFF for c in text)


def build():
    r = random.Random(SEED)
    seen = set()
    rows = []
    for fn, n in PLAN:
        made = 0
        tries = 0
        while made < n:
            tries += 1
            if tries > 60 * n:
                sys.exit("template %s cannot produce %d distinct texts" % (fn.__name__, n))
            p = fn(r)
            text = p.doc.text()
            if text in seen:
                continue
            seen.add(text)
            spans = [dict(s) for s in p.doc.spans]
            check_record(text, spans)
            rows.append((text, spans, fn.__name__, p.context, p.lang))
            made += 1
    r.shuffle(rows)
    return rows


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    rows = build()
    with open(os.path.join(here, OUT), "w", encoding="utf-8", newline="\n") as f:
        for text, spans, _, _, _ in rows:
            f.write(json.dumps({"text": text, "spans": spans}, ensure_ascii=False) + "\n")
    with open(os.path.join(here, META), "w", encoding="utf-8", newline="\n") as f:
        for i, (text, spans, tpl, ctx, lang) in enumerate(rows, 1):
            f.write(json.dumps({"line": i, "template": tpl, "context": ctx, "lang": lang,
                                "has_pii": bool(spans)}, ensure_ascii=False) + "\n")
    counts = {}
    for _, spans, _, _, _ in rows:
        for s in spans:
            counts[s["type"]] = counts.get(s["type"], 0) + 1
    neg = sum(1 for row in rows if not row[1])
    print("texts=%d spans=%d without_pii=%d (%.1f%%)" % (len(rows), sum(counts.values()), neg,
                                                         100.0 * neg / len(rows)))
    for t in SPAN_TYPES:
        print("  %-15s %d" % (t, counts.get(t, 0)))


if __name__ == "__main__":
    main()
