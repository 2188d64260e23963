"""Caches the frozen backbone's stride-8/16/32 feature maps (float16), the FC head's per-cell
logits and the resized grey image, for the 500 partial-blur photos at short side 448 exactly as the
engine's whole-frame map preprocesses them, and (--synthetic N) for N synthetic partial-blur images
made from ../shared/data/sharp photos (random mask, defocus blur inside it).

  /usr/bin/python3 model-weights/training/maphead/cache_features.py               # real, -> /tmp/maphead/real/
  /usr/bin/python3 model-weights/training/maphead/cache_features.py --synthetic 1200 # -> /tmp/maphead/syn/
  /usr/bin/python3 model-weights/training/maphead/cache_features.py --whole 600      # -> /tmp/maphead/whole/

--whole N: whole-frame examples from the classifier's own photos, N of its train split and 100 of its
validation split (for checks only), each once as it is (every cell sharp) and once blurred all over by
the classifier's blur synthesizer (every cell blurred), both through its label-independent
degradations, at their own size (short side <= 288: no upscaling).
"""
import argparse
import os
import sys
import time

import cv2
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
import common as C  # noqa: E402


def luma(rgb):
    f = rgb.astype(np.float32)
    return 0.299 * f[..., 0] + 0.587 * f[..., 1] + 0.114 * f[..., 2]


def record(net, rgb, mask, short_side):
    h, w = rgb.shape[:2]
    W, H = C.frame_size(w, h, short_side)
    res = C.resize_like_engine(rgb, W, H)
    feats = net(C.to_tensor(res))
    rec = {k: v[0].half() for k, v in feats.items()}
    rec["logits"] = net.cell_logits(feats[32])[0].float()
    rec["grey"] = torch.from_numpy(luma(res)).half()
    rec["size"] = (w, h, W, H)
    if mask is not None:
        mres = cv2.resize(mask.astype(np.float32), (W, H), interpolation=cv2.INTER_LINEAR)
        for s in (8, 16, 32):
            rec["mask%d" % s] = torch.from_numpy(C.mask_to_grid(mres, s))
    return rec


# ----------------------------------------------------------------------------- synthetic
def disk_kernel(r):
    """Anti-aliased defocus disk of radius r px (supersampled 8x)."""
    n = int(np.ceil(r)) + 1
    ss = 8
    g = (np.arange((2 * n + 1) * ss) + 0.5) / ss - (n + 0.5)
    xx, yy = np.meshgrid(g, g)
    d = (xx ** 2 + yy ** 2 <= r * r).astype(np.float32)
    k = d.reshape(2 * n + 1, ss, 2 * n + 1, ss).mean((1, 3))
    return k / k.sum()


