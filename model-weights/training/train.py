#!/usr/bin/python3
"""Train the blurfilter default model (PP-LCNet, 2 classes: 0 clear, 1 blur) on CPU.

Run (from anywhere; LD_PRELOAD of tcmalloc recommended):
  LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 /usr/bin/python3 \
      model-weights/training/train.py --name lcnet_x1_0_blur
Checkpoints go to model-weights/training/runs/<name>/ (last.pt every epoch, best.pt); re-running the
same command resumes from last.pt.  Per-epoch metrics: log.csv and log.jsonl in the same folder.
"""
import argparse
import csv
import json
import math
import os
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import data as D  # noqa: E402
from pplcnet import PPLCNet  # noqa: E402


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--name", default="lcnet_x1_0_blur")
    p.add_argument("--recipe", choices=sorted(D.RECIPES), default="r2",
                   help="synthetic data recipe (data.RECIPES): r2, the shipped model's, or r3 with the simulated camera")
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--last-conv", action="store_true")
    p.add_argument("--epochs", type=int, default=36, help="total epochs incl. final-size epochs")
    p.add_argument("--size", type=int, default=160, help="training crop size")
    p.add_argument("--final-size", type=int, default=224, help="crop size for the last --final-epochs")
    p.add_argument("--final-epochs", type=int, default=4)
    p.add_argument("--bs", type=int, default=64)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--wd", type=float, default=0.05)
    p.add_argument("--warmup", type=float, default=2.0, help="warmup epochs")
    p.add_argument("--label-smoothing", type=float, default=0.1)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=20261127)
    p.add_argument("--init", default="", help="start from this checkpoint's weights (fine-tuning)")
    p.add_argument("--limit", type=int, default=0, help="debug: use only N train/val images")
    return p.parse_args()


def worker_init(_):
    cv2.setNumThreads(1)
    torch.set_num_threads(1)


def build_model(a):
    return PPLCNet(scale=a.scale, class_num=2, use_last_conv=a.last_conv)


def lr_at(a, step, steps_per_epoch):
    total = a.epochs * steps_per_epoch
    warm = a.warmup * steps_per_epoch
    if step < warm:
        return a.lr * (step + 1) / warm
    t = (step - warm) / max(1, total - warm)
    return 1e-5 + (a.lr - 1e-5) * 0.5 * (1 + math.cos(math.pi * t))


class ValSet:
    """Cached, preprocessed (224 crop, uint8) validation images: clear, blurred, hard negatives."""

    def __init__(self, files, images):
        self.files = files
        self.clear = np.stack([D.eval_crop_uint8(im) for im in images])
        bl, kinds = [], []
        for f, im in zip(files, images):
            b, k = D.val_blurred(im, f)
            bl.append(D.eval_crop_uint8(b))
            kinds.append(k)
        self.blurred = np.stack(bl)
        self.kinds = np.array(kinds)
        self.hardneg = np.stack([D.eval_crop_uint8(D.val_hardneg(im, f)) for f, im in zip(files, images)])


@torch.no_grad()
def predict(model, crops_u8, bs=50):
    model.eval()
    out = []
    for i in range(0, len(crops_u8), bs):
        x = torch.from_numpy(np.stack([D.normalize(c) for c in crops_u8[i:i + bs]]))
        x = x.contiguous(memory_format=torch.channels_last)
        out.append(torch.softmax(model(x), dim=1)[:, 1].numpy())
    return np.concatenate(out)


