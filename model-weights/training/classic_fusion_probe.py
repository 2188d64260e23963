#!/usr/bin/python3
"""Probe (issue 17): do classical no-reference blur measures see real blur that the network misses?

  /usr/bin/python3 model-weights/training/classic_fusion_probe.py runs/<name>/holdout.json

The holdout.json is finetune_real.py's scores of a model trained on no real photo (--epochs 0, every
source held out): its clear validation scores and its real-blur scores. On the same 224 centre crops
(grey) this computes Crete-Roffet's re-blur measure ("The blur effect", 2007: how little a 9-tap box
blur changes the image's differences, 0 sharp .. 1 blurred) and the variance of the Laplacian, and
reports each alone and the network's logit plus w times the standardised re-blur measure. The weights w
are a sweep seen with hindsight on the real photos: an upper bound on what such a fusion could give,
not a result to ship.
"""
import json
import os
import sys

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import data as D  # noqa: E402
from laplacian_baseline import lap_var  # noqa: E402


def reblur(grey):
    """Crete-Roffet: the share of the image's differences that a 9-tap box blur leaves; max of x and y."""
    g = grey.astype(np.float32)
    box = np.ones((1, 9), np.float32) / 9
    measures = []
    for im in (g, g.T):
        blurred = cv2.filter2D(im, -1, box, borderType=cv2.BORDER_REFLECT)
        d_image = np.abs(np.diff(im, axis=1))
        lost = np.maximum(0, d_image - np.abs(np.diff(blurred, axis=1)))
        measures.append((d_image.sum() - lost.sum()) / max(d_image.sum(), 1e-6))
    return max(measures)


def grey_crop(img):
    return cv2.cvtColor(D.eval_crop_uint8(img), cv2.COLOR_RGB2GRAY)


def logit(p):
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def compare(name, clear, blurred, sharp):
    auc = lambda neg, pos: D.roc_auc(np.r_[neg, pos], np.r_[np.zeros(len(neg)), np.ones(len(pos))])
    t5, t3 = np.quantile(clear, 0.95), np.quantile(clear, 0.97)
    print(f"{name}: real blurred vs clear validation AUC {auc(clear, blurred):.3f}, vs real sharp "
          f"{auc(sharp, blurred):.3f}; caught at 5% / 3% validation FPR {(blurred >= t5).mean():.1%} / "
          f"{(blurred >= t3).mean():.1%}, real sharp flagged at 3% {(sharp >= t3).mean():.1%}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    res = json.load(open(sys.argv[1]))
    net_clear = logit(np.array(res["val_clear_scores"]))
    net = {h["file"]: h["score"] for h in res["held"]}
    val = [D.read_rgb(os.path.join(D.DATA, "sharp", f)) for f in D.load_split("val")]
    real = D.load_real_blur()
    net_blurred = logit(np.array([net[r[0]] for r in real if r[1] == 1]))
    net_sharp = logit(np.array([net[r[0]] for r in real if r[1] == 0]))
    compare("network", net_clear, net_blurred, net_sharp)
    measures = (("re-blur", lambda img: reblur(grey_crop(img))),
                ("variance of Laplacian", lambda img: -lap_var(img)))  # each: higher = blurrier
    for name, measure in measures:
        clear = np.array([measure(im) for im in val])
        blurred = np.array([measure(r[4]) for r in real if r[1] == 1])
        sharp = np.array([measure(r[4]) for r in real if r[1] == 0])
        compare(name, clear, blurred, sharp)
        if name == "re-blur":
            z = lambda x: (x - clear.mean()) / clear.std()
            for w in (0.5, 1, 2, 3, 4, 6):
                compare(f"network + {w} x re-blur (hindsight)", net_clear + w * z(clear),
                        net_blurred + w * z(blurred), net_sharp + w * z(sharp))


if __name__ == "__main__":
    main()
