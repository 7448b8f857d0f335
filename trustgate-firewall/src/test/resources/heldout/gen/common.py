"""Shared helpers for the held-out probe generators (test data only, not product code).

A text is built from parts: plain strings, or (TYPE, value) tuples that become labelled spans. Offsets are
computed here, never by hand. Texts are kept BMP-only, so Python code-point offsets equal Java UTF-16 offsets.
"""
import json
import random
import string


def build(*parts):
    text = ""
    spans = []
    for p in parts:
        if isinstance(p, tuple):
            typ, val = p
            spans.append({"type": typ, "start": len(text), "end": len(text) + len(val)})
            text += val
        else:
            text += p
    for ch in text:
        assert ord(ch) <= 0xFFFF, "non-BMP character"
    return {"text": text, "spans": spans}


def write(path, records, meta_path, metas):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(meta_path, "w", encoding="utf-8") as f:
        for i, m in enumerate(metas):
            f.write(json.dumps({"line": i + 1, **m}, ensure_ascii=False) + "\n")


class R:
    """Seeded random helpers (deterministic output)."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def choice(self, xs):
        return self.r.choice(xs)

    def digits(self, n, first_nonzero=False):
        s = "".join(self.r.choice(string.digits) for _ in range(n))
        if first_nonzero and s[0] == "0":
            s = str(self.r.randint(1, 9)) + s[1:]
        return s

    def chars(self, n, alphabet):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def randint(self, a, b):
        return self.r.randint(a, b)

    def hexs(self, n):
        return self.chars(n, "0123456789abcdef")

    def shuffle(self, xs):
        self.r.shuffle(xs)

    def random(self):
        return self.r.random()


ALNUM = string.ascii_letters + string.digits
UPPER_ALNUM = string.ascii_uppercase + string.digits
B64 = string.ascii_letters + string.digits + "+/"
B64URL = string.ascii_letters + string.digits + "-_"
