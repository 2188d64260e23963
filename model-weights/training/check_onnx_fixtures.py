#!/usr/bin/python3
"""Independent check of the ONNX fixtures: a tiny float64 interpreter of the ONNX graph (numpy +
torch.nn.functional.conv2d on float64 tensors) run on the stored inputs and compared with the
PyTorch float32 references in <name>.ref.json.  ONNX Runtime for Python is not available here.

Usage: /usr/bin/python3 model-weights/training/check_onnx_fixtures.py [fixture dir]
"""
import json
import os
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "converter/src/test/resources/onnx-lcnet")


def attrs(n):
    return {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}


def run(model, x):
    env = {i.name: numpy_helper.to_array(i).astype(np.float64) for i in model.graph.initializer}
    env[model.graph.input[0].name] = x.astype(np.float64)
    for n in model.graph.node:
        a = attrs(n)
        i = [env[k] if k else None for k in n.input]
        t = n.op_type
        if t == "Conv":
            p = a.get("pads", [0, 0, 0, 0])
            assert p[0] == p[2] and p[1] == p[3]
            y = torch.nn.functional.conv2d(torch.from_numpy(i[0]), torch.from_numpy(i[1]),
                                           None if len(i) < 3 else torch.from_numpy(i[2]),
                                           stride=a["strides"], padding=(p[0], p[1]),
                                           dilation=a.get("dilations", [1, 1]), groups=a.get("group", 1)).numpy()
        elif t == "BatchNormalization":
            assert a.get("training_mode", 0) == 0
            sh = (1, -1, 1, 1)
            y = (i[0] - i[3].reshape(sh)) / np.sqrt(i[4].reshape(sh) + a.get("epsilon", 1e-5)) * i[1].reshape(sh) + i[2].reshape(sh)
        elif t == "HardSigmoid":
            y = np.clip(a.get("alpha", 0.2) * i[0] + a.get("beta", 0.5), 0, 1)
        elif t == "HardSwish":
            y = i[0] * np.clip(i[0] / 6 + 0.5, 0, 1)
        elif t == "Mul":
            y = i[0] * i[1]
        elif t == "Add":
            y = i[0] + i[1]
        elif t == "Relu":
            y = np.maximum(i[0], 0)
        elif t == "GlobalAveragePool":
            y = i[0].mean(axis=(2, 3), keepdims=True)
        elif t == "Flatten":
            ax = a.get("axis", 1)
            y = i[0].reshape(int(np.prod(i[0].shape[:ax])), -1)
        elif t == "Gemm":
            A = i[0].T if a.get("transA", 0) else i[0]
            B = i[1].T if a.get("transB", 0) else i[1]
            y = a.get("alpha", 1.0) * A @ B + a.get("beta", 1.0) * i[2]
        elif t == "Softmax":
            z = i[0] - i[0].max(axis=a.get("axis", -1), keepdims=True)
            e = np.exp(z)
            y = e / e.sum(axis=a.get("axis", -1), keepdims=True)
        elif t == "Identity":
            y = i[0]
        else:
            raise NotImplementedError(t)
        env[n.output[0]] = y
        if t == "Softmax":
            env["__logits__"] = i[0]
    return env[model.graph.output[0].name], env["__logits__"]


def main():
    man = json.load(open(os.path.join(DIR, "manifest.json")))
    worst_p = worst_l = 0.0
    for m in man["models"]:
        model = onnx.load(os.path.join(DIR, m["file"]))
        ref = json.load(open(os.path.join(DIR, m["reference"])))
        for r in ref["outputs"]:
            x = np.fromfile(os.path.join(DIR, r["input"]), dtype="<f4").reshape(r["shape"])
            p, l = run(model, x)
            dp = np.abs(p.ravel() - np.array(r["probs"])).max()
            dl = np.abs(l.ravel() - np.array(r["logits"])).max()
            worst_p, worst_l = max(worst_p, dp), max(worst_l, dl)
            assert np.abs(p.ravel() - np.array(r["probs_f64"])).max() < 1e-12
            print(f"{m['file']:38s} {r['input']:28s} |dprob| {dp:.2e} |dlogit| {dl:.2e}")
    print(f"worst: prob {worst_p:.2e} logit {worst_l:.2e}")
    assert worst_p < 1e-5 and worst_l < 1e-4


if __name__ == "__main__":
    main()
