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

# 7. every figure of the model card, with the Java engine
model-weights/measure.sh "$MODEL" "$VAL_DIR" "${POINTS[@]}"

# 8. agreement with PyTorch on the 200 preprocessed validation inputs (<= 1e-4), and rebuild the jar
mvn -q -pl model-weights -am install -DskipTests
mvn -q -pl model-weights test -Dtest=AgreementWithPyTorchTest -Dblurfilter.agreement="$AGREE_DIR" | tee "$OUT/agreement.txt"
mvn -q -DskipTests package
