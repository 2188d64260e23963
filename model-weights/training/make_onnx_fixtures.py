#!/usr/bin/python3
"""Make the ONNX PP-LCNet test fixtures for the Java converter (issue 2).

Writes into converter/src/test/resources/onnx-lcnet/ (or the directory given as argv[1]):
  *.onnx                      PP-LCNet + Softmax, exported by torch.onnx.export (TorchScript exporter)
                              in eval mode, input "x" [N,3,H,W] with dynamic N,H,W, output "probs" [N,2]
  input_<H>x<W>_<kind>.f32    raw little-endian float32 NCHW 1x3xHxW inputs (shared by all models)
  <model>.ref.json            PyTorch reference logits (pre-softmax) and probabilities per input
  manifest.json               everything above, machine readable

Run from the repo root:  /usr/bin/python3 model-weights/training/make_onnx_fixtures.py
Deterministic: fixed seeds; torch CPU float32; re-running reproduces the same weights and outputs
(the ONNX bytes may differ across torch versions; made with Debian torch 1.13).
"""
import hashlib
import json
import os
import sys
from collections import Counter

import numpy as np
import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pplcnet import PPLCNet, ExportModel  # noqa: E402
from check_onnx_fixtures import run as run_onnx_f64  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "converter/src/test/resources/onnx-lcnet")

SIZES = [(224, 224), (80, 160)]  # (H, W)

# name, scale, use_last_conv, opset, stride_list, keep_bn
MODELS = [
    ("lcnet_x0_25_nolast_op13", 0.25, False, 13, None, False),
    ("lcnet_x0_25_nolast_op14", 0.25, False, 14, None, False),
    ("lcnet_x0_25_last_op13", 0.25, True, 13, None, False),
    ("lcnet_x0_25_last_op14", 0.25, True, 14, None, False),
    ("lcnet_x0_5_nolast_op13", 0.5, False, 13, None, False),
    ("lcnet_x0_5_nolast_op14", 0.5, False, 14, None, False),
    ("lcnet_x0_5_last_op13", 0.5, True, 13, None, False),
    ("lcnet_x0_5_last_op14", 0.5, True, 14, None, False),
    # x1_0: to stay within the size budget each last-conv variant is stored in one opset only.
    ("lcnet_x1_0_nolast_op14", 1.0, False, 14, None, False),   # = PULC clarity structure
    ("lcnet_x1_0_last_op13", 1.0, True, 13, None, False),
    # BatchNormalization kept as separate nodes (TrainingMode.PRESERVE on an eval-mode model).
    ("lcnet_x0_25_last_op14_bn", 0.25, True, 14, None, True),
    # asymmetric strides like PaddleX PP-LCNet_x0_25_textline_ori.
    ("lcnet_x0_25_nolast_op13_asym", 0.25, False, 13, [[1, 2], [2, 1], [2, 1], [2, 1], [2, 1]], False),
]


def seed_of(name):
    return int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)


def make_inputs():
    inputs = {}
    for (h, w) in SIZES:
        g = torch.Generator().manual_seed(1000 + h * 1000 + w)
        inputs[(h, w, "randn")] = torch.randn(1, 3, h, w, generator=g)
        c = torch.arange(3, dtype=torch.float64).view(1, 3, 1, 1)
        y = torch.arange(h, dtype=torch.float64).view(1, 1, h, 1)
        x = torch.arange(w, dtype=torch.float64).view(1, 1, 1, w)
        # smooth deterministic pattern, roughly in the range of ImageNet-normalized pixels
        pat = (1.5 * torch.sin(0.05 * y + 0.9 * c) * torch.cos(0.07 * x - 0.4 * c)
               + 0.5 * torch.sin(0.013 * (y + x)) - 0.2 * c + 0.3)
        inputs[(h, w, "pattern")] = pat.float()
    return inputs


