package io.blurfilter.bench;

import io.blurfilter.engine.Image;
import io.blurfilter.engine.ScoreMap;

/**
 * The grey-guide guided filter of He, Sun and Tang ("Guided Image Filtering", ECCV 2010): per window,
 * the output is a linear function of the guide fitted to the input by least squares, so it keeps the
 * guide's edges where the input changes across them. Box sums in O(1) per pixel, whatever the radius.
 * Measured as a refinement of blur maps (docs/BLUR-MAP.md); not shipped, since it gained
 * little there.
 */
final class GuidedFilter {
    private GuidedFilter() {}

    /**
     * The map's class scores at the guide's size ({@link ScoreMap#resample}), guided-filtered with the
     * guide's luma, window radius {@code r} and regularization {@code eps} (luma in [0, 1]), clamped to [0, 1].
     */
    static float[] refine(ScoreMap map, int classIndex, Image guide, int r, float eps) {
        int w = guide.width();
        int h = guide.height();
        float[] q = filter(luma(guide), map.resample(classIndex, w, h), w, h, r, eps);
        for (int i = 0; i < q.length; i++) {
            q[i] = Math.max(0, Math.min(1, q[i]));
        }
        return q;
    }

    /** Rec. 601 luma of each pixel, in [0, 1]. */
    static float[] luma(Image image) {
        int w = image.width();
        int h = image.height();
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.rgb(x, y);
                out[y * w + x] = (0.299f * (rgb >>> 16 & 0xFF) + 0.587f * (rgb >>> 8 & 0xFF) + 0.114f * (rgb & 0xFF))
                        / 255f;
            }
        }
        return out;
    }

    /** {@code q = mean(a) * I + mean(b)} with {@code a = cov(I, p) / (var(I) + eps)}, {@code b = mean(p) - a * mean(I)}. */
    static float[] filter(float[] guide, float[] p, int w, int h, int r, float eps) {
        int n = w * h;
        float[] tmp = new float[n];
        float[] meanI = box(guide, w, h, r, tmp, new float[n]);
        float[] meanP = box(p, w, h, r, tmp, new float[n]);
        float[] prod = new float[n];
        for (int i = 0; i < n; i++) {
            prod[i] = guide[i] * guide[i];
        }
        float[] meanII = box(prod, w, h, r, tmp, new float[n]);
        for (int i = 0; i < n; i++) {
            prod[i] = guide[i] * p[i];
        }
        float[] meanIP = box(prod, w, h, r, tmp, new float[n]);
        // a into meanII, b into meanIP
        for (int i = 0; i < n; i++) {
            float var = meanII[i] - meanI[i] * meanI[i];
            float cov = meanIP[i] - meanI[i] * meanP[i];
            float a = cov / (var + eps);
            meanII[i] = a;
            meanIP[i] = meanP[i] - a * meanI[i];
        }
        float[] meanA = box(meanII, w, h, r, tmp, meanI);
        float[] meanB = box(meanIP, w, h, r, tmp, meanP);
        float[] q = prod;
        for (int i = 0; i < n; i++) {
            q[i] = meanA[i] * guide[i] + meanB[i];
        }
        return q;
    }

    /**
     * Mean over the {@code (2r + 1)^2} window around each pixel, clipped at the borders (divided by the
     * pixels inside), into {@code out}: a horizontal then a vertical running sum, in double.
     */
    static float[] box(float[] in, int w, int h, int r, float[] tmp, float[] out) {
        for (int y = 0; y < h; y++) {
            int row = y * w;
            double sum = 0;
            int hi = Math.min(r, w - 1);
            for (int x = 0; x <= hi; x++) {
                sum += in[row + x];
            }
            for (int x = 0; x < w; x++) {
                int lo = x - r;
                int top = x + r;
                tmp[row + x] = (float) (sum / (Math.min(top, w - 1) - Math.max(lo, 0) + 1));
                if (top + 1 < w) {
                    sum += in[row + top + 1];
                }
                if (lo >= 0) {
                    sum -= in[row + lo];
                }
            }
        }
        double[] col = new double[w];
        int hi = Math.min(r, h - 1);
        for (int y = 0; y <= hi; y++) {
            for (int x = 0; x < w; x++) {
                col[x] += tmp[y * w + x];
            }
        }
        for (int y = 0; y < h; y++) {
            int lo = y - r;
            int top = y + r;
            float inv = 1f / (Math.min(top, h - 1) - Math.max(lo, 0) + 1);
            int row = y * w;
            for (int x = 0; x < w; x++) {
                out[row + x] = (float) (col[x] * inv);
            }
            if (top + 1 < h) {
                int add = (top + 1) * w;
                for (int x = 0; x < w; x++) {
                    col[x] += tmp[add + x];
                }
            }
            if (lo >= 0) {
                int sub = lo * w;
                for (int x = 0; x < w; x++) {
                    col[x] -= tmp[sub + x];
                }
            }
        }
        return out;
    }
}
