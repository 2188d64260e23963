#!/usr/bin/env python3
"""Turns a JMH JSON result (java -jar bench/target/benchmarks.jar -rf json -rff FILE) into the
Markdown tables of bench/RESULTS.md: medians with spread, and ratios to ONNX Runtime from the same run.
Usage: python3 bench/summarize.py FILE.json"""
import json
import sys


def pct(r, p):
    return r["primaryMetric"].get("scorePercentiles", {}).get(p)


def alloc(r):
    g = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    return None if g is None else g["score"]


def main(path):
    runs = json.load(open(path))
    lat = {}
    print("| benchmark | model | engine | median (throughput: mean) | p0 / lowest iteration | p90 / highest iteration | B/op | blurfilter/ORT |")
    print("|---|---|---|---|---|---|---|---|")
    rows = []
    for r in runs:
        name = r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1]
        params = r.get("params", {})
        model = params.get("model", params.get("size", "X1_0_LAST"))
        engine = params.get("engine", r["benchmark"].split(".")[-1])
        unit = r["primaryMetric"]["scoreUnit"]
        if r["mode"] == "sample":
            med = pct(r, "50.0")
            lat[(name, model, engine)] = med
            rows.append((name, model, engine, "%.3f %s" % (med, unit), "%.3f" % pct(r, "0.0"), "%.3f" % pct(r, "90.0"), alloc(r), med))
        elif r["mode"] == "ss":
            rows.append((name, model, engine, "%.2f %s (mean)" % (r["primaryMetric"]["score"], unit),
                         "%.2f" % pct(r, "0.0"), "%.2f" % pct(r, "90.0"), alloc(r), None))
        else:
            s = r["primaryMetric"]["score"]
            e = r["primaryMetric"]["scoreError"]
            lat[(name, model, engine)] = s
            raw = [v for fork in r["primaryMetric"].get("rawData", []) for v in fork]
            lo = "%.1f" % min(raw) if raw else ""
            hi = "%.1f" % max(raw) if raw else ""
            rows.append((name, model, engine, "%.1f ± %.1f %s" % (s, e, unit), lo, hi, alloc(r), None))
    for name, model, engine, med, lo, hi, b, m in rows:
        ratio = ""
        # two-intra-op-thread engines ("vector2") are compared with ONNX Runtime on two ("onnxruntime2")
        ort = lat.get((name, model, "onnxruntime2" if engine.endswith("2") else "onnxruntime"))
        if m is not None and ort and not engine.startswith("onnxruntime"):
            ratio = "%.2f" % (m / ort)
        if name.startswith("EndToEnd") and engine != "onnxruntime" and ort:
            ratio = "%.2f (img/s / ORT's img/s)" % (lat[(name, model, engine)] / ort)
            same = lat.get((name, model, "onnxruntime-samedecode"))
            if engine.startswith("blurfilter") and same:
                ratio += "; %.2f vs ORT behind our decoder" % (lat[(name, model, engine)] / same)
        if name.startswith("ThroughputVsOrt") and not engine.startswith(("onnxruntime", "ort")):
            best = max(v for (n, _, e), v in lat.items() if n.startswith("ThroughputVsOrt") and e.startswith(("onnxruntime", "ort")))
            ratio = "%.2f (throughput / ORT's best)" % (lat[(name, model, engine)] / best)
        print("| %s | %s | %s | %s | %s | %s | %s | %s |" % (name, model, engine, med, lo, hi,
                                                         "" if b is None else "%.0f" % b, ratio))


if __name__ == "__main__":
    main(sys.argv[1])
