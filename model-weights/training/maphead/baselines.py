"""Reproduces BlurMapEval's reference rows in Python, to show the metrics and geometry here match
the Java harness: the classifier's own map (FC per stride-32 cell, 448, bilinear), the oracle grid
and the Laplacian map (r 31), on the even (tune) or odd (report) half.

  /usr/bin/python3 model-weights/training/maphead/baselines.py odd [r ...]   # needs cache_features.py first
  (halves: odd = report, even = tune, tuneval = even photos with number % 4 == 2, train.py's tune split)
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
import common as C  # noqa: E402


def main():
    half = sys.argv[1] if len(sys.argv) > 1 else "odd"
    radii = [int(r) for r in sys.argv[2:]] or [31]
    keep = {"odd": lambda n: n % 2 == 1, "even": lambda n: n % 2 == 0, "tuneval": lambda n: n % 4 == 2}[half]
    ms = {"map, 448, bilinear": C.Metrics(), "oracle grid, 448": C.Metrics()}
    for r in radii:
        ms["Laplacian, r %d" % r] = C.Metrics()
    for name, ip, mp, num in C.partial_blur_list():
        if not keep(num):
            continue
        rgb = C.read_rgb(ip)
        mask = C.read_mask(mp)
        rec = torch.load(os.path.join(C.CACHE, "real", name + ".pt"))
        w, h, W, H = rec["size"]
        p = torch.softmax(rec["logits"], 0)[1].numpy()
        ms["map, 448, bilinear"].add(C.grid_to_photo(p, w, h, W, H, 32), mask)
        ms["oracle grid, 448"].add(C.grid_to_photo(rec["mask32"].numpy(), w, h, W, H, 32), mask)
        for r in radii:
            ms["Laplacian, r %d" % r].add(C.laplacian_map(rgb, r), mask)
    print("%s half" % half)
    print("| variant | pixel AUC | photo AUC | MAE | max F |\n|---|---|---|---|---|")
    for k, m in ms.items():
        d = m.row()
        print("| %s | %.4f | %.4f | %.4f | %.4f |" % (k, d["auc"], d["photo_auc"], d["mae"], d["max_f"]))


if __name__ == "__main__":
    main()
