#!/usr/bin/python3
"""Reference per-cell logits for the engine's score map (issue 20), from PyTorch alone.

Runs PP-LCNet ONNX fixtures (converter/src/test/resources/onnx-lcnet) as a float64 PyTorch graph
(torch.nn.functional ops, the ONNX weights), takes the feature map that the head's
GlobalAveragePool reads, and applies the head's Gemm to every spatial cell: logits[k][row][col].
The mean over the cells must be the pooled logit (checked here against the model's own output).

Geometry, measured rather than derived from the graph's attributes: for some cells in the middle of
a wide input, the input rows/columns on which that cell's logit depends (non-zero gradient, float64
autograd over a random input) — the receptive field, whose centre is where the cell sits.

Writes onnx-lcnet/score_maps.ref.json. Debian's Python (torch 1.13, onnx 1.12):
    /usr/bin/python3 converter/src/test/python/make_score_map_fixture.py
"""
import json
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
DIR = os.path.join(ROOT, "converter/src/test/resources/onnx-lcnet")
F = torch.nn.functional


def attrs(n):
    return {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}


def forward(model, x, detach_pools=()):
    """Evaluates the graph on x (a float64 torch tensor); returns every value by name. The outputs of the
    GlobalAveragePool nodes in detach_pools are cut from autograd (constants for the gradient)."""
    env = {i.name: torch.from_numpy(numpy_helper.to_array(i).astype(np.float64)) for i in model.graph.initializer}
    env[model.graph.input[0].name] = x
    for n in model.graph.node:
        a = attrs(n)
        i = [env[k] if k else None for k in n.input]
        t = n.op_type
        if t == "Conv":
            p = a.get("pads", [0, 0, 0, 0])
            assert p[0] == p[2] and p[1] == p[3]
            y = F.conv2d(i[0], i[1], i[2] if len(i) > 2 else None, stride=a["strides"], padding=(p[0], p[1]),
                         dilation=a.get("dilations", [1, 1]), groups=a.get("group", 1))
        elif t == "BatchNormalization":
            y = F.batch_norm(i[0], i[3], i[4], i[1], i[2], training=False, eps=a.get("epsilon", 1e-5))
        elif t == "HardSigmoid":
            y = torch.clamp(a.get("alpha", 0.2) * i[0] + a.get("beta", 0.5), 0, 1)
        elif t == "HardSwish":
            y = F.hardswish(i[0])
        elif t == "Mul":
            y = i[0] * i[1]
        elif t == "Add":
            y = i[0] + i[1]
        elif t == "Relu":
            y = F.relu(i[0])
        elif t == "GlobalAveragePool":
            y = F.adaptive_avg_pool2d(i[0], 1)
            if n.output[0] in detach_pools:
                y = y.detach()
        elif t == "Flatten":
            y = torch.flatten(i[0], a.get("axis", 1))
        elif t == "Gemm":
            assert not a.get("transA", 0)
            w = i[1].T if a.get("transB", 0) else i[1]
            y = a.get("alpha", 1.0) * i[0] @ w + a.get("beta", 1.0) * i[2]
        elif t == "Softmax":
            y = F.softmax(i[0], dim=a.get("axis", -1))
        else:
            raise NotImplementedError(t)
        env[n.output[0]] = y
    return env


def head(model):
    """(feature value, Gemm node) of a GlobalAveragePool -> Flatten -> Gemm head."""
    nodes = {n.output[0]: n for n in model.graph.node}
    gemm = next(n for n in model.graph.node if n.op_type == "Gemm")
    flat = nodes[gemm.input[0]]
    pool = nodes[flat.input[0]]
    assert flat.op_type == "Flatten" and pool.op_type == "GlobalAveragePool", (flat.op_type, pool.op_type)
    return pool.input[0], gemm


