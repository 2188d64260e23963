#!/usr/bin/python3
"""Issue 17 probes: scoring at a finer scale, and whether real camera patches fix its calibration.

  finer_scale_probe.py score CKPT OUT.pkl      score real-blur, the clear validation photos and
                                               partial-blur at S = 256/320/384/512 (resize the short
                                               side to S, at most the photo's own, 224 centre crop)
  finer_scale_probe.py table OUT.pkl           real blurred caught and real sharp / partial-blur
                                               (odd-numbered) flagged at thresholds set on the clear
                                               validation photos alone (3% and 5% of them flagged)
  finer_scale_probe.py finetune CKPT OUT.pt [--control]
                                               3 epochs from CKPT (lr 3e-4, 128-px crops) on 1,800
                                               synthetic samples per epoch plus 1,000 patches of the
                                               even-numbered partial-blur photos at scale 0.5-1:
                                               sharp-subject patches (clear, or blurred by the
                                               synthesizer: blur) and defocused-background patches
                                               (blur); --control trains on the synthetic samples only

Result (2026-12-07, from r3): neither run changes the finer-scale picture (training/README.md).
"""
import math
import os
import pickle
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.append(os.path.join(HERE, "maphead"))  # after HERE: maphead has its own train.py
import common as C  # noqa: E402
import data as D  # noqa: E402
from pplcnet import load_checkpoint  # noqa: E402
from train import save_atomic, worker_init  # noqa: E402

SCALES = (256, 320, 384, 512)


def score_at(net, rgb, s):
    h, w = rgb.shape[:2]
    short = min(h, w)
    s = max(min(s, short), 224)
    f = s / short
    W, H = int(round(w * f)), int(round(h * f))
    r = cv2.resize(rgb, (W, H), interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_LINEAR)
    y0, x0 = (H - 224) // 2, (W - 224) // 2
    with torch.no_grad():
        x = torch.from_numpy(D.normalize(r[y0:y0 + 224, x0:x0 + 224]))[None]
        return torch.softmax(net(x), 1)[0, 1].item()


def score(ckpt, out):
    net = load_checkpoint(ckpt)[0].eval()
    rows = []
    add = lambda group, rgb: rows.append((group, [score_at(net, rgb, s) for s in SCALES]))  # noqa: E731
    for _, label, _, _, img in D.load_real_blur():
        add("real blurred" if label else "real sharp", img)
    for name in D.load_split("val"):
        add("clear val", C.read_rgb(os.path.join(C.SHARP, name)))
    for _, image, _, num in C.partial_blur_list(parity=1):
        add("partial-blur odd", C.read_rgb(image))
    pickle.dump(rows, open(out, "wb"))


def table(pkl):
    rows = pickle.load(open(pkl, "rb"))
    for i, s in enumerate(SCALES):
        g = {k: np.array([r[1][i] for r in rows if r[0] == k])
             for k in ("real blurred", "real sharp", "clear val", "partial-blur odd")}
        line = "S %d: real blurred vs real sharp AUC %.3f" % (s, D.roc_auc(
            np.r_[g["real blurred"], g["real sharp"]], np.r_[np.ones(len(g["real blurred"])), np.zeros(len(g["real sharp"]))]))
        for fpr in (0.03, 0.05):
            t = np.quantile(g["clear val"], 1 - fpr)
            line += " | %d%% point: caught %.3f, real sharp %.2f, partial-blur %.3f" % (
                fpr * 100, (g["real blurred"] >= t).mean(), (g["real sharp"] >= t).mean(),
                (g["partial-blur odd"] >= t).mean())
        print(line)


