package io.blurfilter.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.blurfilter.engine.Tensor;
import java.util.Map;

/**
 * Run before timing: blurfilter (the given kernel family) and ONNX Runtime must give the same
 * probabilities on the benchmark input, otherwise the comparison is not of the same model.
 */
public final class SameWeightsCheck {
    public static final double TOLERANCE = 1e-5;

    private SameWeightsCheck() {}

    /** The largest |difference| of the output probabilities; throws when it exceeds {@link #TOLERANCE}. */
    public static double verify(BenchModel m, String family, float[] input) throws Exception {
        float[] ours = Engines.blurfilter(m, family).run(new Tensor(BenchModel.INPUT_SHAPE, input)).data();
        float[] theirs;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = Engines.ort(env, m, 1);
                OnnxTensor x = Engines.ortInput(env, input);
                OrtSession.Result r = s.run(Map.of("x", x))) {
            theirs = ((float[][]) r.get(0).getValue())[0];
        }
        if (ours.length != theirs.length) {
            throw new IllegalStateException(m + ": " + ours.length + " outputs vs ONNX Runtime's " + theirs.length);
        }
        double max = 0;
        for (int i = 0; i < ours.length; i++) {
            max = Math.max(max, Math.abs(ours[i] - theirs[i]));
        }
        if (max > TOLERANCE) {
            throw new IllegalStateException(m + " " + family + " differs from ONNX Runtime by " + max);
        }
        return max;
    }
}
