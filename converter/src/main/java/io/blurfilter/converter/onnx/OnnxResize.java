package io.blurfilter.converter.onnx;

import io.blurfilter.converter.ConversionException;
import io.blurfilter.converter.lower.Dims;
import io.blurfilter.converter.lower.GraphBuilder;
import io.blurfilter.converter.lower.Value;
import io.blurfilter.engine.graph.ResizeMode;
import java.util.Arrays;

/**
 * ONNX Resize (opset 11 on: inputs X, roi, scales, sizes) to the engine's Resize, which only upsamples
 * H and W by integer factors with asymmetric coordinates. Every other form is refused by name rather
 * than run with different sampling.
 */
final class OnnxResize {
    private OnnxResize() {}

    static Value lower(GraphBuilder b, long opset, OnnxModel.Node n, String hint, String where)
            throws ConversionException {
        // cubic_coeff_a, exclude_outside and extrapolation_value only act in modes refused below.
        OnnxLowering.allowed(n, where, "mode", "coordinate_transformation_mode", "nearest_mode", "cubic_coeff_a",
                "exclude_outside", "extrapolation_value", "antialias", "keep_aspect_ratio_policy");
        if (opset < 11) {
            throw new ConversionException(where + ": unsupported Resize of opset " + opset
                    + " (opset 11 or later only)");
        }
        ResizeMode mode = mode(n, where);
        String coordinates = OnnxLowering.stringAttr(n, "coordinate_transformation_mode", "half_pixel", where);
        if (!coordinates.equals("asymmetric")) {
            // tf_crop_and_resize, the only mode that reads roi, is refused here too.
            throw new ConversionException(where + ": unsupported attribute coordinate_transformation_mode="
                    + coordinates + " (only asymmetric: output pixel j samples input j/f)");
        }
        if (OnnxLowering.intAttr(n, "antialias", 0, where) != 0) {
            throw new ConversionException(where + ": unsupported attribute antialias=1");
        }
        Value x = input(b, n, 0, where);
        if (x == null) {
            throw new ConversionException(where + ": missing input 0");
        }
        if (x.rank() != 4) {
            throw new ConversionException(where + ": only Resize of an NCHW tensor is supported; input "
                    + Dims.text(x.shape()));
        }
        Value scales = input(b, n, 2, where);
        Value sizes = input(b, n, 3, where);
        if (scales != null && scales.size() == 0) {
            scales = null; // opset 11 and 12 need an empty scales input when sizes is given
        }
        if ((scales == null) == (sizes == null)) {
            throw new ConversionException(where + ": needs exactly one of the inputs scales and sizes");
        }
        int[] factors = scales != null ? fromScales(scales, where) : fromSizes(x.shape(), sizes, n, where);
        return b.resize(hint, x, factors[0], factors[1], mode, where);
    }

    private static ResizeMode mode(OnnxModel.Node n, String where) throws ConversionException {
        String mode = OnnxLowering.stringAttr(n, "mode", "nearest", where);
        switch (mode) {
            case "linear":
                return ResizeMode.LINEAR;
            case "nearest": {
                String rounding = OnnxLowering.stringAttr(n, "nearest_mode", "round_prefer_floor", where);
                if (!rounding.equals("floor")) {
                    throw new ConversionException(where + ": unsupported attribute nearest_mode=" + rounding
                            + " (only floor)");
                }
                return ResizeMode.NEAREST;
            }
            default:
                throw new ConversionException(where + ": unsupported attribute mode=" + mode
                        + " (linear or nearest only)");
        }
    }

    private static Value input(GraphBuilder b, OnnxModel.Node n, int i, String where) throws ConversionException {
        return i < n.inputs.size() && !n.inputs.get(i).isEmpty() ? b.get(n.inputs.get(i), where) : null;
    }

    /** Scales [1, 1, fh, fw] with whole positive factors. */
    private static int[] fromScales(Value scales, String where) throws ConversionException {
        if (scales.kind() != Value.Kind.FLOAT_CONST || scales.size() != 4) {
            throw new ConversionException(where + ": input scales must be a constant of 4 floats, is "
                    + Dims.text(scales.shape()));
        }
        float[] s = scales.floats();
        if (s[0] != 1f || s[1] != 1f) {
            throw new ConversionException(where + ": unsupported scales " + Arrays.toString(s)
                    + " (batch and channels must stay)");
        }
        int[] f = new int[2];
        for (int axis = 0; axis < 2; axis++) {
            float v = s[2 + axis];
            if (!(v >= 1f && v <= Dims.MAX_DIM) || v != (float) Math.floor(v)) {
                throw new ConversionException(where + ": unsupported scales " + Arrays.toString(s)
                        + " (H and W factors must be whole numbers >= 1)");
            }
            f[axis] = (int) v;
        }
        return f;
    }

    /** Sizes [N, C, fh * H, fw * W] of an input whose H and W are known. */
    private static int[] fromSizes(int[] x, Value sizes, OnnxModel.Node n, String where) throws ConversionException {
        String policy = OnnxLowering.stringAttr(n, "keep_aspect_ratio_policy", "stretch", where);
        if (!policy.equals("stretch")) {
            throw new ConversionException(where + ": unsupported attribute keep_aspect_ratio_policy=" + policy);
        }
        if (sizes.kind() != Value.Kind.INT_CONST || sizes.size() != 4) {
            throw new ConversionException(where + ": input sizes must be a constant of 4 integers, is "
                    + Dims.text(sizes.shape()));
        }
        long[] s = sizes.ints();
        if (s[0] != x[0] || s[1] != x[1]) {
            throw new ConversionException(where + ": unsupported sizes " + Arrays.toString(s) + " for input "
                    + Dims.text(x) + " (batch and channels must stay)");
        }
        if (!Dims.isConcrete(x[2]) || !Dims.isConcrete(x[3])) {
            throw new ConversionException(where + ": input sizes needs a static input height and width; the input is "
                    + Dims.text(x));
        }
        int[] f = new int[2];
        for (int axis = 0; axis < 2; axis++) {
            long out = s[2 + axis];
            int in = x[2 + axis];
            if (out < in || out % in != 0 || out / in > Dims.MAX_DIM) {
                throw new ConversionException(where + ": unsupported sizes " + Arrays.toString(s) + " for input "
                        + Dims.text(x) + " (H and W must grow by whole factors)");
            }
            f[axis] = (int) (out / in);
        }
        return f;
    }
}
