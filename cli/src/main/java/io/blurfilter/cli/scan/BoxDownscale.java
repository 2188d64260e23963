package io.blurfilter.cli.scan;

/**
 * Shrinks packed ARGB pixels by averaging: each output pixel is the mean of the source pixels its
 * footprint covers, alpha opaque. Plain arrays only (no java.awt), so the report's thumbnails and the
 * heat-map overlays, which must also work without java.desktop, share it.
 */
public final class BoxDownscale {
    private BoxDownscale() {}

    /** {@code src} ({@code w x h}) shrunk to {@code tw x th}. */
    public static int[] of(int[] src, int w, int h, int tw, int th) {
        int[] out = new int[tw * th];
        for (int ty = 0; ty < th; ty++) {
            int y0 = (int) ((long) ty * h / th);
            int y1 = Math.max(y0 + 1, (int) ((long) (ty + 1) * h / th));
            for (int tx = 0; tx < tw; tx++) {
                int x0 = (int) ((long) tx * w / tw);
                int x1 = Math.max(x0 + 1, (int) ((long) (tx + 1) * w / tw));
                long r = 0;
                long g = 0;
                long b = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        int p = src[y * w + x];
                        r += (p >> 16) & 0xFF;
                        g += (p >> 8) & 0xFF;
                        b += p & 0xFF;
                    }
                }
                long n = (long) (y1 - y0) * (x1 - x0);
                out[ty * tw + tx] = (int) (0xFF000000L | (r / n) << 16 | (g / n) << 8 | (b / n));
            }
        }
        return out;
    }
}
