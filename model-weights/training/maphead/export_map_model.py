"""Exports the shipped classifier with a trained map head as one two-output ONNX (opset 14):
`probs` (softmax [clear, blur], the classifier exactly as in blur-default.bfm) and `map` (the head's
blur logit per stride-8 cell), input `x` 1x3xHxW with H and W dynamic. The backbone and classifier
weights are read from the packaged .bfm (BN already folded), so the classifier is the shipped one
bit for bit; the head is an `edgefree` checkpoint of train.py. Every node is one the engine runs
(see onnxops.py for the three that PyTorch would otherwise export differently).

Then, from the repository root:
  ./blurfilter convert --from onnx OUT.onnx --map-output map:8 ... (see model-weights/evaluate-map.sh)

  /usr/bin/python3 model-weights/training/maphead/export_map_model.py CKPT -o OUT.onnx [--fixture DIR]

--fixture DIR also writes PyTorch's outputs for a few preprocessed whole-frame inputs (raw
little-endian float32 files and a JSON index), the reference MapHeadAgreementTest checks the converted
file against.
"""
import argparse
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
import common as C  # noqa: E402
import heads as Hd  # noqa: E402
from onnxops import hard_sigmoid  # noqa: E402

LUMA = (0.299, 0.587, 0.114)


class ExportNet(torch.nn.Module):
    def __init__(self, head):
        super().__init__()
        self.bfm = C.BfmNet().eval()
        self.head = head.eval()
        self.contrast = Hd.EdgeFreeContrast(between=head.between)
        # grey in 0..1 from the normalised input: rgb/255 = x*std + mean
        w = torch.tensor([l * s for l, s in zip(LUMA, C.STD)], dtype=torch.float32).reshape(1, 3, 1, 1)
        b = torch.tensor([sum(l * m for l, m in zip(LUMA, C.MEAN))], dtype=torch.float32)
        self.register_buffer("grey_w", w)
        self.register_buffer("grey_b", b)

    def _act(self, x, a):
        kind = a.get("activation", "none")
        if kind == "hardsigmoid":
            return hard_sigmoid(x, float(a["act_alpha"]), float(a["act_beta"]))
        return self.bfm._act(x, a)

    def forward(self, x):
        env = {out: y for op, out, y in self.bfm._run(x, act=self._act, gap=lambda t: F.adaptive_avg_pool2d(t, 1),
                                                     through_head=True)}
        feats = {s: env[self.bfm.taps[s]] for s in C.TAP_STRIDES}
        grey = F.conv2d(x, self.grey_w, self.grey_b)
        return env[self.bfm.output], self.head(feats, self.contrast(grey))


def load_head(path):
    d = torch.load(path)
    assert d["variant"] in ("edgefree", "edgefree2"), d["variant"]
    head = Hd.build(d["variant"], d["args"]["width"], 0.0)
    head.load_state_dict(d["state"])
    return head


def fixture(net, out_dir):
    """Two held-out photos of the classifier's validation split at short side 224: one as it is, one
    with a synthetic shallow depth of field (so the map has both kinds of region)."""
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    import data as D
    os.makedirs(out_dir, exist_ok=True)
    samples = []
    for i, name in enumerate(D.load_split("val")[:2]):
        path = os.path.join(C.SHARP, name)
        rgb = C.read_rgb(path)
        if i == 1:
            rgb = D.shallow_dof(rgb, np.random.default_rng(D.name_seed(name, "map-agreement:")))
        h, w = rgb.shape[:2]
        W, H = C.frame_size(w, h, 224)
        x = C.to_tensor(C.resize_like_engine(rgb, W, H))
        with torch.no_grad():
            probs, logit = net(x)
        name = "map%03d.f32" % i
        x.numpy().astype("<f4").tofile(os.path.join(out_dir, name))
        samples.append({"input": name, "shape": list(x.shape), "photo": name, "variant": "shallow_dof" if i else "as is",
                        "probs": [float(v) for v in probs[0]],
                        "map_shape": list(logit.shape), "map_logits": [float(v) for v in logit.flatten()]})
    with open(os.path.join(out_dir, "map-agreement.json"), "w") as fh:
        json.dump({"source": "model-weights/training/maphead/export_map_model.py", "samples": samples}, fh)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ckpt")
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--fixture")
    args = ap.parse_args()
    torch.set_num_threads(2)
    net = ExportNet(load_head(args.ckpt)).eval()
    x = torch.zeros(1, 3, 224, 224)
    torch.onnx.export(net, x, args.out, opset_version=14, input_names=["x"], output_names=["probs", "map"],
                      dynamic_axes={"x": {2: "h", 3: "w"}, "map": {2: "h8", 3: "w8"}}, do_constant_folding=True)
    print("wrote", args.out)
    if args.fixture:
        fixture(net, args.fixture)
        print("wrote", args.fixture)


if __name__ == "__main__":
    main()
