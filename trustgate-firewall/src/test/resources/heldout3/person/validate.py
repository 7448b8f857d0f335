#!/usr/bin/env python3
"""Stand-alone validator for person-probe-3.

Usage:  python3 validate.py [dir]

Reads person-probe-3.jsonl and person-probe-3.meta.jsonl from dir (default:
this script's directory).  The only other input is names.py, the name
lexicon the generator drew from, used to confirm that every PERSON span is
made of intended name material.  Exits non-zero on any error; prints
warnings and summary counts.
"""

import collections
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from names import NAMES, PL_VOCATIVE, PARTICLES  # noqa: E402

BASE = "person-probe-3"
KINDS = {"person", "lookalike", "mixed"}
LANGS = {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv"}
# multi-letter titles only: single letters ("M.", "D.") cannot be told apart
# from initials, which are legitimately part of a span.
TITLES = {"DR", "MR", "MRS", "MS", "MISS", "PROF", "SIR", "FRAU", "HERR",
          "MME", "MLLE", "SR", "SRA", "DRA", "DNA", "SIG", "SIGRA",
          "DOTT", "DOTTSSA", "GEOM", "PAN", "PANI", "DHR", "MEVROUW", "MENEER",
          "MADAME", "MONSIEUR", "SENHORA", "SENHOR", "EXMA", "EXMO"}

errors = []
warnings = []


def err(line, msg):
    errors.append(f"line {line}: {msg}")


def warn(line, msg):
    warnings.append(f"line {line}: {msg}")


def norm(tok):
    tok = tok.replace("ß", "ss").replace("Ł", "L").replace("ł", "l")
    tok = unicodedata.normalize("NFKD", tok)
    tok = "".join(c for c in tok if not unicodedata.combining(c))
    return tok.replace("'", "").replace("’", "").replace(".", "").upper()


def split_tokens(s):
    return [t for t in re.split(r"[\s/,\-]+", s) if t]


def build_lexicon():
    given, sur = set(), set()
    for lang, d in NAMES.items():
        for key, vals in d.items():
            target = given if key in ("f", "m", "word_f", "word_m",
                                      "gmulti_f", "gmulti_m") else sur
            for v in vals:
                for half in v.split("|"):
                    for t in split_tokens(half):
                        target.add(norm(t))
    for v in PL_VOCATIVE.values():
        given.add(norm(v))
    parts = {norm(p) for p in PARTICLES}
    return given, sur, parts


GIVEN, SUR, PART = build_lexicon()
LEX = GIVEN | SUR | PART


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


PII = [
    ("e-mail", re.compile(r"[\w.+-]+@[\w-]+\.[A-Za-z]{2,}")),
    ("IBAN", re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,}")),
    ("IPv4", re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")),
    ("date of birth", re.compile(
        r"\b(born|DOB|date of birth|geboren|Geburtsdatum|né le|née le|"
        r"nacid[oa]|fecha de nacimiento|data di nascita|data de nascimento|"
        r"geboortedatum|urodzon[ya]|data urodzenia|född|födelsedatum)\b",
        re.I)),
]
DIGIT_RUN = re.compile(r"\+?\(?\d[\d\s().\-]{6,}\d")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def check_pii(line, text):
    for name, rx in PII:
        m = rx.search(text)
        if m:
            err(line, f"possible {name}: {m.group(0)!r}")
    for m in DIGIT_RUN.finditer(text):
        chunk = m.group(0)
        digits = sum(c.isdigit() for c in chunk)
        if digits >= 8 and not ISO_DATE.match(chunk.strip()):
            err(line, f"long digit run (phone/card/id?): {chunk!r}")


def check_span_text(line, s):
    if s != s.strip() or "\n" in s:
        err(line, f"span has surrounding whitespace/newline: {s!r}")
    if s.endswith("'s") or s.endswith("’s"):
        err(line, f"span includes possessive: {s!r}")
    if not s[:1].isalpha():
        err(line, f"span does not start with a letter: {s!r}")
    if not s[-1:].isalpha():
        err(line, f"span does not end with a letter: {s!r}")
    toks = split_tokens(s)
    if not toks:
        err(line, f"empty span text {s!r}")
        return
    if norm(toks[0]) in TITLES and len(toks) > 1 and norm(toks[0]) not in LEX:
        err(line, f"span starts with a title: {s!r}")
    first = toks[0]
    if not (first[:1].isupper() or norm(first) in PART):
        err(line, f"span starts lower-case and not with a particle: {s!r}")
    for t in toks:
        n = norm(t)
        if len(n) == 1 and n.isalpha():      # initial such as "J." or 't
            continue
        if n not in LEX:
            err(line, f"token {t!r} of span {s!r} is not in the name lexicon")


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else HERE
    data_path = os.path.join(d, BASE + ".jsonl")
    meta_path = os.path.join(d, BASE + ".meta.jsonl")
    raw = open(data_path, "rb").read()
    if not raw.endswith(b"\n") or b"\r" in raw:
        err(0, "data file must use \\n line endings and end with a newline")
    data_lines = raw.decode("utf-8").split("\n")[:-1]
    meta_lines = open(meta_path, encoding="utf-8").read().split("\n")[:-1]
    if len(data_lines) != len(meta_lines):
        err(0, f"{len(data_lines)} data lines but {len(meta_lines)} meta lines")

    stats = collections.Counter()
    by_lang = collections.Counter()
    by_kind = collections.Counter()
    by_ctx = collections.Counter()
    by_lang_kind = collections.Counter()
    span_forms = collections.Counter()
    looks = collections.Counter()
    look_src = collections.Counter()
    texts_seen = set()

    for i, (dl, ml) in enumerate(zip(data_lines, meta_lines), 1):
        try:
            rec = json.loads(dl)
            meta = json.loads(ml)
        except json.JSONDecodeError as e:
            err(i, f"bad JSON: {e}")
            continue
        if not isinstance(rec, dict) or set(rec) != {"text", "spans"}:
            err(i, f"record keys must be exactly text, spans: {list(rec)}")
            continue
        text, spans = rec["text"], rec["spans"]
        if not isinstance(text, str) or not text:
            err(i, "text must be a non-empty string")
            continue
        if text in texts_seen:
            err(i, "duplicate text")
        texts_seen.add(text)
        for ch in text:
            if ord(ch) > 0xFFFF or 0xD800 <= ord(ch) <= 0xDFFF:
                err(i, f"character outside the BMP: U+{ord(ch):X}")
        if utf16_len(text) != len(text):
            err(i, "UTF-16 length differs from code-point length")
        if not isinstance(spans, list):
            err(i, "spans must be a list")
            continue
        prev_end = -1
        for sp in spans:
            if not isinstance(sp, dict) or set(sp) != {"type", "start", "end"}:
                err(i, f"bad span object {sp!r}")
                continue
            if sp["type"] != "PERSON":
                err(i, f"unexpected span type {sp['type']!r}")
            st, en = sp["start"], sp["end"]
            if not (isinstance(st, int) and isinstance(en, int)) or \
                    isinstance(st, bool) or isinstance(en, bool):
                err(i, f"non-integer offsets {sp!r}")
                continue
            if not (0 <= st < en <= len(text)):
                err(i, f"offsets out of range {sp!r}")
                continue
            if st < prev_end:
                err(i, f"spans unsorted or overlapping at {sp!r}")
            prev_end = en
            check_span_text(i, text[st:en])
            stats["spans"] += 1
            s = text[st:en]
            form = ("caps" if s.isupper() else
                    "initials" if re.match(r"^\w{1,2}\.", s) else
                    "reversed" if "," in s or "/" in s else
                    "single-token" if len(split_tokens(s)) == 1 else "multi-token")
            span_forms[form] += 1
        # ---- meta
        need = {"line", "template", "context", "lang", "kind"}
        if not need <= set(meta):
            err(i, f"meta missing {need - set(meta)}")
            continue
        if meta["line"] != i:
            err(i, f"meta line number {meta['line']} != {i}")
        if meta["kind"] not in KINDS:
            err(i, f"bad kind {meta['kind']!r}")
        if meta["lang"] not in LANGS:
            err(i, f"bad lang {meta['lang']!r}")
        la = meta.get("lookalikes", [])
        for lk in la:
            a, b = lk["start"], lk["end"]
            if not (0 <= a < b <= len(text)) or text[a:b] != lk["text"]:
                err(i, f"look-alike offsets do not match: {lk!r}")
                continue
            for sp in spans:
                if a < sp["end"] and sp["start"] < b:
                    err(i, f"look-alike {lk['text']!r} overlaps a PERSON span")
            if lk["source"].startswith("street"):
                after, before = text[b:b + 4], text[max(0, a - 4):a]
                if re.match(r"\s*\d", after) or re.search(r"\d\s*$", before):
                    err(i, f"street look-alike next to a number: {lk['text']!r}")
            looks[lk["text"]] += 1
            look_src[lk["source"]] += 1
        k = meta["kind"]
        if k == "person" and (not spans or la):
            err(i, "kind=person needs spans and no look-alikes")
        if k == "lookalike" and (spans or not la):
            err(i, "kind=lookalike needs look-alikes and no spans")
        if k == "mixed" and (not spans or not la):
            err(i, "kind=mixed needs spans and look-alikes")
        check_pii(i, text)
        # ---- heuristic: a labelled name token repeated outside any span
        covered = [(sp["start"], sp["end"]) for sp in spans] + \
                  [(lk["start"], lk["end"]) for lk in la]
        name_toks = set()
        for sp in spans:
            for t in split_tokens(text[sp["start"]:sp["end"]]):
                if len(t) > 2 and t[0].isupper() and norm(t) not in PART:
                    name_toks.add(t)
        for t in sorted(name_toks):
            for m in re.finditer(r"(?<!\w)" + re.escape(t) + r"(?!\w)", text):
                if not any(a <= m.start() < b for a, b in covered):
                    warn(i, f"name token {t!r} also appears unlabelled at "
                            f"{m.start()}")
        stats["texts"] += 1
        by_lang[meta["lang"]] += 1
        by_kind[k] += 1
        by_ctx[meta["context"]] += 1
        by_lang_kind[(meta["lang"], k)] += 1
        stats["long"] += len(text) >= 250
        stats["short"] += len(text) < 120

    # ------------------------------------------------------------ report
    print(f"texts: {stats['texts']}   PERSON spans: {stats['spans']}")
    print("kind:", dict(sorted(by_kind.items())))
    print("lang:", dict(sorted(by_lang.items())))
    print("lang x kind:")
    for lang in sorted(by_lang):
        row = {k: by_lang_kind[(lang, k)] for k in sorted(KINDS)}
        print(f"  {lang}: {row}")
    print("context:", dict(sorted(by_ctx.items())))
    print("span shapes:", dict(sorted(span_forms.items())))
    print(f"texts < 120 chars: {stats['short']}, >= 250 chars: {stats['long']}")
    print(f"distinct look-alike strings: {len(looks)} "
          f"(mentions: {sum(looks.values())})")
    print("look-alike sources:", dict(sorted(look_src.items())))
    for w in warnings:
        print("WARNING", w)
    for e in errors:
        print("ERROR", e)
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
