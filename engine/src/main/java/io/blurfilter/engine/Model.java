package io.blurfilter.engine;

import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.format.ModelReader;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.GraphOptimizer;
import io.blurfilter.engine.preprocess.ImagePreprocessor;
import io.blurfilter.engine.runtime.LayerOps;
import io.blurfilter.engine.runtime.Plan;
import io.blurfilter.engine.runtime.Planner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A loaded model: immutable and thread-safe. {@link #classify(Image)} and {@link #run(Tensor)} may be
 * called from any number of threads (they borrow pooled {@link Session}s); a thread doing many calls
 * can hold its own {@link #newSession()} instead. Each inference runs on its calling thread unless a
 * session is made with {@link #newSession(IntraOp)} (opt-in intra-op threads for lower latency).
 *
 * <pre>{@code
 * try (Model model = Model.load(Path.of("blur.bfm"))) {
 *     Classification c = model.classify(Image.ofArgb(pixels, width, height));
 * }
 * }</pre>
 */
public final class Model implements AutoCloseable {
    private static final int MAX_POOLED_SESSIONS = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

    private final ModelMetadata metadata;
    private final Graph graph;
    /** What classification runs: {@link #graph} without the map head's nodes. */
    private final Graph classifierGraph;
    /** The family that runs ({@link KernelFamily#runningHere()}), and its layers. */
    private final KernelFamily family;
    private final LayerOps layerOps;
    private final ConcurrentHashMap<List<Integer>, Plan> plans = new ConcurrentHashMap<>();
    /** Plans computing the classifier output and the map head's together, made only when a map is asked for. */
    private final ConcurrentHashMap<List<Integer>, Plan> mapPlans = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Session> pool = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;
    private final ImagePreprocessor preprocessor;
    /** The head a score map needs, found on first use; or why there is none. */
    private volatile Object poolingHead;
    /** Whole-frame preprocessing per tensor size ({@link #framePreprocessor}). */
    private final ConcurrentHashMap<Long, ImagePreprocessor> framePreprocessors = new ConcurrentHashMap<>();

    private Model(ModelFile file, KernelFamily asked) {
        this(file.metadata(), GraphOptimizer.optimize(file.graph()), asked);
    }

    private Model(ModelMetadata metadata, Graph graph, KernelFamily asked) {
        this.metadata = metadata;
        this.graph = graph;
        this.classifierGraph = graph.classifierOnly();
        this.family = java.util.Objects.requireNonNull(asked, "family").runningHere();
        this.layerOps = family.layerOps();
        this.preprocessor = new ImagePreprocessor(metadata.preprocessing());
    }

    /** Loads and validates a model file; a bad file throws {@link ModelFormatException} naming it. */
    public static Model load(Path file) throws IOException {
        return of(ModelReader.read(file));
    }

    /** Loads from a stream (e.g. a classpath resource); {@code sourceName} names it in errors. */
    public static Model load(InputStream in, String sourceName) throws IOException {
        return of(ModelReader.read(in, sourceName));
    }

    /**
     * A model from an in-memory model file (as the converter produces), on the kernel family
     * {@code -Dblurfilter.kernels} names ({@link KernelFamily#configured()}).
     */
    public static Model of(ModelFile file) {
        return of(file, KernelFamily.configured());
    }

    /** A model that runs on the given kernel family (benchmarks and tests compare families). */
    public static Model of(ModelFile file, KernelFamily family) {
        return new Model(file, family);
    }

    /**
     * This model on another kernel family, e.g. {@link KernelFamily#PLAIN} in a JVM that will run only
     * some hundreds of inferences, where the Vector API kernels' JIT warm-up (1-2 s) costs more than
     * they save. Shares this model's optimized graph; has its own plans and sessions. Results agree
     * with this model's within the families' tolerance (1e-5), not to the bit.
     */
    public Model withKernels(KernelFamily family) {
        checkOpen();
        return new Model(metadata, graph, family);
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /** The optimized graph the engine runs (BatchNorm folded, activations fused). */
    public Graph graph() {
        return graph;
    }

    /**
     * The kernel family this model runs on: {@link KernelFamily#VECTOR}, {@link KernelFamily#PLAIN} or
     * {@link KernelFamily#REFERENCE}, never {@link KernelFamily#AUTO}; {@code VECTOR} asked for on a JVM
     * without the Vector API is {@code PLAIN}.
     */
    public KernelFamily kernels() {
        return family;
    }

    /** A session for one thread's use; it runs each inference on the calling thread alone. */
    public Session newSession() {
        checkOpen();
        return new Session(this, null);
    }

    /**
     * A session for one thread's use whose inferences split their large layers across up to
     * {@code intraOp.parallelism()} threads (see {@link IntraOp}); same results as {@link #newSession()}.
     * The {@code IntraOp} may be shared by sessions; closing the session does not close it.
     */
    public Session newSession(IntraOp intraOp) {
        checkOpen();
        return new Session(this, java.util.Objects.requireNonNull(intraOp, "intraOp"));
    }

    /**
     * The pixels of a {@code width x height} image that classifying it reads: the preprocessing's
     * center crop widened to the resize's source pixels (a 4:3 photo resized to short side 256 and
     * cropped to 224 reads the central 57%). A decoder may decode just that region and pass it with
     * {@link Image#ofArgbRegion}: the scores are the same to the bit.
     */
    public PixelRegion pixelsRead(int width, int height) {
        return preprocessor.pixelsRead(width, height);
    }

    /** The model's preprocessing, shared by its sessions (immutable). */
    ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    /** Classifies one image; thread-safe. */
    public Classification classify(Image image) {
        Session s = borrow();
        try {
            return s.classify(image);
        } finally {
            giveBack(s);
        }
    }

    /**
     * Whether the model file carries a trained map head (an {@code output map} line): then
     * {@link #scoreMap} maps with it and {@link #headMap} works ({@link #classifierMap} still gives the
     * classifier's own map).
     */
    public boolean hasMapHead() {
        return graph.mapOutput() != null;
    }

    /**
     * Whether {@link #scoreMap} works for this model: it has a {@link #hasMapHead() map head} or a
     * {@link #hasClassifierMap() classifier map}.
     */
    public boolean hasScoreMap() {
        return hasMapHead() || hasClassifierMap();
    }

    /**
     * Whether {@link #classifierMap} works for this model: its classifier's head is global average
     * pooling followed by a fully connected layer (and optionally softmax), as PP-LCNet's without the
     * last conv is. A map head in the file has no bearing on it.
     */
    public boolean hasClassifierMap() {
        try {
            poolingHead();
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Classification and per-region scores of one image from a single pass at the model's own
     * preprocessing; see {@link Session#scoreMap(Image)}. Thread-safe.
     */
    public ScoreMap scoreMap(Image image) {
        Session s = borrow();
        try {
            return s.scoreMap(image);
        } finally {
            giveBack(s);
        }
    }

    /**
     * Per-region scores of the whole image at short side {@code shortSide} (448 gives a 14-cell short
     * side for PP-LCNet): {@link #headMap(Image, int)} when the file has a map head, else
     * {@link #classifierMap(Image, int)}; see {@link Session#scoreMap(Image, int)}. Thread-safe.
     */
    public ScoreMap scoreMap(Image image, int shortSide) {
        return hasMapHead() ? headMap(image, shortSide) : classifierMap(image, shortSide);
    }

    /**
     * Per-region scores of a preprocessed input: {@link #headMap(Tensor)} when the file has a map head,
     * else {@link #classifierMap(Tensor)}; see {@link Session#scoreMap(Tensor)}. Thread-safe.
     */
    public ScoreMap scoreMap(Tensor input) {
        return hasMapHead() ? headMap(input) : classifierMap(input);
    }

    /**
     * The map head's map of the whole image at short side {@code shortSide}; see
     * {@link Session#headMap(Image, int)}. Thread-safe.
     */
    public ScoreMap headMap(Image image, int shortSide) {
        Session s = borrow();
        try {
            return s.headMap(image, shortSide);
        } finally {
            giveBack(s);
        }
    }

    /** The map head's map of a preprocessed input; see {@link Session#headMap(Tensor)}. Thread-safe. */
    public ScoreMap headMap(Tensor input) {
        Session s = borrow();
        try {
            return s.headMap(input);
        } finally {
            giveBack(s);
        }
    }

    /**
     * The classifier's per-cell map of the whole image at short side {@code shortSide}, whether or not
     * the file has a map head; see {@link Session#classifierMap(Image, int)}. Thread-safe.
     */
    public ScoreMap classifierMap(Image image, int shortSide) {
        Session s = borrow();
        try {
            return s.classifierMap(image, shortSide);
        } finally {
            giveBack(s);
        }
    }

    /**
     * The classifier's per-cell map of a preprocessed input, whether or not the file has a map head; see
     * {@link Session#classifierMap(Tensor)}. Thread-safe.
     */
    public ScoreMap classifierMap(Tensor input) {
        Session s = borrow();
        try {
            return s.classifierMap(input);
        } finally {
            giveBack(s);
        }
    }

    /** For callers that need the trained head, not the classifier's per-cell map. */
    void requireMapHead() {
        if (!hasMapHead()) {
            throw new UnsupportedOperationException("model '" + metadata.name() + "' has no map head: its file has"
                    + " no 'output map' line (classifierMap gives the classifier's per-cell map instead)");
        }
    }

    PoolingHead poolingHead() {
        Object h = poolingHead;
        if (h == null) {
            try {
                h = PoolingHead.find(classifierGraph, metadata.name(), metadata.inputShape());
            } catch (UnsupportedOperationException e) {
                h = e.getMessage();
            }
            poolingHead = h;
        }
        if (h instanceof String) {
            throw new UnsupportedOperationException((String) h);
        }
        return (PoolingHead) h;
    }

    /** Smallest and largest short side of a whole-frame score map. */
    static final int MIN_FRAME_SIDE = 32;
    static final int MAX_FRAME_SIDE = 4096;

    /**
     * The tensor size {@code {width, height}} of a whole-frame map: short side {@code shortSide}, aspect
     * kept, each side rounded to a multiple of the feature map's stride along it (32 when unknown or
     * {@code head} is null, as for a map head, whose backbone taps reach stride 32).
     */
    int[] frameSize(int width, int height, int shortSide, PoolingHead head) {
        if (shortSide < MIN_FRAME_SIDE || shortSide > MAX_FRAME_SIDE) {
            throw new IllegalArgumentException("score map short side " + shortSide + " is outside ["
                    + MIN_FRAME_SIDE + ", " + MAX_FRAME_SIDE + "]");
        }
        int[] declared = graph.inputShape();
        if (declared.length != 4 || declared[2] != -1 || declared[3] != -1) {
            throw new IllegalArgumentException("model '" + metadata.name() + "' takes only "
                    + Arrays.toString(declared) + " inputs; a whole-frame score map needs dynamic height and width"
                    + " (scoreMap(image) maps its own input)");
        }
        double scale = (double) shortSide / Math.min(width, height);
        int sy = head != null && head.stride[0] > 0 ? head.stride[0] : 32;
        int sx = head != null && head.stride[1] > 0 ? head.stride[1] : 32;
        long w = Math.max(sx, Math.round(width * scale / sx) * sx);
        long h = Math.max(sy, Math.round(height * scale / sy) * sy);
        if (w > 16 * MAX_FRAME_SIDE || h > 16 * MAX_FRAME_SIDE) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image at short side " + shortSide
                    + " would be " + w + "x" + h + " pixels");
        }
        return new int[] {(int) w, (int) h};
    }

    /** The model's normalization and interpolation, resizing straight to {@code width x height}. */
    ImagePreprocessor framePreprocessor(int width, int height) {
        Long key = (long) width << 32 | height;
        ImagePreprocessor p = framePreprocessors.get(key);
        if (p == null) {
            Preprocessing own = metadata.preprocessing();
            Preprocessing frame = Preprocessing.of(Preprocessing.Resize.EXACT, 0, width, height, 0, 0, own.scale(),
                    own.mean(), own.std(), own.channelOrder()).withInterpolation(own.interpolation());
            p = new ImagePreprocessor(frame);
            if (framePreprocessors.size() > 64) {
                framePreprocessors.clear();
            }
            framePreprocessors.put(key, p);
        }
        return p;
    }

    /** Runs the graph on a preprocessed NCHW input; thread-safe. */
    public Tensor run(Tensor input) {
        Session s = borrow();
        try {
            return s.run(input);
        } finally {
            giveBack(s);
        }
    }

    Plan plan(int[] inputShape) {
        checkOpen();
        List<Integer> key = Arrays.stream(inputShape).boxed().collect(java.util.stream.Collectors.toList());
        Plan p = plans.get(key);
        if (p == null) {
            p = Planner.plan(classifierGraph, inputShape, layerOps);
            Plan raced = plans.putIfAbsent(key, p);
            p = raced != null ? raced : p;
        }
        return p;
    }

    /** How many map plans this model has made: none until a head's map is asked for (tests pin that). */
    int mapPlansMade() {
        return mapPlans.size();
    }

    /** The plan giving both the classifier output and the map head's in one run; needs a map head. */
    Plan mapPlan(int[] inputShape) {
        checkOpen();
        requireMapHead();
        List<Integer> key = Arrays.stream(inputShape).boxed().collect(java.util.stream.Collectors.toList());
        Plan p = mapPlans.get(key);
        if (p == null) {
            p = Planner.planWithMap(graph, inputShape, layerOps);
            Plan raced = mapPlans.putIfAbsent(key, p);
            p = raced != null ? raced : p;
        }
        return p;
    }

    private Session borrow() {
        Session s = pool.pollFirst();
        return s != null ? s : newSession();
    }

    private void giveBack(Session s) {
        if (!closed && pool.size() < MAX_POOLED_SESSIONS) {
            pool.addFirst(s);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("model is closed");
        }
    }

    /** Drops pooled sessions and compiled plans; the model cannot be used afterwards. */
    @Override
    public void close() {
        closed = true;
        pool.clear();
        plans.clear();
    }

    @Override
    public String toString() {
        return "Model[" + metadata.name() + ", " + graph.nodes().size() + " nodes, " + graph.parameterCount()
                + " parameters, kernels " + family.propertyValue() + "]";
    }
}
