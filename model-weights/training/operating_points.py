#!/usr/bin/python3
"""Choose the model's operating points from the Java engine's scores of the CLEAR validation photos only.

  ./blurfilter eval --model M --sharp VAL/sharp --blurred VAL/blurred --per-file > val-per-file.txt
  /usr/bin/python3 model-weights/training/operating_points.py val-per-file.txt
  -> prints: --threshold T --operating-point high=... --operating-point balanced=T --operating-point lenient=...

Each point is the smallest threshold on a 0.005 grid whose false-positive rate on the held-out clear
validation photos (499, `split.csv`) is at most its target.  Only clear photos decide it: no blurred
photo, synthetic or real, and none of the real-photo sets (real-blur, real-dev, partial-blur), which the
model card then reports at these thresholds as unseen data.  The targets leave room for the higher
false-positive rate of other sharp photo collections (the issue's held-out ImageNet photos gave 4.2% where
this split gave 3.0% at the same threshold for the previous model):

  high      FPR <= 6%  on validation: catches the most blur, for when a missed blurred photo costs more
  balanced  FPR <= 3%: the default (5% with room for sharper-looking validation photos)
  lenient   FPR <= 1%: flags only clear-cut blur, for when dropping a good photo costs more
"""
import sys

TARGETS = (("high", 0.06), ("balanced", 0.03), ("lenient", 0.01))
GRID = [round(i * 0.005, 3) for i in range(1, 200)]


def clear_scores(path):
    scores = []
    for line in open(path):
        parts = line.split()
        if len(parts) >= 4 and parts[1] == "clear":
            scores.append(float(parts[0]))
    if len(scores) < 100:
        raise SystemExit(f"{path}: expected the per-file lines of at least 100 clear photos, found {len(scores)}")
    return scores


def choose(scores, target):
    for t in GRID:
        if sum(s >= t for s in scores) / len(scores) <= target:
            return t
    return GRID[-1]


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    scores = clear_scores(sys.argv[1])
    points = {name: choose(scores, target) for name, target in TARGETS}
    for name, target in TARGETS:
        fpr = sum(s >= points[name] for s in scores) / len(scores)
        print(f"# {name}: threshold {points[name]} (validation FPR {fpr:.2%}, target <= {target:.1%}, "
              f"{len(scores)} clear photos)", file=sys.stderr)
    print(f"--threshold {points['balanced']} " + " ".join(f"--operating-point {n}={points[n]}" for n, _ in TARGETS))


if __name__ == "__main__":
    main()
