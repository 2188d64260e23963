package io.blurfilter.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.blurfilter.engine.IntraOp;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.Session;
import io.blurfilter.engine.Tensor;

/** One engine ready to classify the benchmark input; {@link #run} returns a value for the blackhole. */
public interface Runner extends AutoCloseable {
    float run() throws Exception;

    @Override
    void close() throws Exception;

    /**
     * One runner per thread for {@code threads} threads that share one loaded model: blurfilter's
     * sessions of one {@link Model} (its packed weights are shared), or one ONNX Runtime session that
     * all threads call (its {@code run} is thread-safe). Closing the last runner closes the model's
     * session. Engines as {@link #of}, one intra-op thread each.
     */
    static Runner[] sharing(String engine, BenchModel model, float[] input, int threads) throws OrtException {
        Runner[] team = new Runner[threads];
        java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger(threads);
        if (engine.equals("onnxruntime")) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession s = Engines.ort(env, model, 1);
            for (int t = 0; t < threads; t++) {
                OnnxTensor x = Engines.ortInput(env, input);
                team[t] = new Runner() {
                    @Override
                    public float run() throws OrtException {
                        return Engines.ortRun(s, x);
                    }

                    @Override
                    public void close() throws OrtException {
                        x.close();
                        if (open.decrementAndGet() == 0) {
                            s.close();
                        }
                    }
                };
            }
            return team;
        }
        Model m = Engines.blurfilter(model, engine);
        Tensor x = new Tensor(BenchModel.INPUT_SHAPE, input);
        for (int t = 0; t < threads; t++) {
            Session s = m.newSession();
            team[t] = new Runner() {
                @Override
                public float run() {
                    return s.run(x).data()[0];
                }

                @Override
                public void close() {
                    s.close();
                }
            };
        }
        return team;
    }

    /**
     * "vector", "fast", "reference", "onnxruntime" (one intra-op thread), or with two intra-op threads
     * "vector2", "fast2" (blurfilter's {@code IntraOp.threads(2)}) and "onnxruntime2".
     */
    static Runner of(String engine, BenchModel model, float[] input) throws OrtException {
        if (engine.startsWith("onnxruntime")) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession s = Engines.ort(env, model, engine.equals("onnxruntime2") ? 2 : 1);
            OnnxTensor x = Engines.ortInput(env, input);
            return new Runner() {
                @Override
                public float run() throws OrtException {
                    return Engines.ortRun(s, x);
                }

                @Override
                public void close() throws OrtException {
                    x.close();
                    s.close();
                }
            };
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
        // "vector2" / "fast2": that family with two intra-op threads (the caller and one engine pool thread)
        boolean twoThreads = engine.endsWith("2");
        String family = twoThreads ? engine.substring(0, engine.length() - 1) : engine;
        IntraOp intraOp = twoThreads ? IntraOp.threads(2) : null;
        Model m = Engines.blurfilter(model, family);
        Session s = intraOp != null ? m.newSession(intraOp) : m.newSession();
        Tensor x = new Tensor(BenchModel.INPUT_SHAPE, input);
        return new Runner() {
            @Override
            public float run() {
                return s.run(x).data()[0];
            }

            @Override
            public void close() {
                s.close();
                if (intraOp != null) {
                    intraOp.close();
                }
            }
        };
    }
}