def cell_logits(model, x, detach_gates=False):
    feature, gemm = head(model)
    gates = [n.output[0] for n in model.graph.node if n.op_type == "GlobalAveragePool" and n.input[0] != feature]
    env = forward(model, x, gates if detach_gates else ())
    fmap = env[feature]  # [1, C, H, W]
    a = attrs(gemm)
    w = env[gemm.input[1]]
    w = w if a.get("transB", 0) else w.T  # [K, C]
    logits = a.get("alpha", 1.0) * torch.einsum("kc,chw->khw", w, fmap[0]) \
        + a.get("beta", 1.0) * env[gemm.input[2]].reshape(-1, 1, 1)
    pooled = env[gemm.output[0]][0]
    return logits, pooled


def receptive_field(model, shape, axis):
    """For three cells in the middle along axis (2 = rows, 3 = columns, the other at its middle): the
    first and last input index along that axis that the cell's class-0 logit depends on through the
    convolutions (the squeeze-excitation gates, which see the whole input, held constant)."""
    g = torch.Generator().manual_seed(7)
    x = torch.randn(shape, generator=g, dtype=torch.float64, requires_grad=True)
    logits, _ = cell_logits(model, x, detach_gates=True)
    n = logits.shape[axis - 1]
    cells = [n // 2 - 2, n // 2, n // 2 + 3]
    out = []
    for j in cells:
        idx = [0, logits.shape[1] // 2, logits.shape[2] // 2]
        idx[axis - 1] = j
        (grad,) = torch.autograd.grad(logits[idx[0], idx[1], idx[2]], x, retain_graph=True)
        dims = (0, 1, 3) if axis == 2 else (0, 1, 2)
        nz = torch.nonzero(grad.abs().sum(dim=dims) > 0).flatten()
        out.append([j, int(nz.min()), int(nz.max())])
    return out


def main():
    cases = []
    for file, inp in [("lcnet_x0_25_nolast_op13.onnx", "input_224x224_randn.f32"),
                      ("lcnet_x0_25_nolast_op13.onnx", "input_80x160_pattern.f32"),
                      ("lcnet_x0_25_nolast_op13_asym.onnx", "input_224x224_pattern.f32"),
                      ("lcnet_x1_0_nolast_op14.onnx", "input_224x224_pattern.f32")]:
        model = onnx.load(os.path.join(DIR, file))
        h, w = (int(s) for s in inp.split("_")[1].split("x"))
        x = np.fromfile(os.path.join(DIR, inp), dtype="<f4").reshape(1, 3, h, w).astype(np.float64)
        with torch.no_grad():
            logits, pooled = cell_logits(model, torch.from_numpy(x))
        mean = logits.mean(dim=(1, 2))
        assert torch.allclose(mean, pooled, atol=1e-10), (mean, pooled)
        cases.append({"model": file, "input": inp, "shape": [1, 3, h, w],
                      "rows": logits.shape[1], "cols": logits.shape[2],
                      "cell_logits": [[round(float(v), 9) for v in k.flatten()] for k in logits],
                      "pooled_logits": [round(float(v), 9) for v in pooled]})
        print(file, inp, tuple(logits.shape), "max |mean - pooled|", float((mean - pooled).abs().max()))
    fields = []
    for file, shape in [("lcnet_x0_25_nolast_op13.onnx", [1, 3, 64, 1600]),
                        ("lcnet_x0_25_nolast_op13_asym.onnx", [1, 3, 64, 1600]),
                        ("lcnet_x0_25_nolast_op13.onnx", [1, 3, 1600, 64])]:
        model = onnx.load(os.path.join(DIR, file))
        axis = 3 if shape[3] > shape[2] else 2
        rf = receptive_field(model, shape, axis)
        fields.append({"model": file, "shape": shape, "axis": "cols" if axis == 3 else "rows", "cells": rf})
        print(file, shape, rf)
    out = {"generator": "converter/src/test/python/make_score_map_fixture.py",
           "torch_version": torch.__version__, "onnx_version": onnx.__version__,
           "what": "per-cell logits [class][row * cols + col] of the feature map the head's GlobalAveragePool "
                   "reads, through the head's Gemm (float64 PyTorch); receptive_fields: [cell, first, last] "
                   "input index along the axis with a non-zero gradient of that cell's class-0 logit, "
                   "squeeze-excitation gates held constant",
           "cases": cases, "receptive_fields": fields}
    with open(os.path.join(DIR, "score_maps.ref.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
