package io.blurfilter.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.blurfilter.engine.KernelFamily;
import io.blurfilter.engine.Model;
import java.nio.FloatBuffer;
import java.util.Map;

/** Builds the engines under comparison the same way in every benchmark. */
public final class Engines {
    private Engines() {}

    /**
     * "vector" (fails when the JVM lacks --add-modules jdk.incubator.vector), "plain" ("fast", its old
     * name, too) or "reference".
     */
    public static KernelFamily kernels(String family) {
        KernelFamily f = KernelFamily.named(family);
        if (f == null || f == KernelFamily.AUTO || !f.isAvailable()) {
            // a benchmark must time the family it names, not a fallback
            throw new IllegalArgumentException(family + " kernels: name vector (with --add-modules "
                    + "jdk.incubator.vector), plain or reference");
        }
        return f;
    }

    public static Model blurfilter(BenchModel m, String family) {
        return Model.of(m.blurfilter(), kernels(family));
    }

    /** An ONNX Runtime session on the fixture with all graph optimizations and {@code threads} intra-op threads. */
    public static OrtSession ort(OrtEnvironment env, BenchModel m, int threads) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(threads);
        o.setInterOpNumThreads(1);
        o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return env.createSession(m.onnx().toString(), o);
    }

    public static OnnxTensor ortInput(OrtEnvironment env, float[] input) throws OrtException {
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, BenchModel.SIZE, BenchModel.SIZE});
    }

    /** Runs once and returns the first probability (the result is closed here). */
    public static float ortRun(OrtSession s, OnnxTensor input) throws OrtException {
        try (OrtSession.Result r = s.run(Map.of("x", input))) {
            return ((float[][]) r.get(0).getValue())[0][0];
        }
    }
}
