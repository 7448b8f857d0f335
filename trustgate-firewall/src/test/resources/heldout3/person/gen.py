#!/usr/bin/env python3
"""Generator for the person-probe-3 test set (PERSON spans only).

Usage:  python3 gen.py [output_dir]

Deterministic: one random.Random(SEED) drives every choice; no set/dict
iteration order depends on hashing.  Offsets are recorded while the text is
assembled, never by searching the finished string.  All characters are in the
Basic Multilingual Plane, so Python str indices equal Java UTF-16 indices.
"""

import json
import os
import random
import re
import sys
import unicodedata

from names import NAMES, PL_VOCATIVE, BLOCKLIST
from pools import LOOK, FILL
import templates_en
import templates_eu

SEED = 31_2024_0917
LANGS = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv"]
OUT_NAME = "person-probe-3"

TOKEN = re.compile(
    r"\{(?P<pid>p\d+)(?:\.(?P<form>\w+))?\}"
    r"|\{L:(?P<look>\w+)\}"
    r"|\{F:(?P<fill>\w+)\}"
    r"|\[\[(?P<fixed>.+?)\]\]")

ARTICLES = ("the ", "l'", "le ", "il ", "la ")
MID_LETTERS = "ABCDEFGHJKLMNPRSTW"
REF_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


# ---------------------------------------------------------------- helpers
def deaccent(s):
    s = s.replace("ß", "ss").replace("Ł", "L").replace("ł", "l")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def initials(given):
    out = []
    for i, word in enumerate(given.split(" ")):
        hy = [w[0] + "." for w in word.split("-")]
        out.append("-".join(hy))
    return " ".join(out)


def cap_first(s):
    return s[:1].upper() + s[1:]


class Person:
    def __init__(self, lang, gender, given, sur_full, sur_short, mid):
        self.lang = lang
        self.gender = gender
        self.given = given
        self.sur_full = sur_full
        self.sur_short = sur_short
        self.mid = mid

    def form(self, name):
        g, s = self.given, self.sur_full
        if name in (None, "full"):
            return f"{g} {s}"
        if name == "given":
            return g
        if name == "sur":
            return self.sur_short
        if name == "init":
            return f"{initials(g)} {s}"
        if name == "init2":
            return f"{g[0]}. {self.mid}. {s}"
        if name == "mid":
            return f"{g} {self.mid}. {s}"
        if name == "caps":
            return f"{g} {s}".upper()
        if name == "capsrev":
            return f"{s.upper()}, {g.upper()}"
        if name == "slash":
            ss = deaccent(s).upper().replace("'", "")
            gg = deaccent(g).upper().replace("'", "")
            return f"{ss}/{gg}"
        if name == "rev":
            lead = cap_first(s) if self.lang == "nl" else s
            return f"{lead}, {g}"
        if name == "voc":
            return PL_VOCATIVE.get(g, g) if self.lang == "pl" else g
        if name == "givencaps":
            return g.upper()
        if name == "surcaps":
            return self.sur_short.upper()
        raise ValueError(f"unknown person form {name!r}")


def parse_spec(spec, default_lang):
    opts = {"lang": default_lang, "gender": None, "kind": None,
            "given": None, "sur": None}
    if not spec:
        return opts
    parts = spec.split(":")
    opts["lang"] = parts[0]
    for p in parts[1:]:
        if p in ("f", "m"):
            opts["gender"] = p
        elif p in ("word", "wsur", "multi", "plain"):
            opts["kind"] = p
        elif p.startswith("given="):
            opts["given"] = p[6:]
        elif p.startswith("sur="):
            opts["sur"] = p[4:]
        else:
            raise ValueError(f"bad spec part {p!r} in {spec!r}")
    return opts


def pick_distinct(rng, pool, avoid):
    cands = [x for x in pool if x not in avoid]
    return rng.choice(cands if cands else pool)


def pl_gender(s, gender):
    if "|" in s:
        m, f = s.split("|")
        return m if gender == "m" else f
    return s


