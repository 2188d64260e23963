#!/usr/bin/env bash
# Every figure of MODEL-CARD.md for a packaged model, measured by the Java engine (the `blurfilter`
# command) at the model's own threshold and its operating points:
#   model-weights/measure.sh <model.bfm> <val dir from make_val_set.py> NAME=T ...
# Called by evaluate.sh after a conversion; run it alone to re-measure the shipped model.
# Output: model-weights/target/eval/*.txt
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
MODEL="$1"
VAL_DIR="$2"
shift 2
POINTS=("$@")
PY=/usr/bin/python3
T=model-weights/training
OUT=model-weights/target/eval
mkdir -p "$OUT"
[[ -f cli/target/blurfilter.jar ]] || mvn -q -DskipTests package

# at the model's own threshold (balanced) unless said otherwise
$PY $T/real_photos.py labels "$OUT/labels" "$VAL_DIR"
./blurfilter eval --model "$MODEL" --sharp "$VAL_DIR/sharp" --blurred "$VAL_DIR/blurred" \
    --report "$OUT/val-report.html" | tee "$OUT/val.txt"
./blurfilter eval --model "$MODEL" --sharp "$VAL_DIR/sharp" --blurred "$VAL_DIR/blurred" --threshold 0.5 \
    > "$OUT/val-at-0.5.txt"
./blurfilter eval --model "$MODEL" --sharp "$VAL_DIR/hardneg" --blurred "$VAL_DIR/blurred" | tee "$OUT/val-hardneg.txt"
./blurfilter eval --model "$MODEL" --labels "$OUT/labels/real-dev.csv" --per-file | tee "$OUT/real-dev.txt"
# real photos: none is trained on, none chose a threshold
./blurfilter eval --model "$MODEL" --labels "$OUT/labels/real-blur.csv" --per-file > "$OUT/real-blur.txt"
tail -n 16 "$OUT/real-blur.txt"
./blurfilter eval --model "$MODEL" --labels "$OUT/labels/pulc-mix.csv" | tee "$OUT/pulc-mix.txt"
$PY $T/real_photos.py by-source "$OUT/real-blur.txt" \
    $(printf '%s\n' "${POINTS[@]}" | grep '=' | tr '\n' ' ') | tee "$OUT/real-blur-by-source.md"
# shallow depth of field: every photo is clear, so the "FPR" column is the share called blurred
./blurfilter eval --model "$MODEL" --labels "$OUT/labels/partial-blur.csv" --per-file > "$OUT/partial-blur.txt"
$PY - "$OUT/partial-blur.txt" "${POINTS[@]}" <<'EOF' | tee "$OUT/partial-blur-summary.txt"
import sys
scores = [float(l.split()[0]) for l in open(sys.argv[1]) if l[:1].isdigit() and len(l.split()) >= 4]
points = [a.split("=") for a in sys.argv[2:] if "=" in a]
print(f"partial-blur (shallow depth of field, all clear): {len(scores)} photos")
for name, t in points:
    n = sum(s >= float(t) for s in scores)
    print(f"  called blurred at {name} ({t}): {n} ({n / len(scores):.1%})")
EOF

