#!/usr/bin/python3
"""Export a trained checkpoint to ONNX (PaddleClas ExportModel style: backbone + Softmax).

  /usr/bin/python3 model-weights/training/export.py --name lcnet_x1_0_blur [--ckpt best|last] [-o out.onnx]

Output: input "x" float32 [1,3,H,W] (dynamic H, W; 224x224 is what the model is evaluated at),
output "probs" [1,2] = softmax probabilities of [clear, blur].  Eval mode: BN folded into Conv by
the exporter; no dropout (use_last_conv=False has none).  Default opset 14 (HardSwish op).
A sidecar <out>.json records labels, preprocessing, checkpoint epoch, metrics and sha256.
The export is verified: PyTorch float32 vs a float64 interpretation of the ONNX graph, max |dp| < 1e-5.
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
from pplcnet import ExportModel, load_checkpoint  # noqa: E402


def load_model(name, which="best"):
    net, ck = load_checkpoint(os.path.join(HERE, "runs", name, which + ".pt"))
    return net.eval(), ck


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--name", default="lcnet_x1_0_blur")
    p.add_argument("--ckpt", default="best", choices=["best", "last"])
    p.add_argument("--opset", type=int, default=14)
    p.add_argument("-o", "--out", default=None)
    a = p.parse_args()
    out = a.out or os.path.join(HERE, "runs", a.name, "blur-default.onnx")
    net, ck = load_model(a.name, a.ckpt)
    model = ExportModel(net).eval()
    dummy = torch.zeros(1, 3, 224, 224)
    torch.onnx.export(model, dummy, out, opset_version=a.opset, input_names=["x"], output_names=["probs"],
                      dynamic_axes={"x": {2: "H", 3: "W"}}, do_constant_folding=True)
    om = onnx.load(out)
    onnx.checker.check_model(om)
    # verification on two real validation images
    files = D.load_split("val")[:2]
    worst = 0.0
    for f, im in zip(files, D.load_images(files)):
        for img in (im, D.val_blurred(im, f)[0]):
            x = D.preprocess_eval(img)[None]
            with torch.no_grad():
                pt = model(torch.from_numpy(x)).numpy()
            p64, _ = run_onnx_f64(om, x)
            worst = max(worst, float(np.abs(pt - p64).max()))
    assert worst < 1e-5, worst
    sha = hashlib.sha256(open(out, "rb").read()).hexdigest()
    meta = {
        "onnx": os.path.basename(out), "sha256": sha, "opset": a.opset,
        "arch": f"PPLCNet scale {ck['args']['scale']} use_last_conv {ck['args']['last_conv']} class_num 2",
        "labels": ["clear", "blur"], "postprocess": {"kind": "ThreshOutput", "threshold": 0.5, "score_index": 1,
                                                   "note": "provisional: evaluate.sh sets the packaged model's threshold and "
                                                           "operating points from the clear validation photos (operating_points.py)"},
        "preprocess": {"color": "RGB", "resize_short": D.RESIZE_SHORT, "interpolation": "INTER_AREA when shrinking, else INTER_LINEAR (OpenCV); blurfilter: --interpolation area",
                       "resize_round": "python round", "crop": D.CROP, "scale": 0.00392157,
                       "mean": D.MEAN.tolist(), "std": D.STD.tolist(), "layout": "NCHW"},
        "input": {"name": "x", "shape": [1, 3, "H", "W"]}, "output": {"name": "probs", "shape": [1, 2]},
        "checkpoint": {"file": a.ckpt + ".pt", "epoch": ck["epoch"], "metrics": ck["metrics"]},
        "verify_max_abs_prob_diff_torch_vs_onnx_f64": worst,
    }
    with open(out + ".json", "w") as f:
        json.dump(meta, f, indent=1)
    print(f"wrote {out} ({os.path.getsize(out)} bytes, sha256 {sha}); epoch {ck['epoch']}; "
          f"torch vs onnx(f64) max |dp| {worst:.2e}")


if __name__ == "__main__":
    main()
