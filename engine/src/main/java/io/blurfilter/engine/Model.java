package io.blurfilter.engine;

import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.format.ModelReader;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.GraphOptimizer;
import io.blurfilter.engine.preprocess.ImagePreprocessor;
import io.blurfilter.engine.runtime.KernelSelector;
import io.blurfilter.engine.runtime.Kernels;
import io.blurfilter.engine.runtime.Plan;
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
    private final Kernels kernels;
    private final ConcurrentHashMap<List<Integer>, Plan> plans = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Session> pool = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;
    private final ImagePreprocessor preprocessor;

    private Model(ModelFile file, Kernels kernels) {
        this(file.metadata(), GraphOptimizer.optimize(file.graph()), kernels);
    }

    private Model(ModelMetadata metadata, Graph graph, Kernels kernels) {
        this.metadata = metadata;
        this.graph = graph;
        this.kernels = kernels;
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
        return new Model(file, java.util.Objects.requireNonNull(family, "family").kernels());
    }

    /**
     * This model on another kernel family, e.g. {@link KernelFamily#FAST} in a JVM that will run only
     * some hundreds of inferences, where the Vector API kernels' JIT warm-up (1-2 s) costs more than
     * they save. Shares this model's optimized graph; has its own plans and sessions. Results agree
     * with this model's within the families' tolerance (1e-5), not to the bit.
     */
    public Model withKernels(KernelFamily family) {
        checkOpen();
        return new Model(metadata, graph, java.util.Objects.requireNonNull(family, "family").kernels());
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /** The optimized graph the engine runs (BatchNorm folded, activations fused). */
    public Graph graph() {
        return graph;
    }

    /** The kernel family this model runs on: {@code vector}, {@code fast} or {@code reference}. */
    public String kernels() {
        return kernels.name();
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
            p = Plan.compile(graph, inputShape, kernels, KernelSelector.reference());
            Plan raced = plans.putIfAbsent(key, p);
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
                + " parameters, kernels " + kernels.name() + "]";
    }
}
