package io.blurfilter.engine;

import java.util.Arrays;

/**
 * How an image becomes the model's input tensor, as PaddleClas's deploy pipeline does it: optional
 * resize (short side to {@code resizeShort} keeping aspect with Python rounding, or straight to
 * {@code resizeWidth x resizeHeight}) with OpenCV INTER_LINEAR bilinear (or, for models that declare
 * {@link Interpolation#AREA}, OpenCV INTER_AREA when shrinking), optional center crop, then
 * {@code (pixel * scale - mean) / std} per channel in the stated channel order, laid out CHW.
 */
public final class Preprocessing {
    /** How the image is resized before the crop. */
    public enum Resize { NONE, SHORT_SIDE, EXACT }

    /**
     * The resize filter. {@code LINEAR} is PaddleClas's default (cv2.INTER_LINEAR), which point-samples
     * when shrinking by more than 2x; {@code AREA} averages the covered source pixels when shrinking
     * (cv2.INTER_AREA) and is bilinear when enlarging, so a 12-megapixel photo reduced to 256 pixels
     * keeps its blur instead of aliasing into crisp-looking detail.
     */
    public enum Interpolation {
        LINEAR, AREA;

        /** The word the model format and the command line use: {@code linear} or {@code area}. */
        public String token() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The filter a {@link #token()} names; IllegalArgumentException naming the words otherwise. */
        public static Interpolation ofToken(String token) {
            for (Interpolation i : values()) {
                if (i.token().equals(token)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("unknown interpolation '" + token + "' (linear or area)");
        }
    }

    /** Channel order of the tensor. */
    public enum ChannelOrder { RGB, BGR }

    private final Resize resize;
    private final int resizeShort;
    private final int resizeWidth;
    private final int resizeHeight;
    private final int cropWidth;
    private final int cropHeight;
    private final float scale;
    private final float[] mean;
    private final float[] std;
    private final ChannelOrder channelOrder;
    private final Interpolation interpolation;

    private Preprocessing(Resize resize, int resizeShort, int resizeWidth, int resizeHeight, int cropWidth,
            int cropHeight, float scale, float[] mean, float[] std, ChannelOrder channelOrder,
            Interpolation interpolation) {
        this.interpolation = java.util.Objects.requireNonNull(interpolation, "interpolation");
        this.resize = resize;
        this.resizeShort = resizeShort;
        this.resizeWidth = resizeWidth;
        this.resizeHeight = resizeHeight;
        this.cropWidth = cropWidth;
        this.cropHeight = cropHeight;
        this.scale = scale;
        this.mean = mean.clone();
        this.std = std.clone();
        this.channelOrder = channelOrder;
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values");
        }
        for (float s : std) {
            if (!(s > 0) || !Float.isFinite(s)) {
                throw new IllegalArgumentException("std must be positive: " + Arrays.toString(std));
            }
        }
        for (float m : mean) {
            if (!Float.isFinite(m)) {
                throw new IllegalArgumentException("mean must be finite: " + Arrays.toString(mean));
            }
        }
        if (!Float.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException("scale must be finite and non-zero");
        }
        int max = 1 << 16;
        if (resizeShort < 0 || resizeShort > max || resizeWidth < 0 || resizeWidth > max || resizeHeight < 0
                || resizeHeight > max || cropWidth < 0 || cropWidth > max || cropHeight < 0 || cropHeight > max) {
            throw new IllegalArgumentException("preprocessing sizes out of range");
        }
        if ((resize == Resize.SHORT_SIDE && resizeShort < 1)
                || (resize == Resize.EXACT && (resizeWidth < 1 || resizeHeight < 1))
                || ((cropWidth == 0) != (cropHeight == 0))) {
            throw new IllegalArgumentException("incomplete preprocessing sizes");
        }
    }

    /** PaddleClas ImageNet defaults: resize short side to 256, crop 224, ImageNet mean/std, RGB. */
    public static Preprocessing imagenet() {
        return resizeShortThenCrop(256, 224, 224);
    }

    public static Preprocessing resizeShortThenCrop(int shortSide, int cropWidth, int cropHeight) {
        return new Preprocessing(Resize.SHORT_SIDE, shortSide, 0, 0, cropWidth, cropHeight, 1f / 255f,
                IMAGENET_MEAN, IMAGENET_STD, ChannelOrder.RGB, Interpolation.LINEAR);
    }

    /** Straight resize to width x height (text-line models), ImageNet normalization. */
    public static Preprocessing resizeTo(int width, int height) {
        return new Preprocessing(Resize.EXACT, 0, width, height, 0, 0, 1f / 255f, IMAGENET_MEAN, IMAGENET_STD,
                ChannelOrder.RGB, Interpolation.LINEAR);
    }

    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    public Preprocessing withNormalization(float newScale, float[] newMean, float[] newStd) {
        return new Preprocessing(resize, resizeShort, resizeWidth, resizeHeight, cropWidth, cropHeight, newScale,
                newMean, newStd, channelOrder, interpolation);
    }

    public Preprocessing withChannelOrder(ChannelOrder order) {
        return new Preprocessing(resize, resizeShort, resizeWidth, resizeHeight, cropWidth, cropHeight, scale, mean,
                std, order, interpolation);
    }

    public Preprocessing withInterpolation(Interpolation filter) {
        return new Preprocessing(resize, resizeShort, resizeWidth, resizeHeight, cropWidth, cropHeight, scale, mean,
                std, channelOrder, filter);
    }

    public Preprocessing withCrop(int width, int height) {
        return new Preprocessing(resize, resizeShort, resizeWidth, resizeHeight, width, height, scale, mean, std,
                channelOrder, interpolation);
    }

    /** Everything spelled out; used by the format reader. */
    public static Preprocessing of(Resize resize, int resizeShort, int resizeWidth, int resizeHeight, int cropWidth,
            int cropHeight, float scale, float[] mean, float[] std, ChannelOrder order) {
        return new Preprocessing(resize, resizeShort, resizeWidth, resizeHeight, cropWidth, cropHeight, scale, mean,
                std, order, Interpolation.LINEAR);
    }

    public Resize resize() {
        return resize;
    }

    public int resizeShort() {
        return resizeShort;
    }

    public int resizeWidth() {
        return resizeWidth;
    }

    public int resizeHeight() {
        return resizeHeight;
    }

    /** 0 when there is no crop. */
    public int cropWidth() {
        return cropWidth;
    }

    public int cropHeight() {
        return cropHeight;
    }

    public float scale() {
        return scale;
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    public ChannelOrder channelOrder() {
        return channelOrder;
    }

    public Interpolation interpolation() {
        return interpolation;
    }

    @Override
    public String toString() {
        String size = resize == Resize.SHORT_SIDE ? "resize_short " + resizeShort
                : resize == Resize.EXACT ? "resize " + resizeWidth + "x" + resizeHeight : "no resize";
        if (resize != Resize.NONE && interpolation != Interpolation.LINEAR) {
            size += " (" + interpolation.token() + ")";
        }
        String crop = cropWidth > 0 ? ", crop " + cropWidth + "x" + cropHeight : "";
        return size + crop + ", scale " + scale + ", mean " + Arrays.toString(mean) + ", std "
                + Arrays.toString(std) + ", " + channelOrder;
    }
}
