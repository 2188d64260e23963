"""Sanity check outside the masks' domain: does a head trained on shallow depth-of-field photos
still map a wholly blurred photo as blurred? Mean map value (blur probability averaged over the
photo) and the fraction of pixels >= 0.5, for
  - real-blur photos (../shared/data/real-blur, labels blurred / sharp, real camera blur),
  - 60 validation photos of ../shared/data/sharp (split.csv val) as they are, and the same with a
    whole-frame defocus disk (r 3 px at their size) -- no partial-blur photo involved,
for a trained head (default: the report checkpoint of fpn_hc_ctx) and the classifier's own map.

  /usr/bin/python3 model-weights/training/maphead/check_whole_frame.py [/tmp/maphead/ckpt/report_fpn_hc_ctx.pt]
"""
import csv
import os
import sys

import cv2
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
import common as C  # noqa: E402
import heads as Hd  # noqa: E402
from cache_features import disk_kernel, luma  # noqa: E402


def maps(net, head, hc, rgb):
    h, w = rgb.shape[:2]
    W, H = C.frame_size(w, h, 448)
    res = C.resize_like_engine(rgb, W, H)
    f = net(C.to_tensor(res))
    with torch.no_grad():
        g = torch.from_numpy(luma(res)).half().float()[None, None]
        p = torch.sigmoid(head(f, hc(g / 255.0 if isinstance(head, Hd.FPNHead) else g)))[0, 0].numpy()
        q = torch.softmax(net.cell_logits(f[32]), 1)[0, 1].numpy()
    return C.grid_to_photo(p, w, h, W, H, head.stride), C.grid_to_photo(q, w, h, W, H, 32)


def main():
    torch.set_num_threads(2)
    ck = sys.argv[1] if len(sys.argv) > 1 else os.path.join(C.CACHE, "ckpt", "report_fpn_hc_ctx.pt")
    d = torch.load(ck)
    a = d["args"]
    head = Hd.build(d["variant"], a["width"], 0.0, 18)
    head.load_state_dict(d["state"])
    head.eval()
    # the fixed channels the head was trained on (EdgeFreeContrast reads grey in 0..1, HandCrafted 0..255)
    hc = Hd.EdgeFreeContrast(between=head.between) if isinstance(head, Hd.FPNHead) else Hd.HandCrafted()
    net = C.BfmNet().eval()
    groups = {}

    def add(key, rgb):
        m, cm = maps(net, head, hc, rgb)
        groups.setdefault(key, []).append((m.mean(), (m >= 0.5).mean(), cm.mean(), (cm >= 0.5).mean()))

    rb = os.path.join(C.DATA, "real-blur")
    for r in csv.DictReader(open(os.path.join(rb, "manifest.csv"))):
        rgb = C.read_rgb(os.path.join(rb, r["file"]))
        add("real-blur " + r["label"], rgb)
    val = [r["file"] for r in csv.DictReader(open(os.path.join(C.ROOT, "model-weights/training/split.csv")))
           if r["split"] == "val"]
    for name in val[::max(1, len(val) // 60)][:60]:
        rgb = C.read_rgb(os.path.join(C.SHARP, name))
        add("sharp val photo", rgb)
        b = cv2.filter2D(rgb.astype(np.float32), -1, disk_kernel(3.0 * min(rgb.shape[:2]) / 288),
                         borderType=cv2.BORDER_REFLECT)
        add("same, whole-frame defocus r 3", np.clip(b + 0.5, 0, 255).astype(np.uint8))
    print("head: %s" % ck)
    print("| photos | n | head: mean map | head: pixels >= 0.5 | classifier map: mean | classifier: pixels >= 0.5 |")
    print("|---|---|---|---|---|---|")
    for k, v in groups.items():
        v = np.array(v)
        print("| %s | %d | %.3f | %.3f | %.3f | %.3f |" % ((k, len(v)) + tuple(v.mean(0))))


if __name__ == "__main__":
    main()
