package io.blurfilter.converter;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** ONNX Runtime (Java, test scope) as the independent reference for ONNX models. */
final class OrtReference implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    OrtReference(Path model) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(1);
        session = env.createSession(model.toString(), o);
    }

    String inputName() {
        return session.getInputNames().iterator().next();
    }

    float[] run(float[] data, int... shape) throws OrtException {
        long[] s = new long[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape[i];
        }
        try (ai.onnxruntime.OnnxTensor t = ai.onnxruntime.OnnxTensor.createTensor(env, FloatBuffer.wrap(data), s);
                OrtSession.Result r = session.run(Map.of(inputName(), t))) {
            float[][] out = (float[][]) r.get(0).getValue();
            return out[0];
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
