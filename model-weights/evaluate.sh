#!/usr/bin/env bash
# The Java half of the default model's pipeline: ONNX -> blurfilter model resource -> every figure of
# MODEL-CARD.md measured by the Java engine.  Called by training/run_all.sh; usable on its own:
#   model-weights/evaluate.sh <model.onnx> <val dir from make_val_set.py> <agreement dir>
# Output: the packaged model, and model-weights/target/eval/*.txt with the tables.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
ONNX="$1"
VAL_DIR="$2"
AGREE_DIR="$3"
PY=/usr/bin/python3
T=model-weights/training
MODEL=model-weights/src/main/resources/io/blurfilter/model/blur-default.bfm
OUT=model-weights/target/eval
mkdir -p "$OUT" "$(dirname "$MODEL")"

[[ -f cli/target/blurfilter.jar ]] || mvn -q -DskipTests package

convert() {  # PaddleClas clarity_assessment preprocessing (INTER_AREA when shrinking) and ThreshOutput
    ./blurfilter convert --from onnx "$ONNX" --name "blurfilter PP-LCNet x1_0 blur (clear/blur)" \
        --resize-short 256 --interpolation area --crop 224x224 --labels clear,blur "$@"
}

# 5. operating points, from the Java engine's scores of the clear validation photos only
convert --threshold 0.5 -o "$OUT/unthresholded.bfm" > /dev/null
./blurfilter eval --model "$OUT/unthresholded.bfm" --sharp "$VAL_DIR/sharp" --blurred "$VAL_DIR/blurred" \
    --per-file > "$OUT/val-per-file.txt"
read -r -a POINTS <<< "$($PY $T/operating_points.py "$OUT/val-per-file.txt" 2> "$OUT/operating-points.txt")"
cat "$OUT/operating-points.txt"

# 6. convert with them
convert "${POINTS[@]}" -o "$MODEL" | tee "$OUT/convert.txt"
sha256sum "$MODEL" | tee "$OUT/sha256.txt"
./blurfilter info "$MODEL" | grep -i "operating\|threshold" | tee -a "$OUT/convert.txt" || true

# 7. evaluate with the Java engine, at the model's own threshold (balanced) unless said otherwise
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

# 8. agreement with PyTorch on the 200 preprocessed validation inputs (<= 1e-4), and rebuild the jar
mvn -q -pl model-weights -am install -DskipTests
mvn -q -pl model-weights test -Dtest=AgreementWithPyTorchTest -Dblurfilter.agreement="$AGREE_DIR" | tee "$OUT/agreement.txt"
mvn -q -DskipTests package
