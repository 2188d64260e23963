#!/usr/bin/env bash
# The map head's Java half (issue 20): a trained head checkpoint (training/maphead/train.py) -> one ONNX
# with the shipped classifier and the head -> blur-default.bfm with its map head -> the figures of
# docs/BLUR-MAP.md measured by the Java engine.
#   model-weights/evaluate-map.sh <head checkpoint .pt> <val dir from make_val_set.py>
# The classifier is read from the packaged file itself and must come out bit for bit the same (checked
# on every validation photo); the thresholds and operating points are carried over.
# Output: the packaged model, model-weights/src/test/resources/map-agreement/, model-weights/target/map-eval/*.txt
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
CKPT="$1"
VAL_DIR="$2"
PY=/usr/bin/python3
M=model-weights/training/maphead
MODEL=model-weights/src/main/resources/io/blurfilter/model/blur-default.bfm
OUT=model-weights/target/map-eval
PB=../shared/data/partial-blur
RB=../shared/data/real-blur
mkdir -p "$OUT"
export OMP_WAIT_POLICY=PASSIVE

[[ -f cli/target/blurfilter.jar && -f bench/target/benchmarks.jar ]] || mvn -q -o -DskipTests package
J=(java --add-modules jdk.incubator.vector -Xmx3g -cp bench/target/benchmarks.jar)

# 1. the packaged classifier + the head -> ONNX, and PyTorch's outputs for the agreement test
cp "$MODEL" "$OUT/before.bfm"
rm -rf model-weights/src/test/resources/map-agreement
$PY $M/export_map_model.py "$CKPT" -o "$OUT/blur-map.onnx" --fixture model-weights/src/test/resources/map-agreement

# 2. convert with the packaged file's name, preprocessing, threshold and operating points
POST=$(./blurfilter info "$OUT/before.bfm" | sed -n 's/^postprocessing: *threshold \([0-9.]*\) on class 1, operating points \(.*\)$/\1|\2/p')
THRESHOLD=${POST%%|*}
POINTS=()
for p in ${POST#*|}; do POINTS+=(--operating-point "$p"); done
./blurfilter convert --from onnx "$OUT/blur-map.onnx" --map-output map:8 \
    --name "blurfilter PP-LCNet x1_0 blur (clear/blur)" --resize-short 256 --interpolation area --crop 224x224 \
    --labels clear,blur --threshold "$THRESHOLD" "${POINTS[@]}" -o "$OUT/after.bfm" | tee "$OUT/convert.txt"

# 3. the classifier must be unchanged: the same score for every validation photo, to the last digit
for f in before after; do
    ./blurfilter eval --model "$OUT/$f.bfm" --sharp "$VAL_DIR/sharp" --blurred "$VAL_DIR/blurred" --per-file \
        > "$OUT/val-$f.txt"
done
cmp "$OUT/val-before.txt" "$OUT/val-after.txt"
echo "classifier unchanged on $(grep -c . "$OUT/val-after.txt") lines of eval --per-file"
cp "$OUT/after.bfm" "$MODEL"
sha256sum "$MODEL" | tee "$OUT/sha256.txt"
./blurfilter info "$MODEL" | grep -i "map head\|operating" | tee -a "$OUT/convert.txt"

# 4. Java against PyTorch (head logits and probabilities)
mvn -q -o -pl model-weights -am test -Dtest='MapHeadAgreementTest,AgreementWithPyTorchTest,BlurModelTest' \
    -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -i "agreement\|FAIL\|ERROR" | tee "$OUT/agreement.txt" || true

# 5. the maps against the masks: report half (odd), then the tuning half (even, the head's training photos)
"${J[@]}" io.blurfilter.bench.BlurMapEval "$MODEL" $PB report map:448:bilinear laplacian:31 | tee "$OUT/report.txt"
"${J[@]}" io.blurfilter.bench.BlurMapEval "$MODEL" $PB tune map:448:bilinear laplacian:31 | tee "$OUT/tune.txt"

# 6. the whole-photo decision on the head's maps and on the classifier's
for src in head classifier; do
    rm -f "$OUT/decision-$src.tsv"
    "${J[@]}" io.blurfilter.bench.BlurDecisionEval "$MODEL" $PB "$VAL_DIR" $RB "$OUT/decision-$src.tsv" $src \
        > "$OUT/decision-$src.txt"
    sed -n '/Report halves/,$p' "$OUT/decision-$src.txt"
done