def random_mask(rng, h, w):
    """Blurred region (True) shaped like a shallow depth of field: a smooth random field with a
    sharp 'subject' bump somewhere near the centre, optionally a depth gradient, thresholded at a
    random blurred fraction."""
    gh, gw = max(2, h // 24), max(2, w // 24)
    field = cv2.resize(rng.standard_normal((gh, gw)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    field = cv2.GaussianBlur(field, (0, 0), max(h, w) / 30)
    field /= field.std() + 1e-6
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    for _ in range(rng.integers(1, 3)):
        cy, cx = rng.uniform(0.25, 0.75) * h, rng.uniform(0.2, 0.8) * w
        sy, sx = rng.uniform(0.12, 0.35) * h, rng.uniform(0.12, 0.35) * w
        field -= rng.uniform(1.5, 3.5) * np.exp(-(((yy - cy) / sy) ** 2 + ((xx - cx) / sx) ** 2) / 2)
    if rng.random() < 0.3:  # ground plane: sharp at the bottom or top, blurring with distance
        g = (yy / h - 0.5) * rng.uniform(2, 5) * (1 if rng.random() < 0.7 else -1)
        field += g
    frac = rng.uniform(0.35, 0.9)
    t = np.quantile(field, 1 - frac)
    return field > t


def synth(rng, rgb):
    h, w = rgb.shape[:2]
    blurred = random_mask(rng, h, w)
    r = rng.uniform(1.5, 7.0) * min(h, w) / 288.0
    img = rgb.astype(np.float32)
    # defocus in (approximately) linear light half the time
    lin = rng.random() < 0.5
    src = (img / 255) ** 2.2 if lin else img / 255
    b1 = cv2.filter2D(src, -1, disk_kernel(r), borderType=cv2.BORDER_REFLECT)
    if rng.random() < 0.4:  # two depths: farther parts blurred more
        b2 = cv2.filter2D(src, -1, disk_kernel(r * rng.uniform(1.5, 2.5)), borderType=cv2.BORDER_REFLECT)
        far = cv2.GaussianBlur(rng.standard_normal((h, w)).astype(np.float32), (0, 0), min(h, w) / 6) > 0
        b1 = np.where(far[..., None], b2, b1)
    # feathered transition (the blur spreads over the boundary), mask target stays hard
    soft = cv2.GaussianBlur(blurred.astype(np.float32), (0, 0), max(0.8, r / 2))[..., None]
    out = soft * b1 + (1 - soft) * src
    out = np.clip(out, 0, 1)
    out = out ** (1 / 2.2) if lin else out
    out = np.clip(out * 255, 0, 255).astype(np.uint8)
    if rng.random() < 0.7:
        q = int(rng.integers(70, 96))
        ok, enc = cv2.imencode(".jpg", cv2.cvtColor(out, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, q])
        out = cv2.cvtColor(cv2.imdecode(enc, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    return out, blurred


def whole_frame(net, split, count, seed, out):
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    import data as D
    names = D.load_split(split)
    pick = np.random.default_rng([seed, 7]).permutation(len(names))[:count]
    os.makedirs(out, exist_ok=True)
    t0 = time.time()
    for k, j in enumerate(pick):
        name = names[j]
        rgb = C.read_rgb(os.path.join(C.SHARP, name))
        rng = np.random.default_rng(D.name_seed(name, "maphead-whole:"))
        blurred, kind = D.synth_blur(rgb, rng, D.k_scale_of(rgb))
        for label, img in (("clear", rgb), ("blur", blurred)):
            dst = os.path.join(out, "%05d_%s.pt" % (k, label))
            if os.path.exists(dst):
                continue
            img = D.degrade_common(img, rng)
            short = min(img.shape[:2])
            rec = record(net, img, np.full(img.shape[:2], label == "blur"), short)
            rec["src"] = name
            rec["kind"] = kind if label == "blur" else "none"
            torch.save(rec, dst + ".tmp")
            os.replace(dst + ".tmp", dst)
        if k % 100 == 0:
            print(split, k, name, "%.0fs" % (time.time() - t0), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--synthetic", type=int, default=0)
    ap.add_argument("--whole", type=int, default=0)
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--short", type=int, default=448)
    args = ap.parse_args()
    torch.set_num_threads(2)
    net = C.BfmNet().eval()
    t0 = time.time()
    if args.whole:
        whole_frame(net, "train", args.whole, args.seed, os.path.join(C.CACHE, "whole", "train"))
        whole_frame(net, "val", 100, args.seed, os.path.join(C.CACHE, "whole", "val"))
    elif args.synthetic == 0:
        out = os.path.join(C.CACHE, "real")
        os.makedirs(out, exist_ok=True)
        for i, (name, ip, mp, num) in enumerate(C.partial_blur_list()):
            dst = os.path.join(out, name + ".pt")
            if os.path.exists(dst):
                continue
            rec = record(net, C.read_rgb(ip), C.read_mask(mp), args.short)
            rec["num"] = num
            torch.save(rec, dst + ".tmp")
            os.replace(dst + ".tmp", dst)
            if i % 50 == 0:
                print(i, name, rec["size"], "%.0fs" % (time.time() - t0), flush=True)
    else:
        out = os.path.join(C.CACHE, "syn")
        os.makedirs(out, exist_ok=True)
        names = sorted(os.listdir(C.SHARP))
        names = [n for n in names if n.lower().endswith((".jpg", ".jpeg", ".png"))]
        pick = np.random.default_rng(args.seed).permutation(len(names))[:args.synthetic]
        for k, j in enumerate(pick):
            dst = os.path.join(out, "%05d.pt" % k)
            if os.path.exists(dst):
                continue
            rng = np.random.default_rng([args.seed, int(k)])
            rgb = C.read_rgb(os.path.join(C.SHARP, names[j]))
            if min(rgb.shape[:2]) < 160:
                continue
            img, mask = synth(rng, rgb)
            # input scale like the CUHK photos at 448 (400 px short side -> x1.12): x U(1.0, 1.3)
            short = int(round(min(img.shape[:2]) * rng.uniform(1.0, 1.3)))
            rec = record(net, img, mask, short)
            rec["src"] = names[j]
            torch.save(rec, dst + ".tmp")
            os.replace(dst + ".tmp", dst)
            if k % 100 == 0:
                print(k, names[j], rec["size"], "%.0fs" % (time.time() - t0), flush=True)
                if k < 300:
                    cv2.imwrite(os.path.join(C.CACHE, "syn_example_%d.jpg" % k),
                                np.concatenate([cv2.cvtColor(img, cv2.COLOR_RGB2BGR),
                                                np.repeat(mask[..., None] * 255, 3, 2).astype(np.uint8)], 1))
    print("done %.0fs" % (time.time() - t0))


if __name__ == "__main__":
    main()
