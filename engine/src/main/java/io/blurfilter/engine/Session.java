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
    /** For classify, run and the crop's score map, at the last shape they ran; null before that and after close. */
    private PlanState main;
    /** Whole-frame score maps run at other sizes than classification: their own plan and workspace. */
    private PlanState frame;
    /** Map-head runs: the plan computing both outputs, at the last shape it ran; null until one is asked for. */
    private PlanState mapped;
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
        main = stateFor(main, new int[] {1, 3, size[1], size[0]});
        preprocessor.apply(image, main.input);
        float[] out = main.newOutput();
        main.run(main.input, out, null, null);
        return Classification.of(out, model.metadata());
    }

    /**
     * Classifies one image as {@link #classify} does and, from the same pass, maps the scores of the
     * model's input (the centre crop, for resize-and-crop preprocessing) cell by cell: with the model
     * file's map head when it has one ({@link Model#hasMapHead()}), else the classifier's per-cell map
     * ({@link #classifierMap(Tensor)}). The map's {@link ScoreMap#classification()} equals
     * {@link #classify}'s. Throws {@link UnsupportedOperationException} when the model has neither
     * ({@link Model#hasScoreMap()}).
     */
    public ScoreMap scoreMap(Image image) {
        return model.hasMapHead() ? headMapOfCrop(image) : classifierMapOfCrop(image);
    }

    /**
     * The score map of the whole image, resized so that its short side is {@code shortSide} pixels
     * (both sides then rounded to a multiple of the model's stride, so the cells tile the frame; no
     * crop), from one pass whose {@link ScoreMap#classification()} is the model's verdict on that whole
     * frame, which differs from {@link #classify}'s on the centre crop. The model's scale, mean and
     * interpolation apply. Needs a model with dynamic height and width. The map head's map when the
     * file has one ({@link #headMap(Image, int)}), else the classifier's ({@link #classifierMap(Image, int)}).
     */
    public ScoreMap scoreMap(Image image, int shortSide) {
        return model.hasMapHead() ? headMap(image, shortSide) : classifierMap(image, shortSide);
    }

    /**
     * The score map of an already-preprocessed input {@code [1, C, H, W]}, with its geometry in the
     * tensor's pixels, and the run's output ({@link ScoreMap#output()}): {@link #headMap(Tensor)} when
     * the file has a map head, else {@link #classifierMap(Tensor)}.
     */
    public ScoreMap scoreMap(Tensor in) {
        return model.hasMapHead() ? headMap(in) : classifierMap(in);
    }

    /**
     * The classifier's per-cell map of the whole image at short side {@code shortSide} (both sides
     * rounded to a multiple of the pooled feature map's stride): its fully connected layer applied to
     * each cell of the feature map its global pool averages, from the classification pass, even when
     * the file has a map head (whose nodes do not run). The cells' mean logit is the frame's. Throws
     * {@link UnsupportedOperationException} naming the model when its classifier does not end in
     * global average pooling followed by a fully connected layer ({@link Model#hasClassifierMap()}).
     */
    public ScoreMap classifierMap(Image image, int shortSide) {
        PoolingHead head = model.poolingHead();
        int w = image.width();
        int h = image.height();
        int[] size = model.frameSize(w, h, shortSide, head);
        ImagePreprocessor pre = model.framePreprocessor(size[0], size[1]);
        frame = stateFor(frame, new int[] {1, 3, size[1], size[0]});
        pre.apply(image, frame.input);
        return runMap(frame, head, new int[] {h, w}, new int[] {size[1], size[0]}, new int[] {0, 0});
    }

    /**
     * The classifier's per-cell map of an already-preprocessed input {@code [1, C, H, W]}, geometry in
     * its pixels; see {@link #classifierMap(Image, int)}.
     */
    public ScoreMap classifierMap(Tensor in) {
        PoolingHead head = model.poolingHead();
        int[] s = in.shape();
        if (s.length != 4 || s[0] != 1) {
            throw new IllegalArgumentException("a score map needs an input [1, C, H, W], not "
                    + Arrays.toString(s));
        }
        PlanState st;
        if (main == null || main.isFor(s)) {
            st = main = stateFor(main, s);
        } else {
            st = frame = stateFor(frame, s);
        }
        System.arraycopy(in.data(), 0, st.input, 0, st.input.length);
        int[] size = {s[2], s[3]};
        return runMap(st, head, size, size, new int[] {0, 0});
    }

    /** The classifier's crop map: {@link #scoreMap(Image)}'s input and geometry. */
    private ScoreMap classifierMapOfCrop(Image image) {
        PoolingHead head = model.poolingHead();
        int w = image.width();
        int h = image.height();
        int[] size = preprocessor.outputSize(w, h);
        main = stateFor(main, new int[] {1, 3, size[1], size[0]});
        preprocessor.apply(image, main.input);
        int[] resized = preprocessor.resizedSize(w, h);
        int[] origin = preprocessor.cropOrigin(w, h);
        return runMap(main, head, new int[] {h, w}, new int[] {resized[1], resized[0]},
                new int[] {origin[1], origin[0]});
    }

    /**
     * Runs {@code st}'s plan on its input, reading the per-cell logits off the feature map as the pass
     * goes by. Geometry per axis (y, x): the image's size, the resized size and where the input starts in it.
     */
    private ScoreMap runMap(PlanState st, PoolingHead head, int[] image, int[] resized, int[] origin) {
        Plan p = st.plan;
        Plan.Site site = p.site(head.feature);
        int[] fs = site.shape();
        int cells = fs[2] * fs[3];
        float[] logits = new float[head.classes * cells];
        float[] out = st.newOutput();
        st.run(st.input, out, site, (x, at) -> head.cellLogits(x, at.nhwc, cells, logits));
        float[] scores = new float[logits.length];
        head.cellScores(logits, cells, scores);
        int[] tensor = st.inputSize();
        double[] first = new double[2];
        double[] step = new double[2];
        double[] covered = new double[4];
        for (int axis = 0; axis < 2; axis++) {
            int n = fs[2 + axis];
            double stride = head.stride[axis] > 0 ? head.stride[axis] : (double) tensor[axis] / n;
            double offset = head.stride[axis] > 0 ? head.offset[axis] : (stride - 1) / 2;
            double scale = (double) image[axis] / resized[axis];
            first[axis] = (offset + origin[axis] + 0.5) * scale;
            step[axis] = stride * scale;
            covered[1 - axis] = origin[axis] * scale;
            covered[3 - axis] = (origin[axis] + tensor[axis]) * scale;
        }
        return new ScoreMap(fs[2], fs[3], head.classes, logits, scores, head.softmax, new Tensor(p.outputShape(), out),
                Classification.of(out, model.metadata()), image[1], image[0], first, step, covered, false);
    }

    /**
     * The map head's map of the whole image at short side {@code shortSide}, sized as
     * {@link #scoreMap(Image, int)} sizes it, from one pass whose {@link ScoreMap#classification()} is
     * the model's verdict on that frame. Throws {@link UnsupportedOperationException} for a model
     * without a head ({@link Model#hasMapHead()}).
     */
    public ScoreMap headMap(Image image, int shortSide) {
        model.requireMapHead();
        int w = image.width();
        int h = image.height();
        int[] size = model.frameSize(w, h, shortSide, null);
        ImagePreprocessor pre = model.framePreprocessor(size[0], size[1]);
        mapped = mapStateFor(new int[] {1, 3, size[1], size[0]});
        pre.apply(image, mapped.input);
        return runHead(mapped, new int[] {h, w}, new int[] {size[1], size[0]}, new int[] {0, 0});
    }

    /** The map head's map of an already-preprocessed input {@code [1, C, H, W]}, geometry in its pixels. */
    public ScoreMap headMap(Tensor in) {
        model.requireMapHead();
        int[] s = in.shape();
        if (s.length != 4 || s[0] != 1) {
            throw new IllegalArgumentException("a map needs an input [1, C, H, W], not " + Arrays.toString(s));
        }
        mapped = mapStateFor(s);
        System.arraycopy(in.data(), 0, mapped.input, 0, mapped.input.length);
        int[] size = {s[2], s[3]};
        return runHead(mapped, size, size, new int[] {0, 0});
    }

    /** The head's crop map: {@link #scoreMap(Image)}'s input and geometry. */
    private ScoreMap headMapOfCrop(Image image) {
        int w = image.width();
        int h = image.height();
        int[] size = preprocessor.outputSize(w, h);
        mapped = mapStateFor(new int[] {1, 3, size[1], size[0]});
        preprocessor.apply(image, mapped.input);
        int[] resized = preprocessor.resizedSize(w, h);
        int[] origin = preprocessor.cropOrigin(w, h);
        return runHead(mapped, new int[] {h, w}, new int[] {resized[1], resized[0]}, new int[] {origin[1], origin[0]});
    }

    /**
     * Runs {@code st}'s map plan once for both outputs. Cell {@code j} of the stride-{@code s} map is
     * centred on input pixel {@code s*j} (the head's training geometry); per axis (y, x) the image's
     * size, the resized size and where the input starts in it, as {@link #runMap}.
     */
    private ScoreMap runHead(PlanState st, int[] image, int[] resized, int[] origin) {
        Plan p = st.plan;
        int[] ms = p.mapShape();
        int cells = ms[2] * ms[3];
        float[] out = st.newOutput();
        float[] map = st.newMap();
        st.run(st.input, out, map);
        int classes = out.length;
        Postprocessing post = model.metadata().postprocessing();
        int positive = post.kind() == Postprocessing.Kind.THRESHOLD ? post.positiveIndex() : classes - 1;
        float[] logits = new float[classes * cells];
        float[] scores = new float[classes * cells];
        System.arraycopy(map, 0, logits, positive * cells, cells);
        for (int i = 0; i < cells; i++) {
            float prob = (float) (1 / (1 + Math.exp(-map[i])));
            for (int c = 0; c < classes; c++) {
                scores[c * cells + i] = c == positive ? prob : classes == 2 ? 1 - prob : 0;
            }
        }
        int stride = model.graph().mapOutput().stride();
        double[] first = new double[2];
        double[] step = new double[2];
        double[] covered = new double[4];
        int[] tensor = st.inputSize();
        for (int axis = 0; axis < 2; axis++) {
            double scale = (double) image[axis] / resized[axis];
            first[axis] = (origin[axis] + 0.5) * scale;
            step[axis] = stride * scale;
            covered[1 - axis] = origin[axis] * scale;
            covered[3 - axis] = (origin[axis] + tensor[axis]) * scale;
        }
        return new ScoreMap(ms[2], ms[3], classes, logits, scores, true, new Tensor(p.outputShape(), out),
                Classification.of(out, model.metadata()), image[1], image[0], first, step, covered, true);
    }

    private PlanState mapStateFor(int[] s) {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
        return PlanState.forMapShape(mapped, model, s, runner);
    }

    /** The model input an image becomes, shape {@code [1, 3, H, W]}. */
    public Tensor preprocess(Image image) {
        int[] size = preprocessor.outputSize(image.width(), image.height());
        return new Tensor(new int[] {1, 3, size[1], size[0]}, preprocessor.apply(image));
    }

    /** Runs the graph on an already-preprocessed input. */
    public Tensor run(Tensor in) {
        main = stateFor(main, in.shape());
        float[] out = main.newOutput();
        main.run(in.data(), out, null, null);
        return new Tensor(main.plan.outputShape(), out);
    }

    private PlanState stateFor(PlanState current, int[] s) {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
        return PlanState.forShape(current, model, s, runner);
    }

    /** Which kernels ran the last input, e.g. "vector+reference"; null before the first run. */
    public String kernels() {
        return main == null ? null : main.plan.kernels();
    }

    @Override
    public void close() {
        closed = true;
        main = null;
        frame = null;
        mapped = null;
    }
}
