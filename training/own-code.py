#!/usr/bin/env python3
"""Writes training/corpus/own-code.jsonl: benign "document" negatives for the injection classifier, cut from this
repository's own code and docs (our text, so it may be committed), so that code, licence headers, Javadoc and
technical prose are not learned as marks of an attack. The hand-written attacks plant instructions in code comments
and READMEs; without code among the negatives the classifier flagged 2.4% -> 4.8% of real documents
(bench/tool-docs). Deterministic: the files git tracks at HEAD, sorted; each file gives at most 5 chunks of about
1,000 chars cut at blank lines; chunks that talk about attacks are left out (they would be mislabelled); the firewall
and assess modules (attack strings, probe prompts) and the firewall docs are skipped. All rows are role "tool", as a
fetched file reaches the model. Run from the repository root: python3 training/own-code.py
"""
import json
import re
import subprocess

PATTERNS = [
    "trustgate-api/src/main/java/*.java",
    "trustgate-registry/src/main/java/*.java",
    "trustgate-policy/src/main/java/*.java",
    "trustgate-store/src/main/java/*.java",
    "trustgate-audit/src/main/java/*.java",
    "trustgate-gateway/src/main/java/*.java",
    "trustgate-app/src/main/java/*.java",
    "*pom.xml",
    "docs/architecture.md",
    "docs/audit.md",
    "docs/observability.md",
    "docs/registry.md",
    "docs/trust.md",
    "docs/ratings.md",
    "docs/licences.md",
    "docs/decisions/00[1-8]-*.md",
]
ATTACK_TALK = re.compile(
    r"inject|jailbreak|ignore (?:all|previous|the previous)|system prompt|\bDAN\b|red.team|exfiltrat|malicious|attack",
    re.IGNORECASE,
)


def chunks(text, size=1000, most=5):
    out, cur = [], ""
    for para in re.split(r"\n\s*\n", text):
        if cur and len(cur) + len(para) + 2 > size:
            out.append(cur)
            cur = ""
            if len(out) == most:
                break
        cur = (cur + "\n\n" + para) if cur else para
        if len(cur) > size:
            out.append(cur[:size])
            cur = ""
            if len(out) == most:
                break
    if cur and len(out) < most:
        out.append(cur)
    return [c.strip() for c in out if len(c.strip()) >= 200]


files = subprocess.run(["git", "ls-files", "--", *PATTERNS], capture_output=True, text=True, check=True).stdout.split()
rows = []
for f in sorted(files):
    with open(f, encoding="utf-8") as fh:
        for c in chunks(fh.read()):
            if not ATTACK_TALK.search(c):
                rows.append({"text": c, "label": False, "category": "benign-plain-en", "role": "tool"})
with open("training/corpus/own-code.jsonl", "w", encoding="utf-8") as out:
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(files), "files,", len(rows), "chunks")
