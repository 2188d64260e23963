"""Trains map heads on cached frozen-backbone features (cache_features.py) and measures them as
BlurMapEval does (grid bilinear between cell centres to the photo's size, 8-bit, mask >= 128).

  # model selection: train on even photos with number % 4 == 0 (+ synthetic), measure on % 4 == 2
  /usr/bin/python3 model-weights/training/maphead/train.py --split tune --variants lin32,lin16,fpn,fpn_hc,hc
  # report: train on the whole even half (+ synthetic), measure on the odd half, once
  /usr/bin/python3 model-weights/training/maphead/train.py --split report --variants fpn_hc --epochs 8

Checkpoints: /tmp/maphead/ckpt/<split>_<variant>_<tag>.pt; results appended to /tmp/maphead/results.jsonl.
"""
import argparse
import glob
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
import common as C  # noqa: E402
import heads as Hd  # noqa: E402

HC = Hd.HandCrafted()
EF = Hd.EdgeFreeContrast()
EF2 = Hd.EdgeFreeContrast(between=True)


def load(path, with_mask_full=None):
    rec = torch.load(path)
    item = {k: rec[k] for k in (8, 16, 32)}
    with torch.no_grad():
        grey = rec["grey"].float()[None, None]
        item["hc"] = HC(grey)[0]
        item["pieces"] = [p[0] for p in EF(grey / 255.0)]
        item["pieces2"] = [p[0] for p in EF2(grey / 255.0)]
    for s in (8, 16, 32):
        item["mask%d" % s] = rec["mask%d" % s]
    item["size"] = rec["size"]
    if with_mask_full is not None:
        item["full"] = C.read_mask(with_mask_full)
    return item


def load_real(parity_filter):
    out = []
    for name, ip, mp, num in C.partial_blur_list():
        if parity_filter(num):
            it = load(os.path.join(C.CACHE, "real", name + ".pt"), mp)
            it["name"] = name
            out.append(it)
    return out


def forward(head, it, train=False):
    f = {s: it[s].float()[None] for s in (8, 16, 32)}
    if isinstance(head, Hd.FPNHead):
        return head(f, [p[None] for p in it["pieces2" if head.between else "pieces"]])[0, 0]
    return head(f, it["hc"][None])[0, 0]


def load_whole(split, count):
    """count photos' pairs (as they are: all sharp; blurred all over: all blurred) from cache --whole."""
    files = sorted(glob.glob(os.path.join(C.CACHE, "whole", split, "*.pt")))
    keep = sorted({os.path.basename(f)[:5] for f in files})[:count]
    return [dict(load(f), label=os.path.basename(f)[6:-3]) for f in files if os.path.basename(f)[:5] in keep]


def evaluate_whole(head, items):
    """Mean blur probability over the map of whole-frame clear and blurred photos."""
    head.eval()
    out = {}
    with torch.no_grad():
        for it in items:
            out.setdefault(it["label"], []).append(torch.sigmoid(forward(head, it)).mean().item())
    return {"whole_%s_mean" % k: float(np.mean(v)) for k, v in out.items()}


def evaluate(head, items):
    head.eval()
    m = C.Metrics()
    with torch.no_grad():
        for it in items:
            p = torch.sigmoid(forward(head, it)).numpy()
            w, h, W, H = it["size"]
            m.add(C.grid_to_photo(p, w, h, W, H, head.stride), it["full"])
    return m.row()


def train(head, real, syn, epochs, lr, wd, real_repeat, batch, seed, log=print):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    params = [p for p in head.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=wd)
    items = real * real_repeat + syn
    steps = epochs * ((len(items) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=steps, pct_start=0.1)
    for ep in range(epochs):
        head.train()
        order = rng.permutation(len(items))
        tot, n = 0.0, 0
        t0 = time.time()
        for b in range(0, len(order), batch):
            opt.zero_grad()
            for j in order[b:b + batch]:
                it = items[j]
                logit = forward(head, it, True)
                y = it["mask%d" % head.stride]
                loss = F.binary_cross_entropy_with_logits(logit, y)
                (loss / batch).backward()
                tot += loss.item()
                n += 1
            opt.step()
            sched.step()
        log("  epoch %d loss %.4f (%.0fs)" % (ep + 1, tot / n, time.time() - t0))


def count(head):
    return sum(p.numel() for p in head.parameters())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["tune", "report"], default="tune")
    ap.add_argument("--variants", default="lin32,lin16,fpn,fpn_hc,hc")
    ap.add_argument("--syn", type=int, default=1500, help="synthetic images used (0: none)")
    ap.add_argument("--whole", type=int, default=0, help="whole-frame photo pairs used (0: none)")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--wd", type=float, default=1e-2)
    ap.add_argument("--width", type=int, default=32)
    ap.add_argument("--drop", type=float, default=0.1)
    ap.add_argument("--real-repeat", type=int, default=2)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--tag", default="")
    args = ap.parse_args()
    torch.set_num_threads(2)
    t0 = time.time()
    if args.split == "tune":
        real = load_real(lambda n: n % 4 == 0)
        test = load_real(lambda n: n % 4 == 2)
    else:
        real = load_real(lambda n: n % 2 == 0)
        test = load_real(lambda n: n % 2 == 1)
    syn = [load(p) for p in sorted(glob.glob(os.path.join(C.CACHE, "syn", "*.pt")))[:args.syn]]
    syn += load_whole("train", args.whole)
    whole_val = load_whole("val", 100)
    print("loaded %d real train, %d synthetic, %d test (%.0fs)" % (len(real), len(syn), len(test), time.time() - t0),
          flush=True)
    os.makedirs(os.path.join(C.CACHE, "ckpt"), exist_ok=True)
    for v in args.variants.split(","):
        head = Hd.build(v, args.width, args.drop, HC.channels)
        t1 = time.time()
        print("%s: %d parameters" % (v, count(head)), flush=True)
        train(head, real, syn, args.epochs, args.lr, args.wd, args.real_repeat, args.batch, args.seed,
              log=lambda s: print(s, flush=True))
        r = evaluate(head, test)
        r.update(evaluate_whole(head, whole_val))
        r.update(variant=v, split=args.split, syn=len(syn), whole=args.whole, epochs=args.epochs, lr=args.lr, wd=args.wd,
                 width=args.width, drop=args.drop, real_repeat=args.real_repeat, seed=args.seed, tag=args.tag,
                 params=count(head), seconds=round(time.time() - t1))
        print("| %s | %s | %.4f | %.4f | %.4f | %.4f | %.3f | %.3f |" % (
            args.split, v, r["auc"], r["photo_auc"], r["mae"], r["max_f"], r.get("whole_clear_mean", -1),
            r.get("whole_blur_mean", -1)), flush=True)
        with open(os.path.join(C.CACHE, "results.jsonl"), "a") as fh:
            fh.write(json.dumps(r) + "\n")
        torch.save({"state": head.state_dict(), "args": vars(args), "variant": v, "result": r},
                   os.path.join(C.CACHE, "ckpt", "%s_%s%s.pt" % (args.split, v, "_" + args.tag if args.tag else "")))


if __name__ == "__main__":
    main()
