#!/usr/bin/python3
"""Materialize the fixed-seed validation set as image files, for the Java `eval` command.

  /usr/bin/python3 model-weights/training/make_val_set.py /tmp/bf-val

Writes (at each image's own resolution, lossless PNG, RGB):
  OUT/sharp/<stem>.png     the held-out photo as decoded by OpenCV (label 0, clear)
  OUT/blurred/<stem>.png   the same photo with the seeded synthetic blur (label 1, blur)
  OUT/hardneg/<stem>.png   the photo with seeded noise/JPEG/sharpening only (label 0; reported separately)
  OUT/labels.csv           file,label,kind,source  (paths relative to OUT)
Pixels are exactly those train.py validates on each epoch (seed = sha256 of the file name), so the
Java engine and PyTorch see identical inputs; PNG avoids JPEG-decoder differences.
"""
import csv
import os
import sys

import cv2

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import data as D  # noqa: E402


def main(out):
    for sub in ("sharp", "blurred", "hardneg"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    src = {r["file"]: r["source"] for r in csv.DictReader(open(D.SPLIT_CSV))}
    files = D.load_split("val")
    rows = []
    for f in files:
        im = D.read_rgb(os.path.join(D.DATA, "sharp", f))
        stem = os.path.splitext(f)[0] + ".png"
        blurred, kind = D.val_blurred(im, f)
        for sub, img, label, k in (("sharp", im, 0, "none"), ("blurred", blurred, 1, kind),
                                   ("hardneg", D.val_hardneg(im, f), 0, "noise_jpeg_sharpen")):
            cv2.imwrite(os.path.join(out, sub, stem), img[:, :, ::-1])
            rows.append([f"{sub}/{stem}", label, k, src[f]])
    with open(os.path.join(out, "labels.csv"), "w", newline="") as fo:
        w = csv.writer(fo)
        w.writerow(["file", "label", "kind", "source"])
        w.writerows(rows)
    print(f"wrote {len(rows)} images ({len(files)} per folder) to {out}")


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1].startswith("-"):  # never a folder named --help
        sys.exit(__doc__)
    main(sys.argv[1])