def build_surname(rng, lang, gender, skind):
    """skind: plain | word | multi.  Returns (full, short, parts)."""
    d = NAMES[lang]
    if lang == "es":
        if skind == "multi":
            if rng.random() < 0.5:
                a = rng.choice(d["sur"])
                b = pick_distinct(rng, d["sur"], {a})
                parts = [f"{a}-{b}"]
            else:
                parts = [rng.choice(d["sur_particle"]), rng.choice(d["sur"])]
        else:
            first = rng.choice(d["sur_word"] if skind == "word" else d["sur"])
            if rng.random() < 0.7:
                parts = [first, pick_distinct(rng, d["sur"] + d["sur_word"],
                                              {first})]
            else:
                parts = [first]
        return " ".join(parts), parts[0], parts
    if lang == "pt":
        if skind == "multi":
            parts = [rng.choice(d["sur_particle"]), rng.choice(d["sur"])]
        elif skind == "word":
            if rng.random() < 0.7:
                parts = [rng.choice(d["sur"]), rng.choice(d["sur_word"])]
            else:
                parts = [rng.choice(d["sur_word"])]
        else:
            a = rng.choice(d["sur"])
            if rng.random() < 0.8:
                parts = [a, pick_distinct(rng, d["sur"] + d["sur_word"], {a})]
            else:
                parts = [a]
        last = parts[-1]
        return " ".join(parts), last, parts
    if lang == "pl":
        if skind == "multi":
            a = pl_gender(rng.choice(d["sur"]), gender)
            b = pl_gender(pick_distinct(rng, d["sur"], set()), gender)
            while b == a:
                b = pl_gender(rng.choice(d["sur"]), gender)
            full = f"{a}-{b}"
        else:
            pool = d["sur_word"] if skind == "word" else d["sur"]
            full = pl_gender(rng.choice(pool), gender)
        return full, full, [full]
    pool = {"plain": d["sur"], "word": d["sur_word"],
            "multi": d.get("sur_multi", d["sur"])}[skind]
    full = rng.choice(pool)
    short = cap_first(full) if lang == "nl" else full
    return full, short, [full]


def make_person(rng, opts, taken_given, taken_sur):
    lang = opts["lang"]
    d = NAMES[lang]
    for _ in range(500):
        gender = opts["gender"] or rng.choice(["f", "m"])
        kind = opts["kind"]
        if kind is None:
            r = rng.random()
            kind = ("plain" if r < 0.60 else "word" if r < 0.72
                    else "wsur" if r < 0.86 else "multi")
        gkind, skind = "plain", "plain"
        if kind == "word":
            gkind = "word"
        elif kind == "wsur":
            skind = "word"
        elif kind == "multi":
            has_gm = bool(d.get("gmulti_" + gender))
            has_sm = lang in ("es", "pt", "pl") or bool(d.get("sur_multi"))
            r = rng.random()
            if has_gm and (r < 0.35 or not has_sm):
                gkind = "multi"
            elif has_gm and r < 0.55:
                gkind, skind = "multi", "multi"
            else:
                skind = "multi"
        # given name
        gpool = {"plain": d[gender],
                 "word": d.get("word_" + gender) or d[gender],
                 "multi": d.get("gmulti_" + gender) or d[gender]}[gkind]
        given = opts["given"] or rng.choice(gpool)
        # surname
        if opts["sur"]:
            full = short = opts["sur"]
            parts = [full]
        else:
            full, short, parts = build_surname(rng, lang, gender, skind)
        if given in taken_given or short in taken_sur:
            continue
        if any(p in taken_sur for p in parts):
            continue
        checks = {f"{given} {full}", f"{given} {short}"}
        checks.update(f"{given} {p}" for p in parts)
        checks.update(f"{given} {p}" for p in full.replace("-", " ").split())
        if checks & BLOCKLIST:
            continue
        mid = rng.choice(MID_LETTERS)
        if mid == given[0]:
            mid = MID_LETTERS[(MID_LETTERS.index(mid) + 3) % len(MID_LETTERS)]
        taken_given.add(given)
        taken_sur.add(short)
        taken_sur.update(parts)
        return Person(lang, gender, given, full, short, mid)
    raise RuntimeError(f"could not draw a person for {opts}")


# ---------------------------------------------------------------- fillers
def fill_value(rng, name, lang):
    if name == "date":
        return rng.choice(FILL["date_" + lang])
    if name == "city":
        return rng.choice(FILL["city_" + lang])
    if name == "city_upper":
        return rng.choice(FILL["city_" + lang]).upper()
    if name == "ym":
        return rng.choice(FILL["ym"])
    if name == "ref":
        return (rng.choice(REF_LETTERS) + rng.choice(REF_LETTERS) + "-"
                + str(rng.randint(10000, 99999)))
    if name == "num2":
        return str(rng.randint(10, 49))
    if name == "num3":
        return str(rng.randint(101, 989))
    if name == "num4":
        return str(rng.randint(1001, 9899))
    if name == "pnr":
        chars = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        return "".join(rng.choice(chars) for _ in range(6))
    if name == "amount":
        pounds = rng.randint(180, 4800)
        pence = rng.choice([0, 0, 50, 25, 99])
        return f"£{pounds:,}.{pence:02d}"
    raise ValueError(f"unknown filler {name!r}")