def evaluate(model, val, real_dev, monitor=None):
    s_clear = predict(model, val.clear)
    s_blur = predict(model, val.blurred)
    s_hard = predict(model, val.hardneg)
    scores = np.concatenate([s_clear, s_blur])
    labels = np.concatenate([np.zeros(len(s_clear), int), np.ones(len(s_blur), int)])
    table = D.threshold_table(scores, labels)
    m = {
        "val_acc": table[0]["accuracy"], "val_auc": D.roc_auc(scores, labels),
        "val_fpr": table[0]["fpr"], "val_tpr": table[0]["tpr"],
        "hardneg_tnr": float((s_hard < 0.5).mean()),
        "val_table": table,
        "tpr_by_kind": {k: float((s_blur[val.kinds == k] >= 0.5).mean()) for k in sorted(set(val.kinds))},
    }
    if monitor is not None:  # logged only: never used to pick the epoch or the threshold
        s_rb = predict(model, monitor["real_blur"])
        y_rb = monitor["real_blur_labels"]
        t3 = float(np.quantile(s_clear, 0.97))  # threshold at 3% FPR on the clear validation photos
        m["monitor"] = {
            "real_blur_auc_vs_val_clear": D.roc_auc(np.concatenate([s_clear, s_rb[y_rb == 1]]),
                                                    np.r_[np.zeros(len(s_clear)), np.ones((y_rb == 1).sum())]),
            "real_blur_tpr_at_0.5": float((s_rb[y_rb == 1] >= 0.5).mean()),
            "real_blur_fpr_at_0.5": float((s_rb[y_rb == 0] >= 0.5).mean()),
            "thr_val_fpr3": t3, "real_blur_tpr_at_val_fpr3": float((s_rb[y_rb == 1] >= t3).mean()),
            "partial_blur_flagged_at_0.5": float((predict(model, monitor["partial_blur"]) >= 0.5).mean()),
        }
    rd = predict(model, [D.eval_crop_uint8(im) for _, _, im in real_dev])
    m["realdev"] = {f: round(float(s), 5) for (f, _, _), s in zip(real_dev, rd)}
    m["realdev_correct"] = int(sum((s >= 0.5) == (y == 1) for (_, y, _), s in zip(real_dev, rd)))
    return m