PATTERN_FORMULA = ("x[0,c,h,w] = float32(1.5*sin(0.05*h + 0.9*c)*cos(0.07*w - 0.4*c) + 0.5*sin(0.013*(h+w)) "
                   "- 0.2*c + 0.3), computed in float64; randn: torch.Generator().manual_seed(1000 + H*1000 + W), "
                   "torch.randn(1,3,H,W)")


@torch.no_grad()
def randomize(model, seed, fixture_inputs):
    """Random weights with sane activation scale and non-trivial BN statistics.

    1. Kaiming-normal conv weights, random SE biases, random fc.
    2. BN gamma ~ U(0.5, 1.5), beta ~ N(0, 0.2).
    3. Calibrate BN running stats on a random 224x224 batch (so activations stay O(1) through 13 blocks),
       then perturb them: mean += N(0, 0.3*std), var *= U(0.5, 2.0). So BN folding is exercised
       and running_mean/var are far from 0/1.
    """
    g = torch.Generator().manual_seed(seed)
    for mod in model.modules():
        if isinstance(mod, torch.nn.Conv2d):
            fan_in = mod.weight[0].numel()
            mod.weight.copy_(torch.randn(mod.weight.shape, generator=g) * (2.0 / fan_in) ** 0.5)
            if mod.bias is not None:
                mod.bias.copy_(torch.randn(mod.bias.shape, generator=g) * 0.5)
        elif isinstance(mod, torch.nn.BatchNorm2d):
            mod.weight.copy_(torch.rand(mod.weight.shape, generator=g) + 0.5)
            mod.bias.copy_(torch.randn(mod.bias.shape, generator=g) * 0.2)
        elif isinstance(mod, torch.nn.Linear):
            mod.weight.copy_(torch.randn(mod.weight.shape, generator=g) * (1.0 / mod.in_features) ** 0.5)
            mod.bias.copy_(torch.randn(mod.bias.shape, generator=g) * 0.3)
    # calibrate BN running stats with a cumulative average over one random batch
    bns = [m for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    for bn in bns:
        bn.reset_running_stats()
        bn.momentum = None
    model.train()
    model(torch.randn(4, 3, 224, 224, generator=g))
    for bn in bns:
        bn.momentum = 0.1
        std = bn.running_var.sqrt()
        bn.running_mean.add_(torch.randn(bn.running_mean.shape, generator=g) * 0.3 * std)
        bn.running_var.mul_(torch.rand(bn.running_var.shape, generator=g) * 1.5 + 0.5)
    model.eval()
    # Scale and centre fc on the fixture inputs themselves so that the logits are O(1) and the
    # probabilities informative (roughly 0.1..0.9), not saturated at 0/1.
    logits = torch.cat([model(x) for x in fixture_inputs])
    d = logits[:, 0] - logits[:, 1]
    k = 2.0 / ((d - d.mean()).abs().max().item() + 1e-6)
    fc = model.fc
    fc.weight.mul_(k)
    fc.bias.mul_(k)
    fc.bias.sub_(logits.mean(0) * k)
    fc.bias.add_(torch.tensor([0.25, -0.25]))


def op_counts(path):
    m = onnx.load(path)
    return dict(sorted(Counter(n.op_type for n in m.graph.node).items())), m


def f32list(t):
    return [float(v) for v in t.detach().numpy().astype(np.float32).ravel()]


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(2)
    inputs = make_inputs()
    input_files = {}
    for (h, w, kind), t in inputs.items():
        fn = f"input_{h}x{w}_{kind}.f32"
        t.numpy().astype("<f4").tofile(os.path.join(OUT, fn))
        input_files[(h, w, kind)] = fn

    manifest = {
        "description": "PP-LCNet random-weight ONNX fixtures exported by PyTorch; see README.md",
        "generator": "model-weights/training/make_onnx_fixtures.py",
        "torch_version": torch.__version__,
        "onnx_version": onnx.__version__,
        "input_pattern": PATTERN_FORMULA,
        "inputs": [{"file": fn, "shape": [1, 3, h, w], "kind": kind,
                    "sha256": hashlib.sha256(open(os.path.join(OUT, fn), "rb").read()).hexdigest()}
                   for (h, w, kind), fn in input_files.items()],
        "models": [],
    }
    for name, scale, last, opset, strides, keep_bn in MODELS:
        torch.manual_seed(seed_of(name))
        kw = {}
        if strides is not None:
            kw["stride_list"] = strides
        net = PPLCNet(scale=scale, class_num=2, use_last_conv=last, **kw)
        # weights depend only on (scale, last, strides) so op13/op14 twins share weights
        randomize(net, seed_of(f"{scale}-{last}-{strides}"), list(inputs.values()))
        model = ExportModel(net).eval()
        path = os.path.join(OUT, name + ".onnx")
        export_kw = dict(training=torch.onnx.TrainingMode.PRESERVE) if keep_bn else {}
        torch.onnx.export(model, inputs[(80, 160, "randn")], path, opset_version=opset,
                          input_names=["x"], output_names=["probs"],
                          dynamic_axes={"x": {0: "N", 2: "H", 3: "W"}, "probs": {0: "N"}},
                          do_constant_folding=True, **export_kw)
        ops, om = op_counts(path)
        onnx.checker.check_model(om)
        if keep_bn:
            assert ops.get("BatchNormalization", 0) > 0, ops
        else:
            assert "BatchNormalization" not in ops, ops
        assert ("HardSwish" in ops) == (opset >= 14), ops
        softmax_in = [n.input[0] for n in om.graph.node if n.op_type == "Softmax"][0]
        refs = []
        with torch.no_grad():
            for (h, w, kind), fn in input_files.items():
                logits = net(inputs[(h, w, kind)])
                probs = model(inputs[(h, w, kind)])
                p64, l64 = run_onnx_f64(om, inputs[(h, w, kind)].numpy())
                refs.append({"input": fn, "shape": [1, 3, h, w], "logits": f32list(logits),
                             "probs": f32list(probs),
                             "logits_f64": [float(v) for v in l64.ravel()],
                             "probs_f64": [float(v) for v in p64.ravel()]})
        ref_file = name + ".ref.json"
        with open(os.path.join(OUT, ref_file), "w") as f:
            json.dump({"model": name + ".onnx", "reference": "logits/probs: PyTorch %s eval mode, CPU float32; "
                       "logits_f64/probs_f64: float64 evaluation of this ONNX graph by "
                       "check_onnx_fixtures.py (numpy + float64 conv2d)" % torch.__version__,
                       "outputs": refs}, f, indent=1)
        entry = {
            "file": name + ".onnx", "scale": scale, "last_conv": last, "opset": opset,
            "stride_list": strides if strides is not None else [2, 2, 2, 2, 2],
            "batchnorm_nodes": keep_bn, "class_num": 2,
            "input": {"name": "x", "shape": ["N", 3, "H", "W"]},
            "output": {"name": "probs", "shape": ["N", 2], "what": "softmax probabilities"},
            "logits_tensor": softmax_in,
            "tested_input_shapes": [[1, 3, h, w] for (h, w) in SIZES],
            "params": sum(p.numel() for p in net.parameters()),
            "op_counts": ops, "bytes": os.path.getsize(path),
            "sha256": hashlib.sha256(open(path, "rb").read()).hexdigest(),
            "reference": ref_file,
        }
        manifest["models"].append(entry)
        print(f"{name}: {os.path.getsize(path)/1e6:.2f} MB ops={ops}")
        for r in refs:
            print("   ", r["input"], "probs", [round(p, 4) for p in r["probs"]],
                  "logits", [round(p, 3) for p in r["logits"]])
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f"total {total/1e6:.2f} MB in {OUT}")


if __name__ == "__main__":
    main()
