#!/usr/bin/env bash
# Makes the small JPEG fixtures of the decoder tests from a synthetic picture (no photo, nothing to
# license): libjpeg-turbo's cjpeg (Debian libjpeg-turbo-progs). Run from this folder; commit the output.
set -euo pipefail
python3 - <<'PY'
import math, random
random.seed(7)
w, h = 77, 53  # no side a multiple of 8 or 16: partial blocks and MCUs on both edges
rows = []
for y in range(h):
    for x in range(w):
        r = int(127 + 120 * math.sin(x / 6.0))
        g = 230 if (x // 11 + y // 9) % 2 else 25  # hard edges
        b = min(255, max(0, int(255 * y / h) + random.randint(-20, 20)))  # gradient with noise
        rows.append(bytes((r, g, b)))
open("synthetic.ppm", "wb").write(b"P6\n%d %d\n255\n" % (w, h) + b"".join(rows))
PY
cjpeg -quality 90 -sample 2x2 -restart 2B synthetic.ppm > baseline-420-restart.jpg
cjpeg -quality 90 -sample 2x1 -progressive synthetic.ppm > progressive-422.jpg
cjpeg -quality 90 -grayscale synthetic.ppm > grey.jpg
rm synthetic.ppm
# libjpeg-turbo's pixels for them, so the agreement is checked even where djpeg is not installed
for f in baseline-420-restart progressive-422 grey; do
  for n in 1 4; do
    djpeg -dct int -scale 1/$n -pnm $f.jpg > $f.djpeg-1-$n.pnm
  done
done
