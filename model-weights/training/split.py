#!/usr/bin/python3
"""Deterministic, source- and near-duplicate-aware train/val split -> split.csv.

Groups (a group never straddles train and val):
  * near-duplicates anywhere in the corpus: 64-bit dHash of the 9x8 grayscale thumbnail, images whose
    hashes differ in <= 3 bits are unioned (also catches Set5/Set14/BSDS overlaps across sources);
  * camvid: frames are sequential video frames.  Per sequence (0001TP, 0006R0, 0016E5, Seq05VD),
    frames sorted by number are cut into contiguous blocks of 20 frames; a block is one group.
    Frames adjacent to a val block (1 frame on each side) are marked `gap` and used by neither side.
Selection: per source, groups are ordered by sha1(group key) and taken into val until the source
reaches ~12% of its images.  Output columns: file,source,group,split (train|val|gap).
"""
import csv
import hashlib
import os
import re
import sys

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("BF_DATA", os.path.abspath(os.path.join(HERE, "../../../shared/data")))
VAL_FRACTION = 0.12
CAMVID_BLOCK = 20


def dhash(path):
    g = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    t = cv2.resize(g, (9, 8), interpolation=cv2.INTER_AREA).astype(np.int16)
    bits = (t[:, 1:] > t[:, :-1]).ravel()
    return int("".join("1" if b else "0" for b in bits), 2)


def h(s):
    return hashlib.sha1(s.encode()).hexdigest()


def main(out=os.path.join(HERE, "split.csv")):
    rows = list(csv.DictReader(open(os.path.join(DATA, "sharp/manifest.csv"))))
    files = [r["file"] for r in rows]
    src = {r["file"]: r["source"] for r in rows}
    n = len(files)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i, j):
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    hashes = np.array([dhash(os.path.join(DATA, "sharp", f)) for f in files], dtype=np.uint64)
    ndup = 0
    for i in range(n):
        x = np.bitwise_xor(hashes[i + 1:], hashes[i])
        d = np.array([bin(int(v)).count("1") for v in x]) if len(x) else np.array([])
        for j in np.nonzero(d <= 3)[0]:
            union(i, i + 1 + int(j))
            ndup += 1
    # camvid sequence blocks
    cam = {}
    for i, f in enumerate(files):
        if src[f] == "camvid":
            m = re.match(r"camvid__CamVid_(?:train|val|test)_(\w+?)_f?(\d+)\.jpg$", f)
            assert m, f
            cam.setdefault(m.group(1), []).append((int(m.group(2)), i))
    cam_order = {}
    for seq, lst in cam.items():
        lst.sort()
        for k in range(0, len(lst), CAMVID_BLOCK):
            block = lst[k:k + CAMVID_BLOCK]
            for _, i in block:
                union(i, block[0][1])
        cam_order[seq] = [i for _, i in lst]
    groups = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    key = {}
    for r, members in groups.items():
        k = min(files[i] for i in members)
        for i in members:
            key[i] = k
    split = ["train"] * n
    for s in sorted(set(src.values())):
        members = sorted({key[i] for i in range(n) if src[files[i]] == s}, key=h)
        total = sum(1 for i in range(n) if src[files[i]] == s)
        taken = 0
        for g in members:
            if taken >= VAL_FRACTION * total - 0.5:
                break
            idx = [i for i in range(n) if key[i] == g]
            for i in idx:
                split[i] = "val"
            taken += len(idx)
    # gap frames next to camvid val blocks
    for seq, order in cam_order.items():
        for a, b in zip(order, order[1:]):
            if split[a] == "val" and split[b] == "train":
                split[b] = "gap"
            if split[a] == "train" and split[b] == "val":
                split[a] = "gap"
    with open(out, "w", newline="") as fo:
        w = csv.writer(fo)
        w.writerow(["file", "source", "group", "split"])
        for i, f in enumerate(files):
            w.writerow([f, src[f], key[i], split[i]])
    print(f"{n} images, {len(groups)} groups, {ndup} near-duplicate pairs")
    for s in sorted(set(src.values())):
        c = {k: sum(1 for i in range(n) if src[files[i]] == s and split[i] == k) for k in ("train", "val", "gap")}
        print(f"  {s:34s} {c}")
    print("total", {k: split.count(k) for k in ("train", "val", "gap")})


if __name__ == "__main__":
    main(*sys.argv[1:])
