#!/usr/bin/env python3
"""Decision 035's counts: the shipped chain, the shipped chain or the fine-tuned MiniLM, and the MiniLM alone.

Usage: training/minilm/counts.py WORK SCORES.tsv [--sixth] [--dev-extras]
  WORK: a bench/model-counts work directory of the shipped model (its *.out and *.gold files: the chain's scores)
  SCORES.tsv: MiniLmTune's score output over WORK's *.gold files (set file, line, label, probability)
The thresholds are chosen on the development sets within the budgets of decision 025 (90 joint benign texts, 23 tool
benign texts), as bench/model-counts --budget chooses them; then the second to fifth held-out sets are counted (and
the sixth with --sixth). Texts are never printed. --dev-extras prints, on the development sets only, two other ways
of combining the scores that decision 035 looked at after its count: the MiniLM as a confirmation of the chain's
blocks, the MiniLM beside the chain on a finer grid of thresholds, and a separate user threshold for texts not in
English.
"""
import collections, json, os, sys

import numpy as np

work, tsv = sys.argv[1], sys.argv[2]
sixth = "--sixth" in sys.argv[3:]
extras = "--dev-extras" in sys.argv[3:]
mini = {}
for line in open(tsv, encoding="utf-8"):
    f, n, _, p = line.rstrip("\n").split("\t")
    mini[(f, int(n))] = float(p)

def rows(name, scored_as=None):
    out = [json.loads(l) for l in open(os.path.join(work, name + ".out"), encoding="utf-8")]
    lines = open(os.path.join(work, name + ".gold"), encoding="utf-8").read().split("\n")
    gold = [(i + 1, json.loads(l)) for i, l in enumerate(lines) if l.strip()]
    assert len(out) == len(gold), f"{name}: {len(gold)} texts, {len(out)} verdicts"
    for o, (n, g) in zip(out, gold):
        score = lambda s: max([f["score"] for f in o["findings"] if f["scanner"] == s], default=0.0)
        tool = name == "tool-dev" or name.endswith("-as-tool") or g.get("role") == "tool"
        m = mini[((scored_as or name) + ".gold", n)]
        yield bool(g.get("label", False)), tool, score("injection-heuristics"), score("injection-classifier"), m, g

names = ("first", "security", "answers", "lang-dev", "regulated-dev", "tool-dev", "docs-as-tool", "probe2", "probe3",
         "probe4", "probe5") + (("probe6",) if sixth else ())
data = {n: list(rows(n)) for n in names}
data["docs-as-user"] = list(rows("docs-as-user", scored_as="docs-as-tool"))
joint = ("first", "security", "answers", "lang-dev", "regulated-dev", "docs-as-user")
GRID = [round(0.30 + 0.01 * i, 2) for i in range(61)]
TAUS = [round(0.50 + 0.01 * i, 2) for i in range(50)] + [0.995, 0.999, 1.01]  # 1.01: the MiniLM never blocks

def chain(tool, h, c, u, t):
    return (c >= np.where(tool, t, u)) | ((h >= 0.5) & (c >= 0.4))

# one array per column per set, so that a count is a few vector operations
cols = {n: tuple(np.array([r[i] for r in rs]) for i in range(5)) for n, rs in data.items()}

def count(names, blocked, attacks_of=None):
    a = b = 0
    for n in names:
        lab, tool, h, c, m = cols[n]
        x = blocked(tool, h, c, m)
        if attacks_of is None or n in attacks_of:
            a += int(np.sum(x & lab))
        b += int(np.sum(x & ~lab))
    return a, b

def choose(make, user_grid, tool_grid, start):
    """Alternates the user and the tool side's choice within the budgets until neither moves (as model-counts)."""
    def pick(counts, grid, budget):
        best = None
        for x in grid:
            a, b = counts(x)
            if b <= budget and (best is None or a >= best[1]):
                best = (x, a, b)
        assert best is not None, "no point within the budget"
        return best
    u, t = start
    for _ in range(10):
        tb = pick(lambda x: count(("tool-dev", "docs-as-tool"), make(u, x), attacks_of=("tool-dev",)), tool_grid, 23)
        ub = pick(lambda x: count(joint, make(x, tb[0])), user_grid, 90)
        if (ub[0], tb[0]) == (u, t):
            break
        u, t = ub[0], tb[0]
    return u, t, ub, tb

