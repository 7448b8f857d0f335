#!/usr/bin/env python3
"""Merges the helpers' tables of the fourth English list (decision 032) into the glossary.

Reads DIR/<lang>.tsv (form TAB english, as BRIEF-4.md asks) for each of the 22 languages and appends to
trustgate-firewall/.../gloss/<lang>.tsv, under one heading line, the forms that pass every check:
- the shape the loader accepts (letters and combining marks, starting with a letter; Vietnamese up to three words
  with one space between), NFKC and lower case as the loader reads them;
- the English is an entry of english-4.txt;
- no existing table of any language lists the form, or its spelling without accents: every existing form keeps its
  sense, and no vote between languages (Gloss.load) changes;
- neither the form nor its spelling without accents is an English word (MIN or more occurrences in the English
  texts that collisions.py reads), so English text keeps exactly its own features;
- the form is not its own translation.
Prints, per language, the lines read and kept and what dropped the rest. Run from the repository root, once: a second
run would find its own forms in the tables and add nothing.

Usage: python3 training/gloss/merge-4.py DIR [MIN]    (MIN: default 5, as collisions.py)
"""
import os, re, sys, unicodedata
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from collisions import english_word_counts, GLOSS  # noqa: E402

LANGS = 'de nl fr es it pt pl ru tr zh ja ko th ar he hi vi id sv fi uk cs'.split()
HEADING = ('# decision 032: the fourth English list (training/gloss/english-4.txt), written by a Trustgate helper on '
           '2026-11-28, merged by training/gloss/merge-4.py')


def latin_strip(s):
    # as Gloss.stripAccents: marks come off Latin letters only (Hindi and Thai vowel signs stay)
    d = unicodedata.normalize('NFD', s)
    out = []
    for i, c in enumerate(d):
        if unicodedata.category(c) == 'Mn' and i > 0 and 'LATIN' in unicodedata.name(d[i - 1], ''):
            continue
        out.append(c)
    return unicodedata.normalize('NFC', ''.join(out))


def well_formed(form, spaced):
    words = form.split(' ')
    if len(words) > (3 if spaced else 1):
        return False
    return all(w and unicodedata.category(w[0]).startswith('L')
               and all(unicodedata.category(c)[0] in 'LM' for c in w) for w in words)


def entries(path):
    out = set()
    for line in open(path, encoding='utf-8'):
        e = line.split('#')[0].strip()
        if e:
            out.add(e)
    return out


def main():
    src = sys.argv[1]
    min_count = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    english4 = entries('training/gloss/english-4.txt')
    existing = set()
    for lang in LANGS:
        for line in open(GLOSS + lang + '.tsv', encoding='utf-8'):
            t = line.strip()
            if t and not t.startswith('#') and '\t' in t:
                form = unicodedata.normalize('NFKC', t.split('\t')[0].strip()).lower()
                existing.update((form, latin_strip(form)))
    words = english_word_counts()
    for lang in LANGS:
        path = os.path.join(src, lang + '.tsv')
        if not os.path.exists(path):
            print(f'{lang}: no table in {src}')
            continue
        why = Counter()
        kept = {}
        read = 0
        for line in open(path, encoding='utf-8'):
            t = line.strip()
            if not t or t.startswith('#'):
                continue
            read += 1
            parts = t.split('\t')
            if len(parts) != 2:
                why['shape'] += 1
                continue
            form = unicodedata.normalize('NFKC', parts[0].strip()).lower()
            to = re.sub(r'\s+', ' ', parts[1].strip().lower())
            if not well_formed(form, lang == 'vi'):
                why['shape'] += 1
            elif to not in english4:
                why['not an entry'] += 1
            elif form in kept:
                why['repeated'] += 1
            elif form in existing or latin_strip(form) in existing:
                why['in a table already'] += 1
            elif any(re.fullmatch('[a-z]+', f) and words[f] >= min_count for f in (form, latin_strip(form))):
                why['english word'] += 1
            elif form == to:
                why['itself'] += 1
            else:
                kept[form] = to
        with open(GLOSS + lang + '.tsv', 'a', encoding='utf-8') as out:
            out.write(HEADING + '\n')
            for form, to in kept.items():
                out.write(f'{form}\t{to}\n')
        covered = len(set(kept.values()))
        print(f'{lang}: read {read}, kept {len(kept)} ({covered} entries); dropped ' +
              ', '.join(f'{k} {v}' for k, v in sorted(why.items())))


if __name__ == '__main__':
    main()
