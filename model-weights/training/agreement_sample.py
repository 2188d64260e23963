#!/usr/bin/python3
"""Dump preprocessed validation inputs + PyTorch probabilities for the Java-vs-PyTorch agreement check.

  /usr/bin/python3 model-weights/training/agreement_sample.py --onnx runs/<name>/blur-default.onnx \
      --name <name> -n 200 -o /tmp/bf-agree

For i in 0..N-1 the i-th sample alternates clear / blurred held-out images (val split order):
  OUT/NNN.f32     float32 little-endian NCHW 1x3x224x224: RGB, resize_short 256 (OpenCV INTER_AREA when shrinking, else INTER_LINEAR),
                  center crop 224, (x*0.00392157 - mean)/std — the model's exact input
  OUT/agreement.json  per sample: input file, source image, label, PyTorch float32 probabilities
                  [clear, blur] of the checkpoint the ONNX was exported from, and a float64
                  evaluation of the ONNX graph itself (probs_onnx_f64) as a cross-check.
The Java engine should reproduce `probs` within 1e-4 (issue 3) given the same .f32 input.
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import onnx
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import data as D  # noqa: E402
from check_onnx_fixtures import run as run_onnx_f64  # noqa: E402
from export import load_model  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--onnx", required=True)
    p.add_argument("--name", default="lcnet_x1_0_blur")
    p.add_argument("--ckpt", default="best", choices=["best", "last"])
    p.add_argument("-n", type=int, default=200)
    p.add_argument("-o", "--out", required=True)
    a = p.parse_args()
    torch.set_num_threads(2)
    os.makedirs(a.out, exist_ok=True)
    net, ck = load_model(a.name, a.ckpt)
    om = onnx.load(a.onnx)
    files = D.load_split("val")[:(a.n + 1) // 2]
    samples, worst_f64 = [], 0.0
    for i in range(a.n):
        f = files[i // 2]
        im = D.read_rgb(os.path.join(D.DATA, "sharp", f))
        label = i % 2
        img = D.val_blurred(im, f)[0] if label else im
        x = D.preprocess_eval(img)[None]
        fn = f"{i:03d}.f32"
        x.astype("<f4").tofile(os.path.join(a.out, fn))
        with torch.no_grad():
            pr = torch.softmax(net(torch.from_numpy(x)), dim=1)[0].numpy()
        p64, _ = run_onnx_f64(om, x)
        worst_f64 = max(worst_f64, float(np.abs(pr - p64.ravel()).max()))
        samples.append({"input": fn, "shape": [1, 3, 224, 224], "image": f, "variant": "blurred" if label else "sharp",
                        "label": label, "probs": [float(v) for v in pr],
                        "probs_onnx_f64": [float(v) for v in p64.ravel()]})
    meta = {"onnx": os.path.basename(a.onnx), "onnx_sha256": hashlib.sha256(open(a.onnx, "rb").read()).hexdigest(),
            "checkpoint_epoch": ck["epoch"], "torch": torch.__version__,
            "preprocess": "RGB; resize_short 256 cv2.INTER_AREA if shrinking else INTER_LINEAR (python round); center crop 224 ((W-224)//2); "
                          "float32 (x*0.00392157 - [0.485,0.456,0.406]) / [0.229,0.224,0.225]; NCHW",
            "max_abs_diff_torch_vs_onnx_f64": worst_f64, "samples": samples}
    with open(os.path.join(a.out, "agreement.json"), "w") as fo:
        json.dump(meta, fo, indent=1)
    print(f"wrote {a.n} samples to {a.out}; torch vs onnx(f64) max |dp| {worst_f64:.2e}")


if __name__ == "__main__":
    main()
