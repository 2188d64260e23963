#!/usr/bin/env bash
# Regenerates the format samples the JDK cannot write (Debian packages: imagemagick, webp).
# The picture is synthetic (a colour gradient with a checkerboard), so the files carry no licence.
set -euo pipefail
cd "$(dirname "$0")"
convert -size 96x64 gradient:red-blue \( -size 96x64 pattern:checkerboard -alpha off \) \
  -compose multiply -composite -depth 8 base.ppm
convert base.ppm -colorspace CMYK -quality 90 cmyk.jpg              # libjpeg stores CMYK as YCCK (Adobe transform 2)
convert base.ppm -depth 16 PNG48:rgb16.png                               # 16-bit RGB PNG
convert base.ppm png:- | cwebp -quiet -lossless -o lossless.webp -- -
convert base.ppm png:- | cwebp -quiet -q 80 -o lossy.webp -- -
rm base.ppm
