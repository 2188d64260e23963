package io.blurfilter.engine;

import io.blurfilter.engine.preprocess.ImagePreprocessor;
import io.blurfilter.engine.runtime.PartRunner;
import io.blurfilter.engine.runtime.Plan;
import java.util.Arrays;

/**
 * A model's working state for one thread: workspace buffers planned once and reused, so steady-state
 * inference allocates only its result. Cheap to create; not thread-safe — use one per thread, or the
 * pooled {@link Model#classify(Image)}. A session made with {@link Model#newSession(IntraOp)} splits
 * its large layers across the {@link IntraOp}'s threads (same results); otherwise it runs on the
 * calling thread alone.
 */
public final class Session implements AutoCloseable {
    private final Model model;
    private final ImagePreprocessor preprocessor;
    /** Runs split layers on the intra-op threads; null for single-threaded sessions. */
    private final PartRunner runner;
    private int[] shape;
    private Plan plan;
    private float[][] workspace;
    private Plan.Parallel parallel;
    private float[] input;
    private boolean closed;

    Session(Model model, IntraOp intraOp) {
        this.model = model;
        this.preprocessor = model.preprocessor();
        this.runner = intraOp == null || intraOp.parallelism() == 1 ? null
                : new PartRunner(intraOp.executor(), intraOp.parallelism());
    }

    /** Preprocesses, runs and postprocesses one image. */
    public Classification classify(Image image) {
        int[] size = preprocessor.outputSize(image.width(), image.height());
        int[] s = {1, 3, size[1], size[0]};
        Plan p = planFor(s);
        preprocessor.apply(image, input);
        float[] out = new float[Math.toIntExact(Shapes.elementCount(p.outputShape()))];
        p.run(input, out, workspace, parallel);
        return Classification.of(out, model.metadata());
    }

    /** The model input an image becomes, shape {@code [1, 3, H, W]}. */
    public Tensor preprocess(Image image) {
        int[] size = preprocessor.outputSize(image.width(), image.height());
        return new Tensor(new int[] {1, 3, size[1], size[0]}, preprocessor.apply(image));
    }

    /** Runs the graph on an already-preprocessed input. */
    public Tensor run(Tensor in) {
        Plan p = planFor(in.shape());
        float[] out = new float[Math.toIntExact(Shapes.elementCount(p.outputShape()))];
        p.run(in.data(), out, workspace, parallel);
        return new Tensor(p.outputShape(), out);
    }

    private Plan planFor(int[] s) {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
        if (!Arrays.equals(s, shape)) {
            Plan p = model.plan(s);
            workspace = p.newWorkspace();
            parallel = runner == null ? null : p.newParallel(workspace, runner);
            input = new float[Math.toIntExact(Shapes.elementCount(s))];
            plan = p;
            shape = s.clone();
        }
        return plan;
    }

    /** Which kernels ran the last input, e.g. "vector+reference"; null before the first run. */
    public String kernels() {
        return plan == null ? null : plan.kernels();
    }

    @Override
    public void close() {
        closed = true;
        workspace = null;
        parallel = null;
        input = null;
        plan = null;
    }
}