def save_atomic(obj, path):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def main():
    a = parse()
    torch.set_num_threads(a.threads)
    cv2.setNumThreads(1)
    torch.manual_seed(a.seed)
    np.random.seed(a.seed % 2 ** 32)
    run_dir = os.path.join(HERE, "runs", a.name)
    os.makedirs(run_dir, exist_ok=True)
    last_path = os.path.join(run_dir, "last.pt")

    model = build_model(a).to(memory_format=torch.channels_last)
    decay, no_decay = [], []
    for n_, p_ in model.named_parameters():
        (no_decay if p_.ndim <= 1 else decay).append(p_)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": a.wd},
                             {"params": no_decay, "weight_decay": 0.0}], lr=a.lr)
    start_epoch, best_key, step = 0, None, 0
    if os.path.exists(last_path):
        ck = torch.load(last_path, map_location="cpu")
        if D.recipe_of(ck["args"]) != a.recipe:
            raise SystemExit(f"{last_path} was trained with recipe {D.recipe_of(ck['args'])}, not {a.recipe}")
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        start_epoch, best_key, step = ck["epoch"] + 1, ck.get("best_key"), ck["step"]
        torch.set_rng_state(ck["torch_rng"])
        print(f"resumed from {last_path} at epoch {start_epoch} with args {vars(a)}", flush=True)
        with open(os.path.join(run_dir, "resumes.jsonl"), "a") as f:
            f.write(json.dumps({"time": time.strftime("%Y-%m-%d %H:%M:%S"), "start_epoch": start_epoch,
                                "args": vars(a)}) + "\n")
    else:
        if a.init:
            model.load_state_dict(torch.load(a.init, map_location="cpu")["model"])
            print(f"initialized from {a.init}", flush=True)
        with open(os.path.join(run_dir, "config.json"), "w") as f:
            json.dump(vars(a), f, indent=1)
    if start_epoch >= a.epochs:
        print("already finished")
        return

    t0 = time.time()
    train_files = D.load_split("train")
    val_files = D.load_split("val")
    if a.limit:
        train_files, val_files = train_files[:a.limit], val_files[:max(20, a.limit // 8)]
    train_imgs = D.load_images(train_files)
    val = ValSet(val_files, D.load_images(val_files))
    real_dev = D.load_real_dev()
    rb = D.load_real_blur()
    monitor = {"real_blur": [D.eval_crop_uint8(r[-1]) for r in rb], "real_blur_labels": np.array([r[1] for r in rb]),
               "partial_blur": [D.eval_crop_uint8(im) for _, im in D.load_partial_blur()]}
    print(f"data: {len(train_files)} train, {len(val_files)} val images, cached in {time.time() - t0:.0f}s",
          flush=True)

    ds = D.TrainSet(train_imgs, a.size, a.seed, recipe=a.recipe)
    crit = nn.CrossEntropyLoss(label_smoothing=a.label_smoothing)
    steps_per_epoch = len(ds) // a.bs
    log_csv = os.path.join(run_dir, "log.csv")
    fields = ["epoch", "size", "lr", "train_loss", "train_acc", "val_acc", "val_auc", "val_fpr", "val_tpr",
              "hardneg_tnr", "realdev_correct", "epoch_s", "realdev", "tpr_by_kind"]
    if not os.path.exists(log_csv):
        with open(log_csv, "w", newline="") as f:
            csv.writer(f).writerow(fields)

    for epoch in range(start_epoch, a.epochs):
        te = time.time()
        ds.epoch = epoch
        ds.size = a.final_size if epoch >= a.epochs - a.final_epochs else a.size
        g = torch.Generator().manual_seed(a.seed + epoch)
        dl = torch.utils.data.DataLoader(ds, batch_size=a.bs, shuffle=True, generator=g, drop_last=True,
                                         num_workers=a.workers, worker_init_fn=worker_init,
                                         prefetch_factor=4 if a.workers else 2)
        model.train()
        tl, tc, tn = 0.0, 0, 0
        for x, y in dl:
            lr = lr_at(a, step, steps_per_epoch)
            for gr in opt.param_groups:
                gr["lr"] = lr
            x = x.contiguous(memory_format=torch.channels_last)
            out = model(x)
            loss = crit(out, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            step += 1
            tl += loss.item() * len(y)
            tc += (out.argmax(1) == y).sum().item()
            tn += len(y)
        ttrain = time.time() - te
        m = evaluate(model, val, real_dev, monitor)
        rec = {"epoch": epoch, "size": ds.size, "lr": lr, "train_loss": tl / tn, "train_acc": tc / tn,
               **{k: m[k] for k in ("val_acc", "val_auc", "val_fpr", "val_tpr", "hardneg_tnr", "realdev_correct")},
               "epoch_s": round(time.time() - te, 1), "train_s": round(ttrain, 1),
               "realdev": m["realdev"], "tpr_by_kind": m["tpr_by_kind"], "val_table": m["val_table"],
               "monitor": m.get("monitor")}
        key = (round(m["val_auc"] + m["val_acc"], 6), epoch)
        is_best = best_key is None or key >= tuple(best_key)
        if is_best:
            best_key = key
        state = {"model": model.state_dict(), "opt": opt.state_dict(), "epoch": epoch, "step": step,
                 "best_key": best_key, "torch_rng": torch.get_rng_state(), "args": vars(a), "metrics": rec}
        save_atomic(state, last_path)
        if is_best:
            save_atomic({"model": model.state_dict(), "epoch": epoch, "args": vars(a), "metrics": rec},
                        os.path.join(run_dir, "best.pt"))
        with open(os.path.join(run_dir, "log.jsonl"), "a") as f:
            f.write(json.dumps(rec) + "\n")
        with open(log_csv, "a", newline="") as f:
            csv.writer(f).writerow([json.dumps(rec[k]) if isinstance(rec[k], dict) else
                                    (round(rec[k], 5) if isinstance(rec[k], float) else rec[k]) for k in fields])
        print(f"epoch {epoch:3d} size {ds.size} lr {lr:.2e} loss {tl / tn:.4f} acc {tc / tn:.4f} | "
              f"val acc {m['val_acc']:.4f} auc {m['val_auc']:.4f} fpr {m['val_fpr']:.3f} tpr {m['val_tpr']:.3f} "
              f"hardneg {m['hardneg_tnr']:.3f} | realdev {m['realdev_correct']}/9 | "
              f"{time.time() - te:.0f}s (train {ttrain:.0f}s){' *best' if is_best else ''}", flush=True)
        print("   monitor (not used for selection) " + json.dumps({k: round(v, 4) for k, v in m["monitor"].items()}),
              flush=True)
        print("   realdev " + " ".join(f"{k.split('_repo_')[-1][:-4]}={v:.3f}" for k, v in m["realdev"].items()),
              "| tpr " + " ".join(f"{k}={v:.2f}" for k, v in m["tpr_by_kind"].items()), flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
