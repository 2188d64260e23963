#!/usr/bin/python3
"""Fine-tune a trained checkpoint on real photos (../shared/data/real-blur) beside the synthetic data,
with whole sources held out, so that the real-photo numbers stay honest.

  finetune_real.py --init runs/lcnet_x1_0_blur_r3/best.pt --name ft_fold0 --holdout SRC1,SRC2
  finetune_real.py --init ... --name ft_all                     # every source trains (the shipped way)

Each epoch is the synthetic training set (train_sample, in the recipe the --init checkpoint was trained
with) plus the real photos of the training sources, each real photo drawn `--real-repeat` times with a
fresh random crop; held-out sources are never read for training.  At the end the script scores (a) the
clear validation photos, (b) the held-out real photos, and writes runs/<name>/holdout.json; loso.py
combines the folds.
"""
import argparse
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
from pplcnet import load_checkpoint  # noqa: E402
from train import ValSet, predict, save_atomic, worker_init  # noqa: E402


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--init", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--holdout", default="", help="comma-separated real-blur sources not to train on")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--size", type=int, default=224)
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--wd", type=float, default=0.05)
    p.add_argument("--bs", type=int, default=64)
    p.add_argument("--real-repeat", type=int, default=4)
    p.add_argument("--partial-blur-even", action="store_true",
                   help="also train on the even-numbered partial-blur photos (clear); the odd ones are reported")
    p.add_argument("--synthetic-fraction", type=float, default=1.0, help="share of the synthetic set per epoch")
    p.add_argument("--p-mild", type=float, default=0.3, help="share of motion-type blurs weakened (data.train_sample)")
    p.add_argument("--mild-lo", type=float, default=0.45, help="weakest strength factor of a weakened blur")
    p.add_argument("--no-dark-output", action="store_true", help="synthetic samples without dark camera output")
    p.add_argument("--recipe", choices=sorted(D.RECIPES),
                   help="synthetic samples' recipe (default: the --init checkpoint's; r3 for runs made before --recipe)")
    p.add_argument("--seed", type=int, default=20261207)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--threads", type=int, default=2)
    return p.parse_args()


def real_sample(img, label, rng, size):
    """A real photo at the evaluation scale (x log-U(0.8, 1.25)), random crop, flips, colour jitter."""
    h, w = img.shape[:2]
    f = D.RESIZE_SHORT / min(h, w) * math.exp(rng.uniform(math.log(0.8), math.log(1.25)))
    f = max(f, size / min(h, w) * 1.01)
    nw, nh = int(round(w * f)), int(round(h * f))
    im = cv2.resize(img, (nw, nh), interpolation=D.resize_interp(f))
    x0 = int(rng.integers(0, nw - size + 1))
    y0 = int(rng.integers(0, nh - size + 1))
    out = im[y0:y0 + size, x0:x0 + size]
    if rng.random() < 0.5:
        out = out[:, ::-1]
    if rng.random() < 0.8:
        out = D.colour_jitter(out, rng)
    return D.normalize(np.ascontiguousarray(out)), label


class MixedSet:
    """Synthetic samples (as train.py) followed by repeated real photos; index -> fixed RNG stream."""

    def __init__(self, synth_imgs, real, size, seed, repeat, n_synth, once=(), dark_output=True, **sample_args):
        self.synth = D.TrainSet(synth_imgs, size, seed, dark_output=dark_output, **sample_args)
        self.real = list(real) * repeat + list(once)
        self.size = size
        self.seed = seed
        self.repeat = repeat
        self.n_synth = n_synth
        self.epoch = 0

    def __len__(self):
        return self.n_synth + len(self.real)

    def __getitem__(self, i):
        if i < self.n_synth:
            self.synth.epoch = self.epoch
            self.synth.size = self.size
            return self.synth[(i * 7919 + self.epoch * 104729) % len(self.synth.images)]
        j = i - self.n_synth
        rng = np.random.default_rng([self.seed, self.epoch, 1, i])
        img, label = self.real[j]
        return real_sample(img, label, rng, self.size)


