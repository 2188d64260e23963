"""Shared pieces of the map-head experiment (issue 20): the shipped backbone read straight from the
packaged .bfm, the engine's whole-frame preprocessing and cell geometry, and BlurMapEval's metrics
and Laplacian baseline re-implemented in numpy.

Run everything with Debian's /usr/bin/python3 (torch 1.13 CPU, opencv, numpy).
"""
import csv
import math
import os
import re
import struct

import cv2
import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BFM = os.path.join(ROOT, "model-weights/src/main/resources/io/blurfilter/model/blur-default.bfm")
DATA = os.environ.get("BF_DATA", os.path.join(ROOT, "..", "shared", "data"))
PARTIAL = os.path.join(DATA, "partial-blur")
SHARP = os.path.join(DATA, "sharp")
CACHE = os.environ.get("MAPHEAD_CACHE", "/tmp/maphead")

MEAN = np.array([0.485, 0.456, 0.406], np.float32)
STD = np.array([0.229, 0.224, 0.225], np.float32)

# taps of the backbone (PP-LCNet x1_0): stride 8 = blocks4 out (128 ch), 16 = blocks5 out (256),
# 32 = blocks6 out (512, what the FC head reads): the last Conv output at each stride (BfmNet.taps)
TAP_STRIDES = (8, 16, 32)


# ----------------------------------------------------------------------------- backbone from .bfm
def _tokens(line):
    return re.findall(r'"(?:[^"\\]|\\.)*"|\S+', line.split(" #")[0])


