"""OpenCV reference for the engine's preprocessing: PaddleClas ResizeImage/CropImage on synthetic images.

The source images are a closed-form pattern (see pattern()) that the Java test recomputes, so only
OpenCV's 8-bit output crops are stored. Run with Debian's python3 (python3-opencv):
  /usr/bin/python3 engine/src/test/python/make_resize_fixtures.py
Writes engine/src/test/resources/cv2-resize/<case>.u8 (HWC RGB uint8) and cases.txt.
"""
import os

import cv2
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "cv2-resize")


def pattern(w, h):
    y, x = np.mgrid[0:h, 0:w].astype(np.int64)
    img = np.zeros((h, w, 3), np.uint8)
    for c in range(3):
        v = x * 7 + y * 13 + c * 50 + ((x * y) ^ (x + y * 3)) % 97 + (((x // 5) + (y // 3)) & 1) * 60
        img[:, :, c] = (v & 255).astype(np.uint8)
    return img


def resize_short(img, short, interp="linear"):
    """interp 'area' is the engine's Interpolation.AREA: cv2.INTER_AREA when shrinking, else linear."""
    h, w = img.shape[:2]
    percent = float(short) / min(w, h)
    flag = cv2.INTER_AREA if interp == "area" and percent < 1 else cv2.INTER_LINEAR
    return cv2.resize(img, (int(round(w * percent)), int(round(h * percent))), interpolation=flag)


def crop(img, cw, ch):
    h, w = img.shape[:2]
    x0, y0 = (w - cw) // 2, (h - ch) // 2
    return img[y0:y0 + ch, x0:x0 + cw]


CASES = [
    ("down_517x389", 517, 389, "short", 256, 224),
    ("up_203x301", 203, 301, "short", 256, 224),
    ("vga_640x480", 640, 480, "short", 256, 224),
    ("exact2x_512x700", 512, 700, "short", 256, 224),
    ("big_1999x1501", 1999, 1501, "short", 256, 224),
    ("textline_333x97", 333, 97, "exact", (160, 80), None),
    # Interpolation.AREA: generic area weights, OpenCV's integer-factor fast path (2x, 8x), a phone
    # photo's 6.006 x 6.0, and an enlargement (bilinear)
    ("area_down_517x389", 517, 389, "short", 256, 224, "area"),
    ("area_vga_640x480", 640, 480, "short", 256, 224, "area"),
    ("area_exact2x_512x700", 512, 700, "short", 256, 224, "area"),
    ("area_8x_2048x2048", 2048, 2048, "short", 256, 224, "area"),
    ("area_phone_2048x1536", 2048, 1536, "short", 256, 224, "area"),
    ("area_up_203x301", 203, 301, "short", 256, 224, "area"),
]

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "cases.txt"), "w") as index:
        for name, w, h, mode, size, c, *interp in CASES:
            img = pattern(w, h)
            if mode == "short":
                out = crop(resize_short(img, size, *interp), c, c)
                index.write("%s %d %d resize_short %d crop %d%s\n" % (name, w, h, size, c,
                                                                     "".join(" " + i for i in interp)))
            else:
                out = cv2.resize(img, size, interpolation=cv2.INTER_LINEAR)
                index.write("%s %d %d resize %d %d\n" % (name, w, h, size[0], size[1]))
            np.ascontiguousarray(out).tofile(os.path.join(OUT, name + ".u8"))
            print(name, out.shape)
    print("opencv", cv2.__version__)
