#!/usr/bin/env bash
# blurfilter default model: data -> train -> export (-> Java convert -> Java eval).
# Run from anywhere; everything is relative to the repository root.  Offline; CPU only.
#   apt-get install -y python3-torch python3-torchvision python3-onnx python3-opencv libtcmalloc-minimal4
#   model-weights/training/run_all.sh            # resumes training if runs/$NAME/last.pt exists
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PY=/usr/bin/python3                      # Debian's python (the torch/opencv packages are built for it)
T=model-weights/training
NAME="${NAME:-lcnet_x1_0_blur}"
VAL_DIR="${VAL_DIR:-/tmp/bf-val}"
AGREE_DIR="${AGREE_DIR:-/tmp/bf-agree}"
export OMP_WAIT_POLICY=PASSIVE           # 2 cores shared by 2 threads + 2 data workers: no spinning
export LD_PRELOAD="${LD_PRELOAD:-/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4}"

# 1. data: fixed split (committed; regenerate with RESPLIT=1 — it is deterministic)
if [[ ! -f $T/split.csv || "${RESPLIT:-0}" == 1 ]]; then $PY $T/split.py; fi

# 2. train (checkpoints every epoch in $T/runs/$NAME/, resumes automatically, ~45-50 min on 2 cores)
mkdir -p $T/runs/$NAME
$PY $T/train.py --name "$NAME" --scale 1.0 --epochs 22 --final-epochs 2 --size 160 --final-size 224 \
    2>&1 | tee -a $T/runs/$NAME/train.log

# 3. export best checkpoint -> ONNX (opset 14, 1x3xHxW dynamic H/W, softmax probs [clear, blur])
ONNX=$T/runs/$NAME/blur-default.onnx
$PY $T/export.py --name "$NAME" --ckpt best -o "$ONNX"

# 4. evaluation material shared with the Java side
$PY $T/make_val_set.py "$VAL_DIR"                                   # sharp/ blurred/ hardneg/ labels.csv
$PY $T/laplacian_baseline.py --json $T/runs/$NAME/laplacian_baseline.json
$PY $T/agreement_sample.py --onnx "$ONNX" --name "$NAME" -n 200 -o "$AGREE_DIR"
# the 4 pairs CI checks (committed with the model)
rm -f model-weights/src/test/resources/agreement/*
$PY $T/agreement_sample.py --onnx "$ONNX" --name "$NAME" -n 4 -o model-weights/src/test/resources/agreement

# 5-7. Java: convert, evaluate with the Java engine, check agreement with PyTorch
model-weights/evaluate.sh "$ONNX" "$VAL_DIR" "$AGREE_DIR"
