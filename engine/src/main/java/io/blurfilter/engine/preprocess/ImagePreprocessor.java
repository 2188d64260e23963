package io.blurfilter.engine.preprocess;

import io.blurfilter.engine.Image;
import io.blurfilter.engine.PixelRegion;
import io.blurfilter.engine.Preprocessing;

/**
 * PaddleClas's deploy preprocessing, bit for bit where OpenCV is deterministic: resize (short side
 * with Python's round-half-even, or exact), OpenCV INTER_LINEAR on 8-bit RGB with its fixed-point
 * arithmetic (or INTER_AREA when the model asks for it and the image shrinks), center crop with floor
 * offsets, then float32 {@code (v * scale - mean) / std}, CHW.
 * Only the pixels inside the crop are ever computed, so cost follows the output size, not the photo.
 */
public final class ImagePreprocessor {
    private final Preprocessing p;
    private final float[][] lut = new float[3][256];

    public ImagePreprocessor(Preprocessing p) {
        this.p = p;
        float[] mean = p.mean();
        float[] std = p.std();
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                lut[c][v] = (v * p.scale() - mean[c]) / std[c];
            }
        }
    }

    /** Width and height of the tensor an image of this size becomes. */
    public int[] outputSize(int width, int height) {
        int[] r = resizedSize(width, height);
        return p.cropWidth() > 0 ? new int[] {p.cropWidth(), p.cropHeight()} : r;
    }

    /** Width and height after the resize step, before the crop. */
    public int[] resizedSize(int width, int height) {
        switch (p.resize()) {
            case SHORT_SIDE: {
                double percent = (double) p.resizeShort() / Math.min(width, height);
                return new int[] {Math.max(1, (int) Math.rint(width * percent)),
                    Math.max(1, (int) Math.rint(height * percent))};
            }
            case EXACT:
                return new int[] {p.resizeWidth(), p.resizeHeight()};
            default:
                return new int[] {width, height};
        }
    }

    /** Where the crop starts in the resized image, {@code {x0, y0}} ({@code {0, 0}} without a crop). */
    public int[] cropOrigin(int width, int height) {
        Crop c = crop(width, height);
        return new int[] {c.x0, c.y0};
    }

    /** The resized size and the crop window in it: {@code [x0, x0 + cw) x [y0, y0 + ch)}. */
    private static final class Crop {
        final int rw;
        final int rh;
        final int x0;
        final int y0;
        final int cw;
        final int ch;

        Crop(int rw, int rh, int x0, int y0, int cw, int ch) {
            this.rw = rw;
            this.rh = rh;
            this.x0 = x0;
            this.y0 = y0;
            this.cw = cw;
            this.ch = ch;
        }

        boolean fits() {
            return cw <= rw && ch <= rh;
        }
    }

    private Crop crop(int width, int height) {
        int[] resized = resizedSize(width, height);
        int rw = resized[0];
        int rh = resized[1];
        if (p.cropWidth() <= 0) {
            return new Crop(rw, rh, 0, 0, rw, rh);
        }
        int cw = p.cropWidth();
        int ch = p.cropHeight();
        return new Crop(rw, rh, (rw - cw) / 2, (rh - ch) / 2, cw, ch);
    }

    /** Whether the resize of a {@code width x height} image goes through {@link AreaResize}. */
    private boolean shrinksByArea(Crop c, int width, int height) {
        return p.interpolation() == Preprocessing.Interpolation.AREA && c.rw < width && c.rh < height;
    }

    /**
     * The pixels of a {@code width x height} image that {@link #apply} reads: the crop's source
     * positions of the resize (both bilinear neighbours, or every area cell), or the crop itself. The
     * whole image when the crop does not fit (apply refuses such an image).
     */
    public PixelRegion pixelsRead(int width, int height) {
        Crop c = crop(width, height);
        if (!c.fits()) {
            return new PixelRegion(0, 0, width, height);
        }
        if (p.resize() == Preprocessing.Resize.NONE) {
            return new PixelRegion(c.x0, c.y0, c.x0 + c.cw, c.y0 + c.ch);
        }
        if (shrinksByArea(c, width, height)) {
            return AreaResize.pixelsRead(width, height, c.rw, c.rh, c.x0, c.y0, c.cw, c.ch);
        }
        LinearResizeTable tx = new LinearResizeTable(width, c.rw, c.x0, c.cw);
        LinearResizeTable ty = new LinearResizeTable(height, c.rh, c.y0, c.ch);
        return new PixelRegion(tx.index0[0], ty.index0[0], tx.index1[c.cw - 1] + 1, ty.index1[c.ch - 1] + 1);
    }

    /** The NCHW tensor data, shape {@code [1, 3, outH, outW]} with outW, outH from {@link #outputSize}. */
    public float[] apply(Image image) {
        int[] size = outputSize(image.width(), image.height());
        float[] out = new float[3 * size[0] * size[1]];
        apply(image, out);
        return out;
    }

    /** Writes the tensor into {@code out}, which must hold {@code 3 * outW * outH} floats. */
    public void apply(Image image, float[] out) {
        Crop c = crop(image.width(), image.height());
        int rw = c.rw;
        int rh = c.rh;
        int cw = c.cw;
        int ch = c.ch;
        int x0 = c.x0;
        int y0 = c.y0;
        if (!c.fits()) {
            throw new IllegalArgumentException("image of " + image.width() + "x" + image.height() + " resized to "
                    + rw + "x" + rh + " is smaller than the " + cw + "x" + ch + " crop");
        }
        if (out.length < 3 * cw * ch) {
            throw new IllegalArgumentException("output buffer too small");
        }
        boolean bgr = p.channelOrder() == Preprocessing.ChannelOrder.BGR;
        int plane = cw * ch;
        if (p.resize() == Preprocessing.Resize.NONE) {
            for (int y = 0; y < ch; y++) {
                for (int x = 0; x < cw; x++) {
                    store(out, y * cw + x, plane, image.rgb(x0 + x, y0 + y), bgr);
                }
            }
            return;
        }
        if (shrinksByArea(c, image.width(), image.height())) {
            int[] pixels = AreaResize.crop(image, rw, rh, x0, y0, cw, ch);
            for (int i = 0; i < pixels.length; i++) {
                store(out, i, plane, pixels[i], bgr);
            }
            return;
        }
        resizeInto(image, rw, rh, x0, y0, cw, ch, out, bgr);
    }

    /**
     * Two-pass fixed-point bilinear as OpenCV's SIMD path computes it: horizontal sums with 11-bit
     * weights, then the vertical blend ((h0 >> 4) * b0 >> 16) + ((h1 >> 4) * b1 >> 16) rounded by
     * (v + 2) >> 2.
     */
    private void resizeInto(Image image, int rw, int rh, int x0, int y0, int cw, int ch, float[] out, boolean bgr) {
        LinearResizeTable tx = new LinearResizeTable(image.width(), rw, x0, cw);
        LinearResizeTable ty = new LinearResizeTable(image.height(), rh, y0, ch);
        int[][] rows = new int[2][3 * cw];
        int[] rowSource = {-1, -1};
        int plane = cw * ch;
        for (int y = 0; y < ch; y++) {
            int[] h0 = horizontal(image, ty.index0[y], tx, rows, rowSource);
            int[] h1 = horizontal(image, ty.index1[y], tx, rows, rowSource);
            int b0 = ty.weight0[y];
            int b1 = ty.weight1[y];
            for (int x = 0; x < cw; x++) {
                int r = blend(h0[3 * x], h1[3 * x], b0, b1);
                int g = blend(h0[3 * x + 1], h1[3 * x + 1], b0, b1);
                int b = blend(h0[3 * x + 2], h1[3 * x + 2], b0, b1);
                store(out, y * cw + x, plane, r << 16 | g << 8 | b, bgr);
            }
        }
    }

    /** The horizontal pass of source row {@code sy}, cached for the two most recent rows. */
    private static int[] horizontal(Image image, int sy, LinearResizeTable tx, int[][] rows, int[] rowSource) {
        for (int k = 0; k < 2; k++) {
            if (rowSource[k] == sy) {
                return rows[k];
            }
        }
        int k = rowSource[0] == -1 || rowSource[1] != -1 && rowSource[0] < rowSource[1] ? 0 : 1;
        int[] row = rows[k];
        rowSource[k] = sy;
        for (int x = 0; x < tx.index0.length; x++) {
            int p0 = image.rgb(tx.index0[x], sy);
            int p1 = image.rgb(tx.index1[x], sy);
            int a0 = tx.weight0[x];
            int a1 = tx.weight1[x];
            row[3 * x] = (p0 >>> 16 & 0xFF) * a0 + (p1 >>> 16 & 0xFF) * a1;
            row[3 * x + 1] = (p0 >>> 8 & 0xFF) * a0 + (p1 >>> 8 & 0xFF) * a1;
            row[3 * x + 2] = (p0 & 0xFF) * a0 + (p1 & 0xFF) * a1;
        }
        return row;
    }

    static int blend(int h0, int h1, int b0, int b1) {
        int v = ((saturate16(h0 >> 4) * b0) >> 16) + ((saturate16(h1 >> 4) * b1) >> 16);
        v = (saturate16(v) + 2) >> 2;
        return Math.min(255, Math.max(0, v));
    }

    private static int saturate16(int v) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    private void store(float[] out, int pos, int plane, int rgb, boolean bgr) {
        int r = rgb >>> 16 & 0xFF;
        int g = rgb >>> 8 & 0xFF;
        int b = rgb & 0xFF;
        if (bgr) {
            out[pos] = lut[0][b];
            out[plane + pos] = lut[1][g];
            out[2 * plane + pos] = lut[2][r];
        } else {
            out[pos] = lut[0][r];
            out[plane + pos] = lut[1][g];
            out[2 * plane + pos] = lut[2][b];
        }
    }
}
