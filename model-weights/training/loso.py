#!/usr/bin/python3
"""Leave-sources-out evaluation of fine-tuning on real photos (finetune_real.py).

  loso.py run --init runs/lcnet_x1_0_blur_r3/best.pt --prefix ft_r3     # one fine-tune per fold
  loso.py report --prefix ft_r3 [--baseline runs/<name>/holdout.json]   # pooled held-out numbers

The baseline is a model that trained on no real photo (finetune_real.py --epochs 0 with every source held
out), reported the same way beside the folds: each fold's gain is measured against it.

The folds hold out whole datasets, not single repositories: the GoPro frames reached the real-blur set
through six repositories (one GoPro video, GOPR0384, through five of them), HIDE through two, so a
repository-level split would train on the very scenes it tests.  Each fold's thresholds come from that
fold's model's scores of the clear validation photos (operating_points.TARGETS), never from real photos.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from operating_points import TARGETS, choose  # noqa: E402

FOLDS = {
    "gopro": ["gopro_frameavg_wolberg", "gopro_deepdeblur_examples", "gopro_deblurgan_tf_dongheehand",
              "gopro_deblurgan_pytorch_fourson", "deblurganv2_test", "nafnet_demo"],
    "hide_spaq_4k": ["qamd_spaq_hide_realblur", "maxim_hide", "uhd_4krd_test"],
    "broken_lens": ["brokenlens_phone_agarnung"],
    "low_light": ["lednet_real"],
    "classic_shake": ["xujia_stereo_kahlertfr", "selfdeblur_real", "esm_real_blurry", "dwdn_real_testdata",
                      "jin2018_examples"],
    "crops_rsblur_reds": ["blur2blur_crops"],
}
FOLD_OF = {source: fold for fold, sources in FOLDS.items() for source in sources}


def run(a):
    for fold, sources in FOLDS.items():
        name = f"{a.prefix}_{fold}"
        if os.path.exists(os.path.join(HERE, "runs", name, "holdout.json")):
            print(f"{name}: done", flush=True)
            continue
        cmd = [sys.executable, os.path.join(HERE, "finetune_real.py"), "--init", a.init, "--name", name,
               "--holdout", ",".join(sources)] + a.extra
        print(" ".join(cmd), flush=True)
        subprocess.run(cmd, check=True)


def held_out_rows(res):
    """(fold, held-out photo, the model's operating points from its clear validation scores) per photo."""
    points = {n: choose(res["val_clear_scores"], t) for n, t in TARGETS}
    pb = res["partial_blur_scores"]
    print(f"  val AUC {res['val_auc']:.4f}, acc@0.5 {res['val_acc_at_0.5']:.4f}, thresholds {points}, "
          f"partial-blur ({res['partial_blur_reported']}) called blurred at balanced "
          f"{sum(x >= points['balanced'] for x in pb) / len(pb):.1%}")
    return [(FOLD_OF[h["source"]], h, points) for h in res["held"]]


def report(a):
    rows = []
    for fold in FOLDS:
        print(f"{fold}:")
        rows += held_out_rows(json.load(open(os.path.join(HERE, "runs", f"{a.prefix}_{fold}", "holdout.json"))))
    tables = [("folds", rows)]
    if a.baseline:
        print(f"baseline {a.baseline}:")
        tables.append(("baseline", held_out_rows(json.load(open(a.baseline)))))
    for title, table in tables:
        print(f"== {title}")
        print_caught(table)


def print_caught(rows):
    for name, _ in TARGETS:
        blurred = [(f, h["score"] >= p[name]) for f, h, p in rows if h["label"] == 1]
        sharp = [(f, h["score"] >= p[name]) for f, h, p in rows if h["label"] == 0]
        tpr = sum(c for _, c in blurred) / len(blurred)
        fpr = sum(c for _, c in sharp) / max(1, len(sharp))
        print(f"{name}: held-out real blurred caught {sum(c for _, c in blurred)}/{len(blurred)} ({tpr:.1%}); "
              f"held-out real sharp flagged {sum(c for _, c in sharp)}/{len(sharp)} ({fpr:.1%})")
        for fold in FOLDS:
            b = [c for f, c in blurred if f == fold]
            s = [c for f, c in sharp if f == fold]
            print(f"    {fold:18s} caught {sum(b)}/{len(b)}" + (f", flagged {sum(s)}/{len(s)}" if s else ""))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["run", "report"])
    p.add_argument("--init")
    p.add_argument("--prefix", required=True)
    p.add_argument("--baseline", help="report: a holdout.json of a model trained on no real photo, beside the folds")
    a, extra = p.parse_known_args()
    a.extra = extra
    run(a) if a.mode == "run" else report(a)


if __name__ == "__main__":
    main()
