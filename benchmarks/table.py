"""Prints mailwire-vs-competitor tables from a JMH JSON result (see run.sh)."""
import json
import sys
from collections import defaultdict

PREFIXES = ("mailwire", "angus", "commonsNet", "ceiling")


def split(name):
    cls, _, method = name.rpartition(".")
    return cls.rpartition(".")[2], method


def main(path):
    rows = json.load(open(path))
    groups = defaultdict(dict)
    for r in rows:
        cls, method = split(r["benchmark"])
        params = ",".join(f"{k}={v}" for k, v in sorted((r.get("params") or {}).items()))
        score = r["primaryMetric"]["score"]
        unit = r["primaryMetric"]["scoreUnit"]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        groups[(cls, params)][method] = (score, unit, alloc)
    print()
    print("| benchmark | params | mailwire | score | competitor | score | ratio | mailwire B/op | competitor B/op |")
    print("|---|---|---|---|---|---|---|---|---|")
    for (cls, params), methods in sorted(groups.items()):
        ours = {m: v for m, v in methods.items() if m.startswith("mailwire")}
        others = {m: v for m, v in methods.items() if not m.startswith("mailwire")}
        if not ours:
            continue
        for m, (s, unit, a) in sorted(ours.items()):
            if not others:
                print(f"| {cls} | {params} | {m} | {s:,.1f} {unit} | - | - | - | {fmt(a)} | - |")
            for o, (os_, ounit, oa) in sorted(others.items()):
                ratio = s / os_ if os_ else float("nan")
                print(f"| {cls} | {params} | {m} | {s:,.1f} {unit} | {o} | {os_:,.1f} {ounit} | {ratio:.2f}x | {fmt(a)} | {fmt(oa)} |")


def fmt(a):
    return "-" if a is None else f"{a:,.0f}"


if __name__ == "__main__":
    main(sys.argv[1])
