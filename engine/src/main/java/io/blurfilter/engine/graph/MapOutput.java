package io.blurfilter.engine.graph;

import java.util.Arrays;

/**
 * The optional second output of a graph: a one-channel map of logits over the input, one cell every
 * {@code stride} input pixels (a trained blur-map head). Declared in the header as
 * {@code output map <value> stride <s>}; cell {@code (i, j)} is centred on input pixel
 * {@code (s*i, s*j)}, as the training code samples its targets.
 */
public final class MapOutput {
    /** Larger strides than this leave too few cells to call the result a map. */
    public static final int MAX_STRIDE = 64;

    private final String value;
    private final int stride;

    public MapOutput(String value, int stride) {
        if (stride < 1 || stride > MAX_STRIDE) {
            throw new IllegalArgumentException("map output stride " + stride + " is outside [1, " + MAX_STRIDE + "]");
        }
        this.value = value;
        this.stride = stride;
    }

    public String value() {
        return value;
    }

    public int stride() {
        return stride;
    }

    /**
     * Checks the map's inferred shape against the input's: {@code [N, 1, ceil(H/s), ceil(W/s)]}. A head
     * whose grid does not follow the declared stride would put every cell in the wrong place.
     */
    public void checkShape(int[] input, int[] map) {
        int[] expected = {input[0], 1, (input[2] + stride - 1) / stride, (input[3] + stride - 1) / stride};
        if (!Arrays.equals(expected, map)) {
            throw new IllegalArgumentException("map output '" + value + "' is " + Arrays.toString(map) + " for input "
                    + Arrays.toString(input) + "; stride " + stride + " needs " + Arrays.toString(expected));
        }
    }
}