def main():
    a = parse()
    torch.set_num_threads(a.threads)
    cv2.setNumThreads(1)
    torch.manual_seed(a.seed)
    run_dir = os.path.join(HERE, "runs", a.name)
    os.makedirs(run_dir, exist_ok=True)
    model, ck = load_checkpoint(a.init)
    args0 = ck["args"]
    recipe = a.recipe or D.recipe_of(args0)
    model = model.to(memory_format=torch.channels_last)

    holdout = set(s for s in a.holdout.split(",") if s)
    rb = D.load_real_blur()
    unknown = holdout - {r[2] for r in rb}
    if unknown:
        raise SystemExit(f"unknown sources: {sorted(unknown)}")
    train_real = [(r[4], r[1]) for r in rb if r[2] not in holdout]
    held = [r for r in rb if r[2] in holdout]
    pb = D.load_partial_blur()
    once = []
    if a.partial_blur_even:  # drawn once per epoch: they are many, and all of one label
        once = [(im, 0) for i, (_, im) in enumerate(pb) if i % 2 == 0]
        pb_report = [im for i, (_, im) in enumerate(pb) if i % 2 == 1]
    else:
        pb_report = [im for _, im in pb]
    synth = D.load_images(D.load_split("train"))
    n_synth = int(len(synth) * a.synthetic_fraction)
    ds = MixedSet(synth, train_real, a.size, a.seed, a.real_repeat, n_synth, once, dark_output=not a.no_dark_output,
                  p_mild=a.p_mild, mild_lo=a.mild_lo, recipe=recipe)
    print(f"{a.name}: {n_synth} synthetic (recipe {recipe}) + {len(train_real)} real x {a.real_repeat} + {len(once)} partial-blur "
          f"per epoch; "
          f"held out {len(held)} photos of {sorted(holdout)}", flush=True)

    decay, no_decay = [], []
    for _, p_ in model.named_parameters():
        (no_decay if p_.ndim <= 1 else decay).append(p_)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": a.wd}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=a.lr)
    crit = nn.CrossEntropyLoss(label_smoothing=0.1)
    steps = a.epochs * (len(ds) // a.bs)
    step = 0
    for epoch in range(a.epochs):
        t0 = time.time()
        ds.epoch = epoch
        g = torch.Generator().manual_seed(a.seed + epoch)
        dl = torch.utils.data.DataLoader(ds, batch_size=a.bs, shuffle=True, generator=g, drop_last=True,
                                         num_workers=a.workers, worker_init_fn=worker_init, prefetch_factor=4)
        model.train()
        tl = tn = 0
        for x, y in dl:
            lr = 1e-6 + (a.lr - 1e-6) * 0.5 * (1 + math.cos(math.pi * step / steps))
            for gr in opt.param_groups:
                gr["lr"] = lr
            out = model(x.contiguous(memory_format=torch.channels_last))
            loss = crit(out, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            step += 1
            tl += loss.item() * len(y)
            tn += len(y)
        print(f"epoch {epoch} loss {tl / tn:.4f} {time.time() - t0:.0f}s", flush=True)
    save_atomic({"model": model.state_dict(), "epoch": a.epochs - 1, "args": {**args0, "finetune": vars(a)},
                 "metrics": {}}, os.path.join(run_dir, "best.pt"))

    val_files = D.load_split("val")
    val = ValSet(val_files, D.load_images(val_files))
    s_clear = predict(model, val.clear)
    s_blur = predict(model, val.blurred)
    s_held = predict(model, [D.eval_crop_uint8(r[4]) for r in held]) if held else np.zeros(0)
    labels = np.r_[np.zeros(len(s_clear)), np.ones(len(s_blur))]
    res = {"name": a.name, "holdout": sorted(holdout),
           "val_auc": D.roc_auc(np.r_[s_clear, s_blur], labels),
           "val_acc_at_0.5": float(((np.r_[s_clear, s_blur] >= 0.5) == labels).mean()),
           "val_clear_scores": [float(s) for s in s_clear],
           "partial_blur_reported": "odd-numbered" if a.partial_blur_even else "all",
           "partial_blur_scores": [float(x) for x in predict(model, [D.eval_crop_uint8(im) for im in pb_report])],
           "held": [{"file": r[0], "label": r[1], "source": r[2], "score": float(s)} for r, s in zip(held, s_held)]}
    with open(os.path.join(run_dir, "holdout.json"), "w") as f:
        json.dump(res, f)
    print(f"val auc {res['val_auc']:.4f} acc@0.5 {res['val_acc_at_0.5']:.4f}; held-out scores in holdout.json",
          flush=True)


if __name__ == "__main__":
    main()