class BfmNet(torch.nn.Module):
    """Interprets the .bfm graph (Conv with folded BN and fused activation, GlobalAveragePool, Mul,
    Flatten, Gemm, Softmax) in PyTorch, float32; returns the tapped feature maps and the FC weights."""

    def __init__(self, path=BFM):
        super().__init__()
        b = open(path, "rb").read()
        assert b[:8] == b"BLURFMDL"
        hlen = struct.unpack("<I", b[16:20])[0]
        wlen = struct.unpack("<Q", b[20:28])[0]
        header = b[28:28 + hlen].decode("utf-8")
        a = (28 + hlen + 63) // 64 * 64
        weights = b[a:a + wlen]
        self.tensors = {}
        nodes = []
        output = None
        for line in header.split("\n"):
            t = _tokens(line)
            if not t:
                continue
            if t[0] == "output" and len(t) == 2:
                output = t[1]
            if t[0] == "tensor":
                name, off, shape = t[1], int(t[3]), [int(x) for x in t[4:]]
                n = int(np.prod(shape)) if shape else 1
                arr = np.frombuffer(weights, "<f4", n, off).reshape(shape).copy()
                self.tensors[name] = torch.from_numpy(arr)
            elif t[0] == "node":
                op, name = t[1], t[2]
                attrs = {}
                ins = out = None
                for kv in t[3:]:
                    k, v = kv.split("=", 1)
                    if k == "in":
                        ins = v.split(",")
                    elif k == "out":
                        out = v
                    else:
                        attrs[k] = v
                nodes.append((op, name, ins, out, attrs))
        # the classifier's nodes only (a file may also carry a map head: `output map ...`)
        producer = {n[3]: n for n in nodes}
        need, todo = set(), [output]
        while todo:
            v = todo.pop()
            if v in producer and v not in need:
                need.add(v)
                todo += producer[v][2]
        self.nodes = [n for n in nodes if n[3] in need]
        self.output = output
        gemm = [n for n in self.nodes if n[0] == "Gemm"]
        assert len(gemm) == 1 and gemm[0][4].get("transB") == "1", "classifier head is not one Gemm"
        self.fc_w = self.tensors[gemm[0][2][1]]  # [2, 512]
        self.fc_b = self.tensors[gemm[0][2][2]]
        self.taps = self._find_taps()

    def _find_taps(self):
        """Value names of the last Conv output at each stride of TAP_STRIDES (traced at 224x224)."""
        last = {}
        for op, out, y in self._run(torch.zeros(1, 3, 224, 224)):
            if op == "Conv" and y.dim() == 4 and y.shape[2] > 1 and 224 % y.shape[2] == 0:
                last[224 // y.shape[2]] = out
        return {s: last[s] for s in TAP_STRIDES}

    @staticmethod
    def _act(x, a):
        kind = a.get("activation", "none")
        if kind == "none":
            return x
        if kind == "hardswish":
            return F.hardswish(x)
        if kind == "relu":
            return F.relu(x)
        if kind == "hardsigmoid":
            al, be = float(a["act_alpha"]), float(a["act_beta"])
            return torch.clamp(x * al + be, 0, 1)
        raise ValueError(kind)

    def _run(self, x, act=None, gap=None, through_head=False):
        """Evaluates the classifier's nodes in order, yielding (op, output name, value) for each. Stops
        at the head (Flatten/Gemm/Softmax, which callers apply per cell) unless through_head. act and
        gap replace the activation and the global average pool (the export needs ONNX-friendly ones)."""
        act = act or self._act
        gap = gap or (lambda t: t.mean((2, 3), keepdim=True))
        env = {"x": x}
        get = lambda n: env[n] if n in env else self.tensors[n]
        for op, name, ins, out, a in self.nodes:
            if op == "Conv":
                sh, sw = [int(v) for v in a["strides"].split(",")]
                pt, pl, pb, pr = [int(v) for v in a["pads"].split(",")]
                assert pt == pb and pl == pr
                y = F.conv2d(get(ins[0]), get(ins[1]), get(ins[2]) if len(ins) > 2 else None,
                             (sh, sw), (pt, pl), 1, int(a["group"]))
                y = act(y, a)
            elif op == "GlobalAveragePool":
                y = gap(get(ins[0]))
            elif op == "Mul":
                y = get(ins[0]) * get(ins[1])
            elif not through_head:
                return
            elif op == "Flatten":
                y = torch.flatten(get(ins[0]), int(a["axis"]))
            elif op == "Gemm":
                assert a.get("transB") == "1"
                y = F.linear(get(ins[0]), get(ins[1]), get(ins[2]))
            elif op == "Softmax":
                y = F.softmax(get(ins[0]), int(a["axis"]))
            else:
                raise ValueError(op)
            env[out] = y
            yield op, out, y

    @torch.no_grad()
    def forward(self, x, stop_at=32):
        want = {self.taps[s]: s for s in TAP_STRIDES if s <= stop_at}
        feats = {}
        for op, out, y in self._run(x):
            if out in want:
                feats[want[out]] = y
                if len(feats) == len(want):
                    break
        return feats

    def cell_logits(self, f32):
        """The FC head applied per cell of the stride-32 map: [N, 2, h, w] logits (the engine's map)."""
        return torch.einsum("nchw,kc->nkhw", f32, self.fc_w) + self.fc_b[None, :, None, None]


# ----------------------------------------------------------------------------- preprocessing
def java_round(x):
    return int(math.floor(x + 0.5))


def frame_size(w, h, short_side=448, stride=32):
    """Model.frameSize: both sides scaled so the short side is short_side, rounded to the stride."""
    s = short_side / min(w, h)
    return max(stride, java_round(w * s / stride) * stride), max(stride, java_round(h * s / stride) * stride)


def resize_like_engine(rgb, W, H):
    h, w = rgb.shape[:2]
    interp = cv2.INTER_AREA if (W < w and H < h) else cv2.INTER_LINEAR
    return cv2.resize(rgb, (W, H), interpolation=interp)


def to_tensor(rgb_resized):
    x = (rgb_resized.astype(np.float32) * np.float32(0.003921569) - MEAN) / STD
    return torch.from_numpy(x.transpose(2, 0, 1).copy())[None]


def read_rgb(path):
    bgr = cv2.imread(path, cv2.IMREAD_COLOR)
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


def read_mask(path):
    m = cv2.imread(path, cv2.IMREAD_UNCHANGED)
    if m.ndim == 3:
        m = m[..., 0]  # BlurMapEval reads the blue byte of getRGB
    return m >= 128


def partial_blur_list(parity=None):
    rows = list(csv.DictReader(open(os.path.join(PARTIAL, "manifest.csv"))))
    out = []
    for r in rows:
        name = os.path.basename(r["image"])
        num = int(re.sub(r"\D", "", name))
        if parity is None or num % 2 == parity:
            out.append((name, os.path.join(PARTIAL, r["image"]), os.path.join(PARTIAL, r["mask"]), num))
    return out


# ----------------------------------------------------------------------------- geometry
def grid_to_photo(cells, w, h, W, H, stride):
    """BlurMapEval.bilinear: a [rows, cols] grid whose cell j is centred on resized-input pixel
    stride*j (PP-LCNet, symmetric k//2 padding), bilinear between the centres at each photo pixel
    (clamped at the edges). W, H: the resized input's size."""
    rows, cols = cells.shape
    def axis(n_out, n_img, n_res, n_cells):
        scale = n_img / n_res
        first = 0.5 * scale
        step = stride * scale
        v = np.clip((np.arange(n_out) + 0.5 - first) / step, 0, n_cells - 1)
        i0 = v.astype(np.int64)
        i1 = np.minimum(i0 + 1, n_cells - 1)
        return i0, i1, v - i0
    r0, r1, fy = axis(h, h, H, rows)
    c0, c1, fx = axis(w, w, W, cols)
    cells = cells.astype(np.float64)
    top = cells[r0][:, c0] * (1 - fx) + cells[r0][:, c1] * fx
    bot = cells[r1][:, c0] * (1 - fx) + cells[r1][:, c1] * fx
    return (top * (1 - fy)[:, None] + bot * fy[:, None]).astype(np.float32)


def upsample_asym(x, f):
    """Bilinear upsampling by an integer factor with cell centres aligned the PP-LCNet way: output
    j sits at input j/f (ONNX Resize linear, coordinate_transformation_mode=asymmetric), clamped
    at the far edge. x: [N, C, h, w] -> [N, C, h*f, w*f]."""
    n, c, h, w = x.shape
    def idx(n_in):
        v = torch.arange(n_in * f, dtype=torch.float32) / f
        v = v.clamp(max=n_in - 1)
        i0 = v.floor().long()
        i1 = (i0 + 1).clamp(max=n_in - 1)
        return i0, i1, (v - i0.float())
    r0, r1, fy = idx(h)
    c0, c1, fx = idx(w)
    top = x[:, :, r0][:, :, :, c0] * (1 - fx) + x[:, :, r0][:, :, :, c1] * fx
    bot = x[:, :, r1][:, :, :, c0] * (1 - fx) + x[:, :, r1][:, :, :, c1] * fx
    return top * (1 - fy)[:, None] + bot * fy[:, None]


def mask_to_grid(mask_resized, stride):
    """Blurred fraction of the (resized) mask within half a stride of each cell centre (stride*j)."""
    m = torch.from_numpy(mask_resized.astype(np.float32))[None, None]
    h = stride // 2
    m = F.pad(m, (h, 0, h, 0), mode="replicate")
    H, W = mask_resized.shape
    m = m[:, :, :H, :W]
    return F.avg_pool2d(m, stride, stride)[0, 0].numpy()


# ----------------------------------------------------------------------------- metrics
class Metrics:
    """BlurMapEval.Metrics: maps quantized to 8 bits, pooled pixel AUC, photo AUC, MAE, max F (b2 0.3)."""

    def __init__(self):
        self.pos = np.zeros(256, np.int64)
        self.neg = np.zeros(256, np.int64)
        self.hists = []
        self.mae_sum = 0.0

    def add(self, m, blurred):
        q = np.floor(255 * np.clip(m.astype(np.float32), 0, 1) + 0.5).astype(np.int64).ravel()
        lab = blurred.ravel()
        hp = np.bincount(q[lab], minlength=256)
        hn = np.bincount(q[~lab], minlength=256)
        self.pos += hp
        self.neg += hn
        self.hists.append((hn, hp))
        self.mae_sum += np.abs(q / 255.0 - lab).mean()

    @staticmethod
    def _auc(pos, neg):
        below = np.concatenate([[0], np.cumsum(neg)[:-1]])
        return float((pos * (below + neg / 2.0)).sum() / (pos.sum() * neg.sum()))

    def auc(self):
        return self._auc(self.pos, self.neg)

    def photo_auc(self):
        v = [self._auc(hp, hn) for hn, hp in self.hists if hp.sum() and hn.sum()]
        return float(np.mean(v))

    def mae(self):
        return self.mae_sum / len(self.hists)

    def max_f(self, beta2=0.3):
        n = len(self.hists)
        prec = np.zeros(256)
        rec = np.zeros(256)
        for hn, hp in self.hists:
            tp = np.cumsum(hp[::-1])[::-1].astype(np.float64)  # q >= t
            fp = np.cumsum(hn[::-1])[::-1].astype(np.float64)
            p = hp.sum()
            with np.errstate(invalid="ignore", divide="ignore"):
                prec += np.where(tp + fp == 0, 0, tp / np.maximum(tp + fp, 1))
            rec += tp / p if p else 0
        prec /= n
        rec /= n
        f = np.where(prec + rec > 0, (1 + beta2) * prec * rec / np.maximum(beta2 * prec + rec, 1e-300), 0)
        return float(f.max())

    def row(self):
        return dict(auc=self.auc(), photo_auc=self.photo_auc(), mae=self.mae(), max_f=self.max_f())


# ----------------------------------------------------------------------------- Laplacian baseline
def _box_mean(a, r):
    """Mean over the (2r+1)^2 window clipped to the image (divides by the pixels inside)."""
    def along(a, axis):
        n = a.shape[axis]
        c = np.cumsum(a, axis=axis, dtype=np.float64)
        c = np.concatenate([np.zeros_like(np.take(c, [0], axis=axis)), c], axis=axis)
        i = np.arange(n)
        lo = np.maximum(0, i - r)
        hi = np.minimum(n - 1, i + r)
        s = np.take(c, hi + 1, axis=axis) - np.take(c, lo, axis=axis)
        shape = [1] * a.ndim
        shape[axis] = n
        return (s / (hi - lo + 1).reshape(shape)).astype(np.float32)
    return along(along(a, 1), 0)


def laplacian_map(rgb, r=31):
    """BlurMapEval.laplacianMap: variance of the 4-neighbour Laplacian of the luma in a (2r+1)^2
    window, log, per-photo 5th percentile -> blur 1, 95th -> 0."""
    f = rgb.astype(np.float32)
    luma = np.float32(0.299) * f[..., 0] + np.float32(0.587) * f[..., 1] + np.float32(0.114) * f[..., 2]
    p = np.pad(luma, 1, mode="edge")
    lap = p[1:-1, :-2] + p[1:-1, 2:] + p[:-2, 1:-1] + p[2:, 1:-1] - 4 * luma
    mean = _box_mean(lap, r)
    msq = _box_mean(lap * lap, r)
    logv = np.log(np.maximum(0, msq - mean * mean) + 1e-3).astype(np.float32)
    s = np.sort(logv.ravel())
    lo = s[int(0.05 * (s.size - 1))]
    hi = s[int(0.95 * (s.size - 1))]
    t = (logv - lo) / (hi - lo) if hi > lo else np.full_like(logv, 0.5)
    return 1 - np.clip(t, 0, 1)