class PatchMix:
    """Synthetic samples (recipe r3) followed by partial-blur patches; index -> fixed RNG stream."""

    def __init__(self, control, size=128, n_synthetic=1800, n_patches=1000, p_background=0.2):
        self.synthetic = D.TrainSet(D.load_images(D.load_split("train")), size, 77, dark_output=True)
        self.photos = [(C.read_rgb(i), C.read_mask(m)) for _, i, m, _ in C.partial_blur_list(parity=0)]
        self.size = size
        self.n_synthetic = n_synthetic
        self.n_patches = 0 if control else n_patches
        self.p_background = p_background
        self.epoch = 0

    def __len__(self):
        return self.n_synthetic + self.n_patches

    def __getitem__(self, i):
        if i >= self.n_synthetic:
            rng = np.random.default_rng([5, self.epoch, i])
            sample = self.patch(*self.photos[int(rng.integers(0, len(self.photos)))], rng)
            if sample is not None:
                return sample
        self.synthetic.epoch = self.epoch
        return self.synthetic[(i * 7919 + self.epoch * 104729) % len(self.synthetic.images)]

    def patch(self, img, mask, rng):
        """A patch at least 90% in focus or 90% defocused (mask), at scale 0.5-1; None if not found."""
        h, w = img.shape[:2]
        background = rng.random() < self.p_background
        for _ in range(30):
            f = math.exp(rng.uniform(math.log(max(0.5, self.size / min(h, w) * 1.05)), 0.0))
            side = int(round(self.size / f))
            x0, y0 = int(rng.integers(0, w - side + 1)), int(rng.integers(0, h - side + 1))
            blurred_share = mask[y0:y0 + side, x0:x0 + side].mean()
            if (blurred_share >= 0.9) if background else (blurred_share <= 0.1):
                break
        else:
            return None
        label = 1
        if background:
            region = img[y0:y0 + side, x0:x0 + side]
        else:
            m = 24  # margin so the synthetic blur sees real pixels at the patch border
            rx0, ry0 = max(0, x0 - m), max(0, y0 - m)
            region = img[ry0:min(h, y0 + side + m), rx0:min(w, x0 + side + m)]
            label = int(rng.random() < 0.45)
            if label:
                region = D.synth_blur(region, rng, D.k_scale_of(img))[0]
            region = region[y0 - ry0:y0 - ry0 + side, x0 - rx0:x0 - rx0 + side]
        out = cv2.resize(region, (self.size, self.size), interpolation=cv2.INTER_AREA)
        if rng.random() < 0.5:
            out = out[:, ::-1]
        if rng.random() < 0.8:
            out = D.colour_jitter(out, rng)
        return D.normalize(np.ascontiguousarray(out)), label


def finetune(ckpt, out, control, epochs=3, lr=3e-4):
    torch.manual_seed(0)
    net, ck = load_checkpoint(ckpt)
    ds = PatchMix(control)
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.05)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
    steps, step = epochs * (len(ds) // 64), 0
    for epoch in range(epochs):
        ds.epoch, t0 = epoch, time.time()
        dl = torch.utils.data.DataLoader(ds, batch_size=64, shuffle=True, drop_last=True, num_workers=1,
                                         worker_init_fn=worker_init, generator=torch.Generator().manual_seed(epoch))
        net.train()
        for x, y in dl:
            for g in opt.param_groups:
                g["lr"] = 1e-6 + (lr - 1e-6) * 0.5 * (1 + math.cos(math.pi * step / steps))
            loss = loss_fn(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
        print("epoch %d %.0fs" % (epoch, time.time() - t0), flush=True)
    save_atomic({"model": net.state_dict(), "args": ck["args"], "epoch": epochs - 1, "metrics": {}}, out)


def main():
    torch.set_num_threads(1)
    cv2.setNumThreads(1)
    a = sys.argv[1:]
    if a[:1] == ["score"] and len(a) == 3:
        score(a[1], a[2])
    elif a[:1] == ["table"] and len(a) == 2:
        table(a[1])
    elif a[:1] == ["finetune"] and len(a) in (3, 4):
        finetune(a[1], a[2], a[3:] == ["--control"])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