class LookPicker:
    """Draws look-alikes, preferring the least-used entry of a pool so that
    the whole set spreads over as many distinct look-alikes as possible."""

    def __init__(self, rng):
        self.rng = rng
        self.count = {}

    def pick(self, pool_name, avoid):
        pool = LOOK[pool_name]
        cands = [x for x in pool if x not in avoid] or list(pool)
        least = min(self.count.get(x, 0) for x in cands)
        best = [x for x in cands if self.count.get(x, 0) == least]
        val = self.rng.choice(best)
        self.count[val] = self.count.get(val, 0) + 1
        return val


# ---------------------------------------------------------------- render
def render(rng, picker, tpl, lang):
    text = tpl["text"]
    # people
    pids = []
    for m in TOKEN.finditer(text):
        if m.group("pid") and m.group("pid") not in pids:
            pids.append(m.group("pid"))
    people = {}
    taken_given, taken_sur = set(), set()
    for pid in pids:
        opts = parse_spec(tpl["people"].get(pid), lang)
        people[pid] = make_person(rng, opts, taken_given, taken_sur)
    unknown = set(tpl["people"]) - set(pids)
    if unknown:
        raise ValueError(f"{tpl['id']}: spec for absent people {unknown}")
    # fixed look-alikes are reserved so pools do not repeat them
    used_look = set()
    for m in TOKEN.finditer(text):
        if m.group("fixed"):
            used_look.add(m.group("fixed").split("|")[0])

    buf = []
    pos = 0
    spans = []
    looks = []
    last = 0

    def emit(s):
        nonlocal pos
        buf.append(s)
        pos += len(s)

    for m in TOKEN.finditer(text):
        emit(text[last:m.start()])
        last = m.end()
        if m.group("pid"):
            val = people[m.group("pid")].form(m.group("form"))
            start = pos
            emit(val)
            spans.append({"type": "PERSON", "start": start, "end": pos})
        elif m.group("look"):
            val = picker.pick(m.group("look"), used_look)
            used_look.add(val)
            start = pos
            emit(val)
            off = 0
            for art in ARTICLES:
                if val.startswith(art):
                    off = len(art)
                    break
            looks.append({"text": val[off:], "start": start + off, "end": pos,
                          "source": m.group("look")})
        elif m.group("fill"):
            emit(fill_value(rng, m.group("fill"), lang))
        else:
            raw = m.group("fixed")
            val, _, cat = raw.partition("|")
            start = pos
            emit(val)
            looks.append({"text": val, "start": start, "end": pos,
                          "source": cat or "fixed"})
    emit(text[last:])
    out = "".join(buf)
    assert len(out) == pos
    return out, spans, looks


def check_record(tid, kind, text, spans, looks):
    if kind == "person" and (not spans or looks):
        raise AssertionError(f"{tid}: person text needs spans and no look-alikes")
    if kind == "lookalike" and (spans or not looks):
        raise AssertionError(f"{tid}: look-alike text needs look-alikes, no spans")
    if kind == "mixed" and (not spans or not looks):
        raise AssertionError(f"{tid}: mixed text needs both")
    for ch in text:
        if ord(ch) > 0xFFFF or 0xD800 <= ord(ch) <= 0xDFFF:
            raise AssertionError(f"{tid}: non-BMP character")
    prev = -1
    for s in spans:
        assert s["start"] >= prev, tid
        prev = s["end"]


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.abspath(__file__))
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(SEED)
    picker = LookPicker(rng)

    plan = [("en", t) for t in templates_en.TEMPLATES]
    for lang in LANGS[1:]:
        plan += [(lang, t) for t in templates_eu.TEMPLATES[lang]]

    seen_ids = set()
    records = []
    for lang, tpl in plan:
        if tpl["id"] in seen_ids:
            raise ValueError(f"duplicate template id {tpl['id']}")
        seen_ids.add(tpl["id"])
        made = set()
        for _ in range(tpl["n"]):
            for _attempt in range(50):
                text, spans, looks = render(rng, picker, tpl, lang)
                if text not in made:
                    break
            made.add(text)
            check_record(tpl["id"], tpl["kind"], text, spans, looks)
            records.append({
                "text": text, "spans": spans,
                "meta": {"template": tpl["id"], "context": tpl["ctx"],
                         "lang": lang, "kind": tpl["kind"],
                         "lookalikes": looks}})

    rng.shuffle(records)

    data_path = os.path.join(out_dir, OUT_NAME + ".jsonl")
    meta_path = os.path.join(out_dir, OUT_NAME + ".meta.jsonl")
    with open(data_path, "w", encoding="utf-8", newline="\n") as fd, \
            open(meta_path, "w", encoding="utf-8", newline="\n") as fm:
        for i, r in enumerate(records, 1):
            fd.write(json.dumps({"text": r["text"], "spans": r["spans"]},
                                ensure_ascii=False) + "\n")
            meta = {"line": i}
            meta.update(r["meta"])
            fm.write(json.dumps(meta, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records to {data_path}")


if __name__ == "__main__":
    main()