def report(title, blocked):
    print(title)
    total_a = total_b = 0
    for n in ("probe2", "probe3", "probe4", "probe5") + (("probe6",) if sixth else ()):
        lab, tool, h, c, m = cols[n]
        x = blocked(tool, h, c, m)
        p = [r for r in data[n] if r[0]]
        q = [r for r in data[n] if not r[0]]
        a = int(np.sum(x & lab))
        b = int(np.sum(x & ~lab))
        if n != "probe6":
            total_a += a
            total_b += b
        kinds, size = collections.Counter(), collections.Counter()
        for r, xi in zip(data[n], x):
            if r[0]:
                k = r[5].get("category", "?").split("-")[0]
                size[k] += 1
                kinds[k] += bool(xi)
        print(f"  {n}: {a}/{len(p)}  {b}/{len(q)}   " + " ".join(f"{k} {kinds[k]}/{size[k]}" for k in sorted(size)))
    print(f"  second to fifth: {total_a} attacks, {total_b} benign")

def pairs(grid, taus):
    return [(x, y) for x in grid for y in taus]

# the shipped chain at its own point
report("shipped chain at U=0.63 T=0.63", lambda tool, h, c, m: chain(tool, h, c, 0.63, 0.63))
# the shipped chain or the MiniLM: (U, tau_U) and (T, tau_T) chosen within the budgets
def combined(u, t):
    return lambda tool, h, c, m: chain(tool, h, c, u[0], t[0]) | (m >= np.where(tool, t[1], u[1]))
u, t, ub, tb = choose(combined, pairs(GRID, TAUS), pairs(GRID, TAUS), ((0.63, 1.01), (0.63, 1.01)))
print(f"\ncombined: U={u[0]} tau_U={u[1]} (joint {ub[1]} attacks, {ub[2]} benign); T={t[0]} tau_T={t[1]}"
      f" (tool-dev {tb[1]} attacks, {tb[2]} benign)")
report("shipped chain or MiniLM", combined(u, t))
# the MiniLM alone
def alone(u, t):
    return lambda tool, h, c, m: m >= np.where(tool, t, u)
u, t, ub, tb = choose(alone, TAUS, TAUS, (0.9, 0.9))
print(f"\nMiniLM alone: tau_U={u} (joint {ub[1]} attacks, {ub[2]} benign); tau_T={t} (tool-dev {tb[1]} attacks,"
      f" {tb[2]} benign)")
report("MiniLM alone", alone(u, t))

if extras:
    print("\ndevelopment sets only: the chain's user-side blocks at 0.63 that the MiniLM confirms (scores at least v)")
    for v in (0.1, 0.3, 0.5, 0.9):
        parts = []
        for n in joint:
            lab, tool, h, c, m = cols[n]
            x = chain(tool, h, c, 0.63, 0.63)
            parts.append(f"{n} attacks {int(np.sum(x & lab & (m >= v)))}/{int(np.sum(x & lab))}"
                         f" benign {int(np.sum(x & ~lab & (m >= v)))}/{int(np.sum(x & ~lab))}")
        print(f"  v={v}: " + "; ".join(parts))
    best = None
    for u in [round(0.40 + 0.01 * i, 2) for i in range(50)]:
        for v in (0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.95, 0.98):
            a, b = count(joint, lambda tool, h, c, m: chain(tool, h, c, u, 0.63) & (m >= v))
            if b <= 90 and (best is None or a > best[0]):
                best = (a, b, u, v)
    print(f"  best confirmed chain within the joint budget of 90: {best[0]} attacks, {best[1]} benign at U={best[2]},"
          f" v={best[3]} (the chain alone: {count(joint, lambda tool, h, c, m: chain(tool, h, c, 0.63, 0.63))})")
    best = None
    for u in [round(0.55 + 0.01 * i, 2) for i in range(20)]:
        for v in [round(0.995 + 0.0002 * i, 4) for i in range(21)]:
            a, b = count(joint, lambda tool, h, c, m: chain(tool, h, c, u, 0.63) | (m >= v))
            if b <= 90 and (best is None or a > best[0]):
                best = (a, b, u, v)
    print(f"  the chain or the MiniLM with tau_U on a finer grid (0.9950-0.9990 by 0.0002), within 90: {best[0]} attacks,"
          f" {best[1]} benign at U={best[2]}, tau_U={best[3]}")
    english = {n: np.array([r[5].get("category", "?").split("-")[-1] in ("en", "doc", "source", "readme")
                            for r in data[n]]) for n in joint}  # the real documents are English
    def split(ue, uo):
        a = b = 0
        for n in joint:
            lab, tool, h, c, m = cols[n]
            x = (c >= np.where(english[n], ue, uo)) | ((h >= 0.5) & (c >= 0.4))
            a += int(np.sum(x & lab))
            b += int(np.sum(x & ~lab))
        return a, b
    grid = [round(0.40 + 0.01 * i, 2) for i in range(50)]
    best = max(((split(ue, uo), ue, uo) for ue in grid for uo in grid if split(ue, uo)[1] <= 90),
               key=lambda r: (r[0][0], r[1], r[2]))
    print(f"  a user threshold for English and one for the rest (by the sets' language labels), within 90:"
          f" {best[0][0]} attacks, {best[0][1]} benign at {best[1]} / {best[2]}")
