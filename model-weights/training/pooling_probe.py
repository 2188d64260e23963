"""Issue 17 probe: does a learned evidence pooling of the shipped backbone's per-cell features
catch more real blur than global average pooling?  (Answer on 2026-12-07: no; training/README.md.)

The backbone is frozen (read from the packaged .bfm by maphead's BfmNet), so only the pooling and,
optionally, the FC are trained, on cached stride-32 features (512 x 7 x 7 at the 224 crop):

  features eval            real-blur, clear/blurred validation, partial-blur at the deploy crop
  features train K SEED    K synthetic samples per train-split photo at 224 (r2 kernel bank)
  pool TRAIN.npz ...       trains softmax / sigmoid attention pooling heads and prints, per
                           epoch, real blurred caught at thresholds set on the clear validation
                           photos only (3% and 5% of them flagged), with real sharp and odd-half
                           partial-blur photos flagged at the same thresholds

Attention starts at zero, i.e. exactly the shipped global average, so epoch 0 is a fair control.
"""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as Fn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "maphead"))
sys.path.insert(0, HERE)
import common as C  # noqa: E402
import data as D  # noqa: E402

OUT = os.environ.get("POOLING_PROBE_DIR", "/tmp/pooling-probe")


def cell_features(net, chw):
    with torch.no_grad():
        return net(torch.from_numpy(np.ascontiguousarray(chw)).float()[None])[32][0].half().numpy()


def features_eval(net):
    feats, groups = [], []
    for _, label, _, _, img in D.load_real_blur():
        feats.append(cell_features(net, D.preprocess_eval(img)))
        groups.append("rb-blurred" if label else "rb-sharp")
    for name in D.load_split("val"):
        img = C.read_rgb(os.path.join(C.SHARP, name))
        feats.append(cell_features(net, D.preprocess_eval(img)))
        groups.append("val-sharp")
        feats.append(cell_features(net, D.preprocess_eval(D.val_blurred(img, name)[0])))
        groups.append("val-blurred")
    for i, (_, img) in enumerate(D.load_partial_blur()):
        feats.append(cell_features(net, D.preprocess_eval(img)))
        groups.append("pb-odd" if i % 2 else "pb-even")
    np.savez(os.path.join(OUT, "eval.npz"), F=np.stack(feats), G=np.array(groups))


def features_train(net, k, seed):
    feats, labels = [], []
    names = D.load_split("train")
    for rep in range(k):
        for i, name in enumerate(names):
            img = C.read_rgb(os.path.join(C.SHARP, name))
            x, y = D.train_sample(img, np.random.default_rng([seed, rep, i]), 224, p_camera=0.0)
            feats.append(cell_features(net, x))
            labels.append(y)
    np.savez(os.path.join(OUT, "train_%d.npz" % seed), F=np.stack(feats), Y=np.array(labels))


class Pooling(nn.Module):
    """Per-cell logits of the shipped FC, pooled with weights from a 1x1 conv on the features."""

    def __init__(self, net, kind):
        super().__init__()
        self.kind = kind
        self.fc = nn.Linear(512, 2)
        self.fc.weight.data[:] = net.fc_w.detach()
        self.fc.bias.data[:] = net.fc_b.detach()
        self.att = nn.Conv2d(512, 1, 1)
        nn.init.zeros_(self.att.weight)
        nn.init.zeros_(self.att.bias)

    def forward(self, f):
        logits = torch.einsum("nchw,kc->nkhw", f, self.fc.weight) + self.fc.bias[None, :, None, None]
        a = self.att(f)
        if self.kind == "softmax":
            w = torch.softmax(a.flatten(2), -1).view_as(a)
        else:  # sigmoid: weights in (0, 1), so a cell can abstain without another having to win
            w = torch.sigmoid(a + 2.0)
            w = w / w.sum((2, 3), keepdim=True)
        return (logits * w).sum((2, 3))


def auc(pos, neg):
    return D.roc_auc(np.r_[pos, neg], np.r_[np.ones(len(pos)), np.zeros(len(neg))])


def report(name, scores, groups):
    g = {k: scores[groups == k] for k in ("val-sharp", "val-blurred", "rb-blurred", "rb-sharp", "pb-odd")}
    line = "%-16s synthetic AUC %.4f | real blurred AUC vs clear val %.3f, vs real sharp %.3f" % (
        name, auc(g["val-blurred"], g["val-sharp"]), auc(g["rb-blurred"], g["val-sharp"]),
        auc(g["rb-blurred"], g["rb-sharp"]))
    for fpr in (0.03, 0.05):
        t = np.quantile(g["val-sharp"], 1 - fpr)
        line += " | @%d%%: caught %.3f, real sharp %.2f, partial-blur %.3f" % (
            fpr * 100, (g["rb-blurred"] >= t).mean(), (g["rb-sharp"] >= t).mean(), (g["pb-odd"] >= t).mean())
    print(line, flush=True)


def pool(net, train_files):
    ev = np.load(os.path.join(OUT, "eval.npz"))
    eval_f, groups = torch.from_numpy(ev["F"].astype(np.float32)), ev["G"]
    tr = [np.load(f) for f in train_files]
    feats = torch.from_numpy(np.concatenate([t["F"] for t in tr]).astype(np.float32))
    labels = torch.from_numpy(np.concatenate([t["Y"] for t in tr])).long()
    scores = lambda h: torch.softmax(h(eval_f), 1)[:, 1].detach().numpy()  # noqa: E731
    for kind in ("softmax", "sigmoid"):
        for train_fc in (False, True):
            torch.manual_seed(0)
            head = Pooling(net, kind)
            name = kind + ("+fc" if train_fc else "")
            report(name + " start", scores(head), groups)
            params = list(head.att.parameters()) + (list(head.fc.parameters()) if train_fc else [])
            opt = torch.optim.AdamW(params, lr=1e-3, weight_decay=0.01)
            for epoch in range(6):
                for idx in torch.randperm(len(feats)).split(128):
                    loss = Fn.cross_entropy(head(feats[idx]), labels[idx], label_smoothing=0.1)
                    opt.zero_grad()
                    loss.backward()
                    opt.step()
                report("%s e%d" % (name, epoch), scores(head), groups)


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    net = C.BfmNet().eval()
    what = sys.argv[1:]
    if what[:2] == ["features", "eval"]:
        features_eval(net)
    elif what[:2] == ["features", "train"]:
        features_train(net, int(what[2]), int(what[3]))
    elif what[:1] == ["pool"]:
        pool(net, what[1:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
