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
MODEL=model-weights/src/main/resources/io/blurfilter/model/blur-default.bfm
OUT=model-weights/target/eval
mkdir -p "$OUT" "$(dirname "$MODEL")"

[[ -f cli/target/blurfilter.jar ]] || mvn -q -DskipTests package

# 5. convert: PaddleClas clarity_assessment preprocessing and ThreshOutput postprocessing
./blurfilter convert --from onnx "$ONNX" --name "blurfilter PP-LCNet x1_0 blur (clear/blur)" \
    --resize-short 256 --interpolation area --crop 224x224 --labels clear,blur --threshold 0.5 -o "$MODEL" | tee "$OUT/convert.txt"
sha256sum "$MODEL" | tee "$OUT/sha256.txt"

# 6. evaluate with the Java engine
./blurfilter eval --model "$MODEL" --sharp "$VAL_DIR/sharp" --blurred "$VAL_DIR/blurred" \
    --report "$OUT/val-report.html" | tee "$OUT/val.txt"
./blurfilter eval --model "$MODEL" --sharp "$VAL_DIR/hardneg" --blurred "$VAL_DIR/blurred" | tee "$OUT/val-hardneg.txt"
./blurfilter eval --model "$MODEL" --labels ../shared/data/real-dev/manifest.csv --per-file | tee "$OUT/real-dev.txt"

# 7. agreement with PyTorch on the 200 preprocessed validation inputs (<= 1e-4), and rebuild the jar
mvn -q -pl model-weights -am install -DskipTests
mvn -q -pl model-weights test -Dtest=AgreementWithPyTorchTest -Dblurfilter.agreement="$AGREE_DIR" | tee "$OUT/agreement.txt"
mvn -q -DskipTests package
