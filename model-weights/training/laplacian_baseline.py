#!/usr/bin/python3
"""Classic baseline: variance of the Laplacian, on exactly the same validation split.

  /usr/bin/python3 model-weights/training/laplacian_baseline.py [--json out.json]

Measure: the image is preprocessed like the model's input (RGB, resize_short 256 with OpenCV
INTER_LINEAR, center crop 224, uint8), converted to grayscale (cv2.COLOR_RGB2GRAY) and
`cv2.Laplacian(gray, cv2.CV_64F)` (3x3 aperture) is taken; its variance is the sharpness.
Blur score = -variance (low variance -> blurred).  The threshold is the one maximizing accuracy on
this same validation set (an optimistic, oracle choice for the baseline), also shown: the
folk-default threshold 100.  Validation set = held-out photos (clear) + the same photos with the
seeded synthetic blur (blur), identical to train.py / make_val_set.py; real-dev is scored too.
"""
import argparse
import json
import os
import sys

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import data as D  # noqa: E402


def lap_var(img_rgb):
    g = cv2.cvtColor(D.eval_crop_uint8(img_rgb), cv2.COLOR_RGB2GRAY)
    return float(cv2.Laplacian(g, cv2.CV_64F).var())


def rates(var, labels, thr):
    pred_blur = var < thr
    tp = int((pred_blur & (labels == 1)).sum())
    fp = int((pred_blur & (labels == 0)).sum())
    return {"threshold": thr, "accuracy": float((pred_blur == (labels == 1)).mean()),
            "fpr": fp / max(1, int((labels == 0).sum())), "tpr": tp / max(1, int((labels == 1).sum()))}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--json", default=None)
    a = p.parse_args()
    files = D.load_split("val")
    v_clear, v_blur, v_hard, kinds = [], [], [], []
    for f in files:
        im = D.read_rgb(os.path.join(D.DATA, "sharp", f))
        b, k = D.val_blurred(im, f)
        v_clear.append(lap_var(im))
        v_blur.append(lap_var(b))
        v_hard.append(lap_var(D.val_hardneg(im, f)))
        kinds.append(k)
    var = np.array(v_clear + v_blur)
    labels = np.array([0] * len(v_clear) + [1] * len(v_blur))
    auc = D.roc_auc(-var, labels)
    cands = np.unique(var)
    accs = [((var < t) == (labels == 1)).mean() for t in cands]
    best_t = float(cands[int(np.argmax(accs))])
    best = rates(var, labels, best_t)
    fixed = rates(var, labels, 100.0)
    kinds = np.array(kinds)
    vb = np.array(v_blur)
    res = {"measure": "var(Laplacian(gray(resize_short256+crop224)))", "n_clear": len(v_clear), "n_blur": len(v_blur),
           "auc": auc, "best": best, "fixed_100": fixed,
           "hardneg_tnr_at_best": float((np.array(v_hard) >= best_t).mean()),
           "tpr_by_kind_at_best": {k: float((vb[kinds == k] < best_t).mean()) for k in sorted(set(kinds))}}
    rd = []
    for f, y, im in D.load_real_dev():
        v = lap_var(im)
        rd.append({"file": f, "label": y, "lapvar": round(v, 2), "correct_at_best": bool((v < best_t) == (y == 1))})
    res["realdev"] = rd
    res["realdev_correct_at_best"] = sum(r["correct_at_best"] for r in rd)
    print(f"Variance of Laplacian on {len(files)} held-out photos (+ the same, synthetically blurred)")
    print(f"ROC AUC {auc:.4f}")
    print(f"{'threshold':>12} {'accuracy':>9} {'FPR':>7} {'TPR':>7}")
    for r, lab in ((best, "best"), (fixed, "100")):
        print(f"{r['threshold']:>12.2f} {r['accuracy']:>9.4f} {r['fpr']:>7.4f} {r['tpr']:>7.4f}   ({lab})")
    print(f"hard negatives (noise/JPEG/sharpen, clear) correctly clear at best threshold: {res['hardneg_tnr_at_best']:.4f}")
    print("TPR by blur kind at best threshold: " + " ".join(f"{k}={v:.3f}" for k, v in res["tpr_by_kind_at_best"].items()))
    print(f"real-dev correct at best threshold: {res['realdev_correct_at_best']}/9")
    for r in rd:
        print(f"   {r['file']:60s} label {r['label']} lapvar {r['lapvar']:>9.2f} {'ok' if r['correct_at_best'] else 'WRONG'}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
