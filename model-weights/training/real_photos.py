#!/usr/bin/python3
"""Label files for the Java `eval` of the real photos, and the per-source table from its output.

  real_photos.py labels OUT VAL_DIR
      OUT/real-blur.csv        ../shared/data/real-blur: 107 blurred + 44 sharp real photos
      OUT/pulc-mix.csv         the clear validation photos (VAL_DIR/sharp) + the 107 real blurred photos:
                               FPR on sharp photos / TPR on real blurred ones, PULC's table
      OUT/partial-blur.csv     500 shallow depth-of-field photos, all clear
      OUT/real-dev.csv         the 9 real-dev phone photos
  real_photos.py by-source PER_FILE.txt NAME=T [NAME=T ...]
      per source of real-blur: photos, blurred caught and sharp flagged at each threshold

The default model never trains on any of these photos and its thresholds are chosen on the clear
validation photos alone (operating_points.py), so every source here is held out: the per-source rows
are leave-one-source-out numbers by construction.
"""
import collections
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("BF_DATA", os.path.abspath(os.path.join(HERE, "../../../shared/data")))


def write_labels(out, val_dir):
    os.makedirs(out, exist_ok=True)
    rb = os.path.join(DATA, "real-blur")
    rows = list(csv.DictReader(open(os.path.join(rb, "manifest.csv"))))
    with open(os.path.join(out, "real-blur.csv"), "w") as f:
        f.write("path,label\n")
        for r in rows:
            f.write(f"{os.path.join(rb, r['file'])},{r['label']}\n")
    with open(os.path.join(out, "pulc-mix.csv"), "w") as f:
        f.write("path,label\n")
        sharp = os.path.join(os.path.abspath(val_dir), "sharp")
        for name in sorted(os.listdir(sharp)):
            f.write(f"{os.path.join(sharp, name)},clear\n")
        for r in rows:
            if r["label"] == "blurred":
                f.write(f"{os.path.join(rb, r['file'])},blurred\n")
    pb = os.path.join(DATA, "partial-blur")
    with open(os.path.join(out, "partial-blur.csv"), "w") as f:
        f.write("path,label\n")
        for r in csv.DictReader(open(os.path.join(pb, "manifest.csv"))):
            f.write(f"{os.path.join(pb, r['image'])},clear\n")
    rd = os.path.join(DATA, "real-dev")
    with open(os.path.join(out, "real-dev.csv"), "w") as f:
        f.write("path,label\n")
        for r in csv.DictReader(open(os.path.join(rd, "manifest.csv"))):
            f.write(f"{os.path.join(rd, r['file'])},{r['label']}\n")


def by_source(per_file, points):
    rb = os.path.join(DATA, "real-blur")
    meta = {os.path.join(rb, r["file"]): r for r in csv.DictReader(open(os.path.join(rb, "manifest.csv")))}
    scores = {}
    for line in open(per_file):
        parts = line.split(None, 3)
        if len(parts) == 4 and parts[3].strip() in meta:
            scores[parts[3].strip()] = float(parts[0])
    missing = set(meta) - set(scores)
    if missing:
        raise SystemExit(f"{per_file}: no score for {len(missing)} real-blur photos, e.g. {sorted(missing)[0]}")
    groups = collections.defaultdict(list)
    for path, r in meta.items():
        groups[r["source"]].append((r["label"] == "blurred", scores[path]))
    names = [n for n, _ in points]
    print("| source | blurred | " + " | ".join(f"caught at {n} ({t})" for n, t in points)
          + " | sharp | " + " | ".join(f"flagged at {n}" for n in names) + " |")
    print("|---|---|" + "---|" * len(points) + "---|" + "---|" * len(points))
    total = [0, [0] * len(points), 0, [0] * len(points)]
    for source in sorted(groups):
        b = [s for y, s in groups[source] if y]
        c = [s for y, s in groups[source] if not y]
        caught = [sum(s >= t for s in b) for _, t in points]
        flagged = [sum(s >= t for s in c) for _, t in points]
        total[0] += len(b)
        total[2] += len(c)
        for i in range(len(points)):
            total[1][i] += caught[i]
            total[3][i] += flagged[i]
        print(f"| {source} | {len(b)} | " + " | ".join(str(x) if b else "-" for x in caught)
              + f" | {len(c)} | " + " | ".join(str(x) if c else "-" for x in flagged) + " |")
    print(f"| **all** | {total[0]} | " + " | ".join(f"{x} ({x / total[0]:.1%})" for x in total[1])
          + f" | {total[2]} | " + " | ".join(f"{x} ({x / total[2]:.1%})" for x in total[3]) + " |")
    rates = [total[1][i] / total[0] for i in range(len(points))]
    by_src = collections.defaultdict(list)
    for source in groups:
        b = [s for y, s in groups[source] if y]
        if b:
            by_src[source] = [sum(s >= t for s in b) / len(b) for _, t in points]
    macro = [sum(v[i] for v in by_src.values()) / len(by_src) for i in range(len(points))]
    print()
    print("blurred caught, pooled over photos: " + ", ".join(f"{n} {r:.1%}" for n, r in zip(names, rates)))
    print(f"blurred caught, mean over the {len(by_src)} sources with blurred photos (each source weighs the same): "
          + ", ".join(f"{n} {r:.1%}" for n, r in zip(names, macro)))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "labels":
        write_labels(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "by-source":
        points = []
        for a in sys.argv[3:]:
            name, _, t = a.partition("=")
            points.append((name, float(t)))
        by_source(sys.argv[2], points)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
