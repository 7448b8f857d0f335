#!/usr/bin/env python3
"""Writes trustgate-firewall/src/main/resources/io/trustgate/firewall/cipher-words.txt: the words the normaliser's
Caesar and Atbash decoder checks a deciphered run against, besides its common English words and the glossary
(decision 030). They are the ASCII words (2 letters or more, lower case) that occur at least 10 times in the benign
texts of our own training corpus (training/corpus/*.jsonl, label false): our text, so the list may be committed; the
attack texts are left out because they hold ciphered words themselves. Deterministic. Run from the repository root:
python3 training/cipher-words.py
"""
import collections
import glob
import json
import re

MIN_COUNT = 10
OUT = "trustgate-firewall/src/main/resources/io/trustgate/firewall/cipher-words.txt"

counts = collections.Counter()
for path in sorted(glob.glob("training/corpus/*.jsonl")):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            row = json.loads(line)
            if row.get("label") is not False:
                continue
            for word in re.findall(r"[A-Za-z']+", row["text"]):
                word = word.lower().strip("'")
                if len(word) >= 2 and re.fullmatch(r"[a-z']+", word):
                    counts[word] += 1

words = sorted(w for w, c in counts.items() if c >= MIN_COUNT)
with open(OUT, "w", encoding="utf-8") as out:
    out.write("# Written by training/cipher-words.py from the benign texts of training/corpus (decision 030); do not edit.\n")
    for w in words:
        out.write(w + "\n")
print(f"{len(words)} words -> {OUT}")
