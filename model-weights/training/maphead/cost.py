"""Parameters and multiply-adds of the backbone (from the .bfm graph) and of each head, at a
672x448 input (a 3:2 photo at short side 448, the commonest partial-blur size) and at 608x448 (4:3).

  /usr/bin/python3 model-weights/training/maphead/cost.py [--width 32]
"""
import argparse
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
import common as C  # noqa: E402
import heads as Hd  # noqa: E402


def backbone_macs(net, H, W):
    x = torch.zeros(1, 3, H, W)
    env = {"x": x}
    macs = 0
    params = 0
    for op, name, ins, out, a in net.nodes:
        get = lambda n: env[n] if n in env else net.tensors[n]
        if op == "Conv":
            w = get(ins[1])
            sh, sw = [int(v) for v in a["strides"].split(",")]
            pt, pl, pb, pr = [int(v) for v in a["pads"].split(",")]
            y = F.conv2d(get(ins[0]), w, None, (sh, sw), (pt, pl), 1, int(a["group"]))
            macs += y.numel() * w.shape[1] * w.shape[2] * w.shape[3]
            params += w.numel() + (get(ins[2]).numel() if len(ins) > 2 else 0)
        elif op == "GlobalAveragePool":
            y = get(ins[0]).mean((2, 3), keepdim=True)
        elif op == "Mul":
            y = get(ins[0]) * get(ins[1])
            macs += y.numel()
        else:
            break
        env[out] = y
    return macs, params


def head_macs(head, H, W):
    f = {8: torch.zeros(1, 128, H // 8, W // 8), 16: torch.zeros(1, 256, H // 16, W // 16),
         32: torch.zeros(1, 512, H // 32, W // 32)}
    hc = torch.zeros(1, 18, H // 8, W // 8)
    macs = [0]

    def hook(m, i, o):
        macs[0] += o.numel() * m.weight.shape[1] * m.weight.shape[2] * m.weight.shape[3]
    hs = [m.register_forward_hook(hook) for m in head.modules() if isinstance(m, torch.nn.Conv2d)]
    head.eval()
    with torch.no_grad():
        head(f, hc)
    for h in hs:
        h.remove()
    return macs[0]


def hc_ops(H, W, windows=(1, 3, 7)):
    """Rough multiply-add count of the fixed channels: grey (3/px), Laplacian + 2 differences
    (~9/px), squares (3/px), 8x8 average pooling of 4 maps (4/px), then per cell and window small."""
    px = H * W
    cells = (H // 8) * (W // 8)
    return 3 * px + 9 * px + 4 * px + 4 * px + cells * len(windows) * (4 * 9 + 6)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--width", type=int, default=32)
    args = ap.parse_args()
    net = C.BfmNet()
    for W, H in ((672, 448), (608, 448)):
        bm, bp = backbone_macs(net, H, W)
        print("input %dx%d: backbone %.1f M multiply-adds, %d parameters (folded BN, no FC)" % (W, H, bm / 1e6, bp))
        for v in ("lin32", "lin16", "fpn", "fpn_hc", "fpn_hc_ctx", "hc"):
            head = Hd.build(v, args.width, 0.0, 18)
            hm = head_macs(head, H, W) + (hc_ops(H, W) if v in ("fpn_hc", "fpn_hc_ctx", "hc") else 0)
            n = sum(p.numel() for p in head.parameters())
            print("  %-7s %6d parameters (%.2f%% of backbone), %.2f M multiply-adds (%.2f%% of backbone)"
                  % (v, n, 100 * n / bp, hm / 1e6, 100 * hm / bm))


if __name__ == "__main__":
    main()
