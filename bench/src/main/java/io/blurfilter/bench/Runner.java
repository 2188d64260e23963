package io.blurfilter.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.blurfilter.engine.IntraOp;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.Session;
import io.blurfilter.engine.Tensor;
import java.util.concurrent.atomic.AtomicInteger;

/** One engine ready to classify the benchmark input; {@link #run} returns a value for the blackhole. */
public interface Runner extends AutoCloseable {
    float run() throws Exception;

    @Override
    void close() throws Exception;

    /**
     * One runner per thread for {@code threads} threads that share one loaded model: blurfilter's
     * sessions of one {@link Model} (its packed weights are shared), or one ONNX Runtime session that
     * all threads call (its {@code run} is thread-safe). Closing the last runner closes the ONNX Runtime
     * session. Engines as {@link #of}, one intra-op thread each.
     */
    static Runner[] sharing(String engine, BenchModel model, float[] input, int threads) throws OrtException {
        Runner[] team = new Runner[threads];
        if (engine.equals("onnxruntime")) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession s = Engines.ort(env, model, 1);
            AtomicInteger open = new AtomicInteger(threads);
            for (int t = 0; t < threads; t++) {
                team[t] = ort(s, Engines.ortInput(env, input), () -> {
                    if (open.decrementAndGet() == 0) {
                        s.close();
                    }
                });
            }
            return team;
        }
        Model m = Engines.blurfilter(model, engine);
        for (int t = 0; t < threads; t++) {
            team[t] = session(m.newSession(), input, () -> {});
        }
        return team;
    }

    /**
     * "vector", "plain" ("fast", its old name, too), "reference", "onnxruntime" (one intra-op thread), or with two intra-op threads
     * "vector2", "plain2" (blurfilter's {@code IntraOp.threads(2)}) and "onnxruntime2".
     */
    static Runner of(String engine, BenchModel model, float[] input) throws OrtException {
        if (engine.startsWith("onnxruntime")) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession s = Engines.ort(env, model, engine.equals("onnxruntime2") ? 2 : 1);
            return ort(s, Engines.ortInput(env, input), s::close);
        }
        if (engine.equals("ejml")) {
            Im2colEjmlNetwork net = new Im2colEjmlNetwork(model.blurfilter().graph(), BenchModel.INPUT_SHAPE);
            return new Runner() {
                @Override
                public float run() {
                    return net.run(input)[0];
                }

                @Override
                public void close() {}
            };
        }
        // "vector2" / "plain2": that family with two intra-op threads (the caller and one engine pool thread)
        boolean twoThreads = engine.endsWith("2");
        String family = twoThreads ? engine.substring(0, engine.length() - 1) : engine;
        Model m = Engines.blurfilter(model, family);
        if (!twoThreads) {
            return session(m.newSession(), input, () -> {});
        }
        IntraOp intraOp = IntraOp.threads(2);
        return session(m.newSession(intraOp), input, intraOp::close);
    }

    /** Runs {@code s} on {@code x}; closing closes {@code x}, then runs {@code after}. */
    private static Runner ort(OrtSession s, OnnxTensor x, AutoCloseable after) {
        return new Runner() {
            @Override
            public float run() throws OrtException {
                return Engines.ortRun(s, x);
            }

            @Override
            public void close() throws Exception {
                x.close();
                after.close();
            }
        };
    }

    /** Runs {@code s} on the input; closing closes {@code s}, then runs {@code after}. */
    private static Runner session(Session s, float[] input, AutoCloseable after) {
        Tensor x = new Tensor(BenchModel.INPUT_SHAPE, input);
        return new Runner() {
            @Override
            public float run() {
                return s.run(x).data()[0];
            }

            @Override
            public void close() throws Exception {
                s.close();
                after.close();
            }
        };
    }
}
