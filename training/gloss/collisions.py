#!/usr/bin/env python3
"""Candidates for english-collisions.txt among the glossaries of decision 017's thirteen languages.

A form (or its spelling without accents) written in ASCII letters that occurs at least MIN times in English texts is
an English look-alike: glossing it would change what English prompts look like, so it goes to the collision list.
English texts: the project's English training files (training/corpus), the labelled English datasets under
../shared/datasets, and the READMEs and copyright files of /usr/share/doc. Forms that the first nine languages list
are left to them (Gloss.load keeps their gloss), so they are not printed. Rarer candidates were read by hand; the
English words among them (smite, vite, folk, mitt, slut, lag, bomber, maine, ant, vain, jain, tau) were added too.

Usage: python3 training/gloss/collisions.py [MIN]   (from the repository root; default MIN 5; prints form, count)
"""
import glob, json, os, re, sys, unicodedata
from collections import Counter

GLOSS = 'trustgate-firewall/src/main/resources/io/trustgate/firewall/gloss/'
FIRST = 'de nl fr es it pt pl ru tr'.split()
LATER = 'zh ja ko th ar he hi vi id sv fi uk cs'.split()

def english_word_counts():
    """How often each lower-case word occurs in the English texts named in the docstring (run from the repo root)."""
    words = Counter()
    def add(text):
        words.update(re.findall(r'[^\W_]+', text.lower()))

    for f in sorted(glob.glob('training/corpus/en-*.jsonl')) + ['training/corpus/' + n for n in (
            'docs-en.jsonl', 'code.jsonl', 'own-code.jsonl', 'agents.jsonl', 'persuasion.jsonl')]:
        for line in open(f, encoding='utf-8'):
            if line.strip():
                add(json.loads(line)['text'])
    for root in ['../shared/datasets/' + d for d in ('benign', 'redteam', 'injection', 'eval', 'refusal', 'toxicity')] + ['/usr/share/doc']:
        for dp, _, fn in os.walk(root):
            for f in fn:
                p = os.path.join(dp, f)
                if root == '/usr/share/doc' and not f.startswith(('README', 'copyright')):
                    continue
                if os.path.getsize(p) < 50_000_000:
                    add(open(p, encoding='utf-8', errors='ignore').read())
    return words

def strip(s):
    d = unicodedata.normalize('NFD', s)
    return unicodedata.normalize('NFC', ''.join(c for c in d if unicodedata.category(c) != 'Mn'))

def forms(lang):
    for line in open(GLOSS + lang + '.tsv', encoding='utf-8'):
        if '\t' in line and not line.startswith('#'):
            form, to = line.rstrip('\n').split('\t')
            form = unicodedata.normalize('NFKC', form.strip()).lower()
            yield form, to.strip()
            if lang != 'vi':
                yield strip(form), to.strip()

if __name__ == '__main__':
    MIN = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    words = english_word_counts()
    first = {f for lang in FIRST for f, _ in forms(lang)}
    out = {}
    for lang in LATER:
        for form, to in forms(lang):
            if re.fullmatch('[a-z]+', form) and form != to and form not in first and words[form] >= MIN:
                out[form] = words[form]
    for form in sorted(out):
        print(form, out[form], sep='\t')
