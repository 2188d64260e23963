package io.blurfilter.engine.kernels.vector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the unrolled Vector API kernels of the engine (XNNPACK's way: one template per family, a
 * table of the variants, the generated files checked in and compared by a test). From the repository
 * root, with nothing but a JDK (17's single-file launcher compiles this file):
 *
 * <pre>
 * java engine/src/test/java/io/blurfilter/engine/kernels/vector/KernelGenerator.java          # (re)write them
 * java engine/src/test/java/io/blurfilter/engine/kernels/vector/KernelGenerator.java --check  # exit 1 if stale
 * </pre>
 *
 * Each kernel is unrolled by hand-shaped rules, not a loop, because C2 keeps a vector in a register
 * only when it is a local variable of one method and one flat loop: a helper taking or returning
 * vectors, an array of accumulators, or a vector assigned in an {@code if} and used after it is boxed
 * on the heap (JDK 17). The emitters below write exactly the code that was tuned by hand before it was
 * generated (bench/rounds/): change one and every accumulator must still add its products in tap
 * (or K) order, which is what keeps the families' results equal bit for bit; then rerun the kernel
 * tests and the JMH benchmarks. docs/KERNELS.md says more.
 */
public final class KernelGenerator {
    /** This file, for the headers. */
    static final String SELF = "engine/src/test/java/io/blurfilter/engine/kernels/vector/KernelGenerator.java";
    /** Where the generated files go, relative to the engine module. */
    static final String DIR = "src/main/java/io/blurfilter/engine/kernels/vector/";

    private KernelGenerator() {}

    // ---------------------------------------------------------------------------------------------
    // The spec tables.

    /** How a depthwise kernel walks a kernel row (see the emitters of the same names). */
    enum Shape { ANY_TAPS, PRELOADED, SHARED_LOADS, TAP_MAJOR, STREAMED }

    /**
     * One depthwise kernel: {@code pixels} adjacent output pixels of one channel vector, a window
     * {@code kw} taps wide at {@code stride} (no dilation; ANY_TAPS takes any window).
     */
    record Depthwise(String name, Shape shape, int kw, int stride, int pixels, String doc) {}

    /** {@link RowBlock}'s kernels, called by its run, runSeven and runWide. */
    static final List<Depthwise> ROW_BLOCK = List.of(
            new Depthwise("anyTaps", Shape.ANY_TAPS, 0, 0, 4,
                    "Any window, stride and dilation: one weight load per tap, four input loads, four FMAs."),
            new Depthwise("slide3", Shape.PRELOADED, 3, 1, 4,
                    "3 wide, stride 1: per kernel row, six input vectors and three weights feed twelve FMAs."),
            new Depthwise("stride2Width3", Shape.SHARED_LOADS, 3, 2, 4,
                    "3 wide, stride 2: per kernel row, nine input vectors and three weights feed twelve FMAs (the\n"
                            + "column shared by two neighbouring windows is loaded once)."),
            new Depthwise("slide5", Shape.TAP_MAJOR, 5, 1, 4,
                    "5 wide, stride 1: per kernel row, eight input vectors and five weights feed twenty FMAs."),
            new Depthwise("slide3x7", Shape.STREAMED, 3, 1, 7,
                    "Seven pixels (a 7-wide row in one block), 3 wide, stride 1."),
            new Depthwise("slide5x7", Shape.STREAMED, 5, 1, 7,
                    "Seven pixels, 5 wide, stride 1: eleven input vectors and five weights per kernel row feed 35 FMAs."),
            new Depthwise("stride2Width3x7", Shape.STREAMED, 3, 2, 7,
                    "Seven pixels, 3 wide, stride 2."),
            new Depthwise("stride2Width5x7", Shape.STREAMED, 5, 2, 7,
                    "Seven pixels, 5 wide, stride 2: seventeen input vectors and five weights per kernel row feed 35 FMAs."),
            new Depthwise("slide3x8", Shape.STREAMED, 3, 1, 8,
                    "Eight pixels, 3 wide, stride 1: per kernel row ten input vectors and three weights feed 24 FMAs.\n"
                            + "Eight independent accumulators keep both FMA units busy (with four, each FMA waits on the\n"
                            + "previous one's four-cycle latency). Inputs are streamed: each is loaded, used by every pixel\n"
                            + "whose window holds it, and dropped, so 8 sums + 3 weights + 1 input fit AVX2's 16 registers."),
            new Depthwise("slide5x8", Shape.STREAMED, 5, 1, 8,
                    "Eight pixels, 5 wide, stride 1: per kernel row twelve input vectors and five weights feed 40 FMAs."),
            new Depthwise("stride2Width3x8", Shape.STREAMED, 3, 2, 8,
                    "Eight pixels, 3 wide, stride 2: per kernel row seventeen input vectors and three weights feed 24 FMAs."));

    /** {@link BlockedDepthwise}'s kernel: 5x5, stride 1, from channel planes. */
    static final Depthwise BLOCKED = new Depthwise("block", Shape.STREAMED, 5, 1, 8,
            "Eight pixels of one channel vector: per kernel row, twelve input vectors and five weights feed 40 FMAs.");

    /**
     * Where a depthwise family finds its operands: the kernels' parameters and first statements, the
     * kernel-row loop's bound, the row's first input and weight, the distance between two taps' weights
     * and between two pixels' inputs, and whether the streamed kernels step through the inputs with a
     * running index ({@code at += c}) or address each at a constant displacement from the row's index.
     * RowBlock reads NHWC rows (pixels C apart, C a variable): with displacements i + k * c, C2 kept the
     * k * c on the stack and spent about seven instructions per load on JDK 17, and the running index made
     * the depthwise layers 8-15% faster. BlockedDepthwise reads channel planes (pixels L apart, a
     * constant): displacements cost nothing there. Then the hard-swish constants' table, and whether the
     * last pixel's store is conditional (BlockedDepthwise's rows of seven).
     */
    record Geometry(String parameters, List<String> prologue, String rows, String rowStart, String weightStart,
            String tapStep, String pixelStep, boolean runningIndex, String swishTable, boolean lastPixelOptional) {}

    static final Geometry NHWC_ROWS = new Geometry("float[] x, int xi, float[] w, float[] bias, float[] y, int yo, int cv",
            List.of(), "kH", "xi + ky * kyStep", "ky * %d * rowWidth + cv", "rowWidth", "c", true, "HARD_SWISH", false);
    static final Geometry PLANES = new Geometry("float[] x, int xi, int wi, float[] y, int yo, int cv",
            List.of("int c = p.inC;", "int rowStep = srcW * L;"), "K", "xi + ky * rowStep", "wi + ky * K * L", "L", "L",
            false, "RowBlock.HARD_SWISH", true);

    /** How a matrix tile finds its rows of A, and the loops around its K loop (see {@link KernelGenerator#tile}). */
    enum Rows {
        /** Rows k apart from a[a0] on, one row pointer each. */
        POINTERS,
        /** Image pixels {@code step} floats apart, element i of a pixel at offset[i] (a convolution's taps). */
        IMAGE,
        /** {@link #IMAGE} with pixels two floats apart, at constant displacements. */
        IMAGE_STEP2,
        /** Whole groups of rows with K = 16, rows at constant displacements, the K loop's trip count constant. */
        SIXTEEN_DEEP,
        /** Whole groups of rows from six-row panels [K / L][6][L]. */
        PANELS,
        /** Whole groups of rows with K = 8, rows at constant displacements. */
        EIGHT_DEEP
    }

    /**
     * One matrix tile of {@link PackedGemm}: {@code rows} rows of A against a column block of
     * {@code vectors} vectors of B; each output is its bias plus its K products in K order, stored raw,
     * in place. (Never through a store method taking the accumulators: C2 inlines such a method only
     * until it has compiled it on its own, bigger than InlineSmallCode; after that the tile calls it and
     * boxes every accumulator of every K step, see docs/KERNELS.md.)
     */
    record Tile(String name, int rows, int vectors, Rows a, String doc) {}

    static final List<Tile> PACKED_GEMM = List.of(
            new Tile("tile4x4", 4, 4, Rows.POINTERS,
                    "Four rows against a four-vector block: 16 accumulators and 5 operands, for AVX-512's 32 registers."),
            new Tile("tile4x2", 4, 2, Rows.POINTERS, "Four rows against a two-vector block."),
            new Tile("tile6x2", 6, 2, Rows.POINTERS, "Six rows against a two-vector block."),
            new Tile("tile4x1", 4, 1, Rows.POINTERS, "Four rows against a one-vector block."),
            new Tile("panelTiles6x2", 6, 2, Rows.PANELS,
                    "{@link #tile6x2} over {@code groups} six-row groups read from panels ({@link PackedGemm#packPanels}), the\n"
                            + "group loop inside so a chunk's tiles for one column block are one call."),
            new Tile("eightDeepRows", 8, 1, Rows.EIGHT_DEEP,
                    "Rows of K = 8 against a one-vector block (x0_25's first pointwise conv, 8 to 8 channels on\n"
                            + "112x112), eight rows at a time: with K known, row j's values lie 8 j floats from row 0's, so a\n"
                            + "K step's eight broadcasts share one index at constant displacements. The four-row tile spent most\n"
                            + "of its time on four row addresses and their bounds checks per K step. Rows past the last eight\n"
                            + "go through {@link #tile4x1} and single columns."),
            new Tile("sixteenDeepTiles", 6, 2, Rows.SIXTEEN_DEEP,
                    "{@link #tile6x2} for K = 16 (x1_0's first pointwise conv, 16 to 32 channels on 112x112, and two\n"
                            + "of x0_25's), over the whole six-row groups of {@code rows} rows (returns the rows done): with K\n"
                            + "known, the six rows lie at constant displacements from one index and the K loop has a constant\n"
                            + "trip count. 10% faster than the general tile in the network; panels do not pay at this K."),
            new Tile("image6x2", 6, 2, Rows.IMAGE,
                    "Six pixels {@code step} floats apart against a two-vector block ({@link PackedGemm#imageTile})."),
            new Tile("image6x2Step2", 6, 2, Rows.IMAGE_STEP2,
                    "{@link #image6x2} for pixels two floats apart (the stem: NCHW, stride 2). With constant offsets\n"
                            + "from one index C2 checks the six loads' bounds once instead of once each."),
            new Tile("image5x2Step2", 5, 2, Rows.IMAGE_STEP2,
                    "{@link #image6x2Step2} with five pixels (see {@link PackedGemm#STEP2_IMAGE_ROWS})."),
            new Tile("image8x1", 8, 1, Rows.IMAGE,
                    "Eight pixels {@code step} floats apart against a one-vector block ({@link PackedGemm#imageTile})."));

    // ---------------------------------------------------------------------------------------------
    // The files.

    /** The generated files by name, in the package directory {@link #DIR}. */
    static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("RowBlockKernels.java", rowBlockKernels());
        files.put("BlockedDepthwiseKernel.java", blockedDepthwiseKernel());
        files.put("PackedGemmTiles.java", packedGemmTiles());
        return files;
    }

    private static String rowBlockKernels() {
        Out o = header(List.of("static io.blurfilter.engine.kernels.vector.Lanes.L",
                "static io.blurfilter.engine.kernels.vector.Lanes.S",
                "static io.blurfilter.engine.kernels.vector.RowBlock.HARD_SWISH"),
                List.of("jdk.incubator.vector.FloatVector", "jdk.incubator.vector.VectorOperators"));
        o.doc("The kernels of {@link RowBlock} and the geometry they read: one method per window shape and\n"
                + "block width, every vector a local of that method (C2 keeps them in registers). Generated from\n"
                + "the ROW_BLOCK table of KernelGenerator.");
        o.open("abstract class RowBlockKernels {");
        o.doc("Floats between two pixels of a row (the channels).");
        o.line("final int c;");
        o.line("final int kH;");
        o.doc("Floats between two taps' weights and biases (the channels, at least a vector).");
        o.line("final int rowWidth;");
        o.line("final int strideW;");
        o.doc("Each tap's input offset from the window's origin (for anyTaps).");
        o.line("final int[] tapOffset;");
        o.doc("Distance between two input rows of the window (source row length times dilation).");
        o.line("final int kyStep;");
        o.doc("Whether the blocks store hard-swish'ed values (the layer's fused activation) rather than raw\n"
                + "sums: saves the layer a second pass over its output. Each kernel stores in two branches because\n"
                + "a vector assigned in an if and used after it is boxed on JDK 17.");
        o.line("final boolean hardSwish;");
        o.blank();
        o.open("RowBlockKernels(int c, int kH, int rowWidth, int strideW, int[] tapOffset, int kyStep, boolean hardSwish) {");
        for (String f : new String[] {"c", "kH", "rowWidth", "strideW", "tapOffset", "kyStep", "hardSwish"}) {
            o.line("this." + f + " = " + f + ";");
        }
        o.close("}");
        for (Depthwise k : ROW_BLOCK) {
            o.blank();
            o.doc(k.doc());
            o.open("final void " + k.name() + "(" + NHWC_ROWS.parameters() + ") {");
            depthwiseBody(o, k, NHWC_ROWS);
            o.close("}");
        }
        o.close("}");
        return o.toString();
    }

    private static String blockedDepthwiseKernel() {
        Out o = header(List.of("static io.blurfilter.engine.kernels.vector.Lanes.L",
                "static io.blurfilter.engine.kernels.vector.Lanes.S"),
                List.of("io.blurfilter.engine.kernels.ConvParams", "jdk.incubator.vector.FloatVector",
                        "jdk.incubator.vector.VectorOperators"));
        o.doc("The kernel of {@link BlockedDepthwise} and the fields it reads: a block of pixels of one channel\n"
                + "vector from zero-padded channel planes, every vector a local of one method. Generated from the\n"
                + "BLOCKED row of KernelGenerator.");
        o.open("abstract class BlockedDepthwiseKernel {");
        o.doc("The window's width and height.");
        o.line("static final int K = " + BLOCKED.kw() + ";");
        o.line("final ConvParams p;");
        o.doc("Pixels per row of a channel plane (the padded width).");
        o.line("final int srcW;");
        o.doc("[C / L][" + BLOCKED.kw() * BLOCKED.kw() + "][L].");
        o.line("final float[] w;");
        o.line("final float[] bias;");
        o.doc("Whether the block stores hard-swish'ed values (the layer's fused activation) rather than raw sums.");
        o.line("final boolean hardSwish;");
        o.doc("Whether blocks store their eighth pixel (rows of seven pixels do not have one).");
        o.line("final boolean eighth;");
        o.blank();
        o.open("BlockedDepthwiseKernel(ConvParams p, int srcW, float[] w, float[] bias, boolean hardSwish, boolean eighth) {");
        for (String f : new String[] {"p", "srcW", "w", "bias", "hardSwish", "eighth"}) {
            o.line("this." + f + " = " + f + ";");
        }
        o.close("}");
        o.blank();
        o.doc(BLOCKED.doc());
        o.open("final void " + BLOCKED.name() + "(" + PLANES.parameters() + ") {");
        depthwiseBody(o, BLOCKED, PLANES);
        o.close("}");
        o.close("}");
        return o.toString();
    }

    private static String packedGemmTiles() {
        Out o = header(List.of("static io.blurfilter.engine.kernels.vector.Lanes.L",
                "static io.blurfilter.engine.kernels.vector.Lanes.S"), List.of("jdk.incubator.vector.FloatVector"));
        o.doc("The matrix tiles of {@link PackedGemm} and the fields they read: a tile of accumulators held in\n"
                + "registers for the whole K loop, per K step one broadcast per row and one load per vector column.\n"
                + "Generated from the PACKED_GEMM table of KernelGenerator.");
        o.open("abstract class PackedGemmTiles {");
        o.doc("Two-vector blocks take six rows at a time: 12 accumulators, 2 weight vectors and a broadcast\n"
                + "fill AVX2's 16 registers and cut loads per FMA from 6/8 to 8/12.");
        o.line("static final int TALL_ROWS = " + rowsOf(Rows.PANELS) + ";");
        o.doc("The K that {@link #eightDeepRows} takes.");
        o.line("static final int EIGHT_DEEP_K = 8;");
        o.doc("The K that {@link #sixteenDeepTiles} takes.");
        o.line("static final int SIXTEEN_DEEP_K = 16;");
        o.blank();
        o.doc("Values per row of A, rows of B.");
        o.line("final int k;");
        o.doc("Columns of B, values per row of Y.");
        o.line("final int n;");
        o.doc("B packed into column blocks of 4, 2 or 1 vectors, [K][block width] each, contiguous.");
        o.line("final float[] b;");
        o.line("final float[] bias;");
        o.blank();
        o.open("PackedGemmTiles(int k, int n, float[] b, float[] bias) {");
        for (String f : new String[] {"k", "n", "b", "bias"}) {
            o.line("this." + f + " = " + f + ";");
        }
        o.close("}");
        for (Tile t : PACKED_GEMM) {
            o.blank();
            tile(o, t);
        }
        o.close("}");
        return o.toString();
    }

    private static int rowsOf(Rows a) {
        return PACKED_GEMM.stream().filter(t -> t.a() == a).findFirst().orElseThrow().rows();
    }

    // ---------------------------------------------------------------------------------------------
    // The matrix tile template: accumulators from the bias, the K loop (inside whatever loops the rows
    // want), per K step the block's weight vectors and per row one broadcast feeding one FMA per vector.

    private static void tile(Out o, Tile t) {
        int rows = t.rows();
        int vectors = t.vectors();
        boolean returnsRows = t.a() == Rows.SIXTEEN_DEEP || t.a() == Rows.EIGHT_DEEP;
        o.doc(t.doc());
        o.open("final " + (returnsRows ? "int " : "void ") + t.name() + "(" + switch (t.a()) {
            case POINTERS -> "float[] a, int a0, int bo, float[] y, int yo, int col";
            case IMAGE -> "float[] x, int x0, int step, int[] offset, int bo, float[] y, int yo, int col";
            case IMAGE_STEP2 -> "float[] x, int x0, int[] offset, int bo, float[] y, int yo, int col";
            case SIXTEEN_DEEP -> "float[] a, int a00, int rows, int bo, float[] y, int y0, int col";
            case PANELS -> "float[] p, int groups, int bo, float[] y, int y0, int col";
            case EIGHT_DEEP -> "float[] a, int a0, int rows, int bo, float[] y, int yo, int col";
        } + ") {");
        switch (t.a()) {
            case POINTERS -> {
                for (int r = 1; r < rows; r++) {
                    o.line("int a" + r + " = a" + (r - 1) + " + k;");
                }
            }
            case SIXTEEN_DEEP -> {
                o.line("int groups = rows / TALL_ROWS;");
                o.open("for (int g = 0; g < groups; g++) {");
                o.line("int a0 = a00 + g * TALL_ROWS * SIXTEEN_DEEP_K;");
                o.line("int yo = y0 + g * TALL_ROWS * n;");
            }
            case PANELS -> {
                o.open("for (int g = 0; g < groups; g++) {");
                o.line("int p0 = g * TALL_ROWS * k;");
                o.line("int yo = y0 + g * TALL_ROWS * n;");
            }
            case EIGHT_DEEP -> {
                o.line("int r = 0;");
                o.open("for (; r + " + rows + " <= rows; r += " + rows + ") {");
            }
            default -> { }
        }
        List<String> c = accumulators(rows, vectors);
        if (vectors == 1) {
            o.line("FloatVector c0 = FloatVector.fromArray(S, bias, col);");
            o.line("FloatVector " + String.join(", ", c.subList(1, rows).stream().map(a -> a + " = c0").toList()) + ";");
        } else {
            for (int v = 0; v < vectors; v++) {
                o.line("FloatVector b" + v + " = FloatVector.fromArray(S, bias, " + plus("col", v, "L") + ");");
            }
            // formatting only: javac compiles one declaration of several variables as several declarations
            int rowsPerLine = rows * vectors <= 8 ? rows : Math.max(1, 6 / vectors);
            for (int r0 = 0; r0 < rows; r0 += rowsPerLine) {
                List<String> decl = new java.util.ArrayList<>();
                for (int r = r0; r < Math.min(rows, r0 + rowsPerLine); r++) {
                    for (int v = 0; v < vectors; v++) {
                        decl.add(c.get(r * vectors + v) + " = b" + v);
                    }
                }
                o.line("FloatVector " + String.join(", ", decl) + ";");
            }
        }
        String perStep = vectors == 1 ? "L" : vectors + " * L";
        switch (t.a()) {
            case POINTERS, IMAGE, IMAGE_STEP2 -> o.open("for (int i = 0, bi = bo; i < k; i++, bi += " + perStep + ") {");
            case SIXTEEN_DEEP -> {
                o.open("for (int i = 0; i < SIXTEEN_DEEP_K; i++) {");
                o.line("int bi = bo + i * " + perStep + ";");
            }
            case PANELS -> {
                o.line("int bi = bo;");
                o.line("// the inner loop's constant trip count and displacements are what C2 compiles tightly");
                o.open("for (int i = 0, pi = p0; i < k; i += L, pi += TALL_ROWS * L) {");
                o.open("for (int lane = 0; lane < L; lane++, bi += " + perStep + ") {");
            }
            case EIGHT_DEEP -> {
                o.line("int ar = a0 + r * EIGHT_DEEP_K;");
                o.open("for (int i = 0; i < EIGHT_DEEP_K; i++) {");
            }
        }
        if (t.a() == Rows.IMAGE || t.a() == Rows.IMAGE_STEP2) {
            o.line("int xi = x0 + offset[i];");
        }
        String w0 = t.a() == Rows.EIGHT_DEEP ? "w" : "w0";
        String bi = t.a() == Rows.EIGHT_DEEP ? "bo + i * L" : "bi";
        for (int v = 0; v < vectors; v++) {
            o.line("FloatVector " + (vectors == 1 ? w0 : "w" + v) + " = FloatVector.fromArray(S, b, " + plus(bi, v, "L") + ");");
        }
        switch (t.a()) {
            case SIXTEEN_DEEP -> o.line("int ai = a0 + i;");
            case PANELS -> o.line("int x0 = pi + lane;");
            case EIGHT_DEEP -> o.line("int ai = ar + i;");
            default -> { }
        }
        String x = t.a() == Rows.IMAGE || t.a() == Rows.IMAGE_STEP2 ? "v" : "x";
        for (int r = 0; r < rows; r++) {
            String element = switch (t.a()) {
                case POINTERS -> "a[a" + r + " + i]";
                case IMAGE -> "x[" + plus("xi", r, "step") + "]";
                case IMAGE_STEP2 -> "x[" + (r == 0 ? "xi" : "xi + " + 2 * r) + "]";
                case SIXTEEN_DEEP -> "a[" + plus("ai", r, "SIXTEEN_DEEP_K") + "]";
                case PANELS -> "p[" + plus("x0", r, "L") + "]";
                case EIGHT_DEEP -> "a[" + plus("ai", r, "EIGHT_DEEP_K") + "]";
            };
            if (vectors == 1) {
                o.line(c.get(r) + " = FloatVector.broadcast(S, " + element + ").fma(" + w0 + ", " + c.get(r) + ");");
                continue;
            }
            o.line((r == 0 ? "FloatVector " : "") + x + " = FloatVector.broadcast(S, " + element + ");");
            for (int v = 0; v < vectors; v++) {
                String acc = c.get(r * vectors + v);
                o.line(acc + " = " + x + ".fma(w" + v + ", " + acc + ");");
            }
        }
        o.close("}");
        if (t.a() == Rows.PANELS) {
            o.close("}");
        }
        String yo = "yo";
        if (t.a() == Rows.EIGHT_DEEP) {
            o.line("int yr = yo + r * n;");
            yo = "yr";
        }
        stores(o, rows, vectors, yo);
        switch (t.a()) {
            case SIXTEEN_DEEP -> {
                o.close("}");
                o.line("return groups * TALL_ROWS;");
            }
            case PANELS -> o.close("}");
            case EIGHT_DEEP -> {
                o.close("}");
                o.line("return r;");
            }
            default -> { }
        }
        o.close("}");
    }

    /** The accumulators' names, row by row: c0, c1, ... for one vector, c00, c01, c10, ... for more. */
    private static List<String> accumulators(int rows, int vectors) {
        List<String> names = new java.util.ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < vectors; v++) {
                names.add(vectors == 1 ? "c" + r : "c" + r + v);
            }
        }
        return names;
    }

    /** Each accumulator into y: rows n apart from y[yo], vectors L apart. */
    private static void stores(Out o, int rows, int vectors, String yo) {
        List<String> c = accumulators(rows, vectors);
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < vectors; v++) {
                o.line(c.get(r * vectors + v) + ".intoArray(y, " + plus(plus(yo, r, "n"), v, "L") + ");");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The depthwise template: accumulators from the bias, a loop over kernel rows, the stores.

    private static void depthwiseBody(Out o, Depthwise k, Geometry g) {
        for (String line : g.prologue()) {
            o.line(line);
        }
        if (k.shape() == Shape.ANY_TAPS) {
            o.line("int step = strideW * c;");
        }
        o.line("FloatVector a0 = FloatVector.fromArray(S, bias, cv);");
        for (int p = 1; p < k.pixels(); p++) {
            o.line("FloatVector a" + p + " = a0;");
        }
        if (k.shape() == Shape.ANY_TAPS) {
            anyTaps(o, k);
        } else {
            o.open("for (int ky = 0; ky < " + g.rows() + "; ky++) {");
            o.line("int i = " + g.rowStart() + ";");
            o.line("int wo = " + String.format(g.weightStart(), k.kw()) + ";");
            if (k.shape() != Shape.TAP_MAJOR) {
                for (int t = 0; t < k.kw(); t++) {
                    o.line("FloatVector w" + t + " = FloatVector.fromArray(S, w, " + plus("wo", t, g.tapStep()) + ");");
                }
            }
            switch (k.shape()) {
                case PRELOADED -> preloaded(o, k, g);
                case SHARED_LOADS -> sharedLoads(o, k, g);
                case TAP_MAJOR -> tapMajor(o, k, g);
                default -> streamed(o, k, g);
            }
            o.close("}");
        }
        store(o, k.pixels(), g);
    }

    /** Each tap's weight once for the block's pixels, any window: the taps from {@code tapOffset}. */
    private static void anyTaps(Out o, Depthwise k) {
        o.open("for (int t = 0; t < tapOffset.length; t++) {");
        o.line("int i = xi + tapOffset[t];");
        o.line("FloatVector wt = FloatVector.fromArray(S, w, t * rowWidth + cv);");
        for (int p = 0; p < k.pixels(); p++) {
            o.line("a" + p + " = FloatVector.fromArray(S, x, " + plus("i", p, "step") + ").fma(wt, a" + p + ");");
        }
        o.close("}");
    }

    /** All of a kernel row's inputs loaded first, then each pixel's taps as one nested FMA chain. */
    private static void preloaded(Out o, Depthwise k, Geometry g) {
        int inputs = (k.pixels() - 1) * k.stride() + k.kw();
        for (int j = 0; j < inputs; j++) {
            o.line("FloatVector x" + j + " = FloatVector.fromArray(S, x, " + plus("i", j, g.pixelStep()) + ");");
        }
        for (int p = 0; p < k.pixels(); p++) {
            o.line("a" + p + " = " + chain(k, p, j -> "x" + j) + ";");
        }
    }

    /**
     * Each pixel's taps as one nested FMA chain, an input that two windows share loaded into a local
     * before the first pixel that reads it, the others loaded where they are used.
     */
    private static void sharedLoads(Out o, Depthwise k, Geometry g) {
        boolean[] declared = new boolean[(k.pixels() - 1) * k.stride() + k.kw()];
        for (int p = 0; p < k.pixels(); p++) {
            for (int t = 0; t < k.kw(); t++) {
                int j = p * k.stride() + t;
                if (!declared[j] && readers(k, j) > 1) {
                    declared[j] = true;
                    o.line("FloatVector x" + j + " = FloatVector.fromArray(S, x, " + plus("i", j, g.pixelStep()) + ");");
                }
            }
            o.line("a" + p + " = " + chain(k, p, j -> declared[j] ? "x" + j
                    : "FloatVector.fromArray(S, x, " + plus("i", j, g.pixelStep()) + ")") + ";");
        }
    }

    /** Pixel p's kernel row as {@code x[p s + kw - 1].fma(w[kw - 1], ... x[p s].fma(w0, a_p))}. */
    private static String chain(Depthwise k, int p, java.util.function.IntFunction<String> input) {
        String sum = "a" + p;
        for (int t = 0; t < k.kw(); t++) {
            sum = input.apply(p * k.stride() + t) + ".fma(w" + t + ", " + sum + ")";
        }
        return sum;
    }

    /** How many of the block's windows hold input column j. */
    private static int readers(Depthwise k, int j) {
        int n = 0;
        for (int p = 0; p < k.pixels(); p++) {
            n += j >= p * k.stride() && j < p * k.stride() + k.kw() ? 1 : 0;
        }
        return n;
    }

    /** Tap by tap: one weight for all pixels, the inputs loaded as the taps first reach them. */
    private static void tapMajor(Out o, Depthwise k, Geometry g) {
        int loaded = 0;
        for (int t = 0; t < k.kw(); t++) {
            for (; loaded <= (k.pixels() - 1) * k.stride() + t; loaded++) {
                o.line("FloatVector x" + loaded + " = FloatVector.fromArray(S, x, " + plus("i", loaded, g.pixelStep()) + ");");
            }
            o.line((t == 0 ? "FloatVector wk" : "wk") + " = FloatVector.fromArray(S, w, " + plus("wo", t, g.tapStep()) + ");");
            for (int p = 0; p < k.pixels(); p++) {
                o.line("a" + p + " = x" + (p * k.stride() + t) + ".fma(wk, a" + p + ");");
            }
        }
    }

    /**
     * Input by input along the kernel row: each is loaded once, used by every pixel whose window holds
     * it (in pixel order, so each pixel still adds its taps in order), and dropped, so only the
     * accumulators, the row's weights and one input are live.
     */
    private static void streamed(Out o, Depthwise k, Geometry g) {
        int inputs = (k.pixels() - 1) * k.stride() + k.kw();
        if (g.runningIndex()) {
            o.line("int at = i;");
        }
        for (int j = 0; j < inputs; j++) {
            if (g.runningIndex() && j > 0) {
                o.line("at += " + g.pixelStep() + ";");
            }
            String at = g.runningIndex() ? "at" : plus("i", j, g.pixelStep());
            o.line((j == 0 ? "FloatVector xj" : "xj") + " = FloatVector.fromArray(S, x, " + at + ");");
            for (int p = 0; p < k.pixels(); p++) {
                int t = j - p * k.stride();
                if (t >= 0 && t < k.kw()) {
                    o.line("a" + p + " = xj.fma(w" + t + ", a" + p + ");");
                }
            }
        }
    }

    /**
     * The block's sums into y, pixels c apart: hard-swish'ed in registers or raw, in two branches (a
     * vector assigned in an if and used after it is boxed).
     */
    private static void store(Out o, int pixels, Geometry g) {
        if (g.lastPixelOptional()) {
            o.line("// stored here, in two branches: a shared store method is too large for C2 to inline and the");
            o.line("// vectors passed to it would be boxed (as would a vector assigned in an if and used after it);");
            o.line("// hard-swish's constants are loaded after the tap loop, as in RowBlock");
        }
        o.open("if (hardSwish) {");
        if (!g.lastPixelOptional()) {
            o.line("// constants loaded after the loop, not broadcast: C2 would hoist broadcasts into the loop's registers");
        }
        o.line("FloatVector k3 = FloatVector.fromArray(S, " + g.swishTable() + ", 0);");
        o.line("FloatVector k0 = FloatVector.fromArray(S, " + g.swishTable() + ", L);");
        o.line("FloatVector k6 = FloatVector.fromArray(S, " + g.swishTable() + ", 2 * L);");
        o.line("FloatVector kSixth = FloatVector.fromArray(S, " + g.swishTable() + ", 3 * L);");
        o.line("FloatVector t;");
        for (int p = 0; p < pixels; p++) {
            boolean guarded = g.lastPixelOptional() && p == pixels - 1;
            if (guarded) {
                o.open("if (eighth) {");
            }
            o.line("t = a" + p + ".add(k3);");
            o.line("t = t.blend(k0, t.compare(VectorOperators.LE, k0));");
            o.line("a" + p + ".mul(t.blend(k6, t.compare(VectorOperators.GE, k6))).mul(kSixth).intoArray(y, "
                    + plus("yo", p, "c") + ");");
            if (guarded) {
                o.close("}");
            }
        }
        o.reopen("} else {");
        for (int p = 0; p < pixels; p++) {
            boolean guarded = g.lastPixelOptional() && p == pixels - 1;
            if (guarded) {
                o.open("if (eighth) {");
            }
            o.line("a" + p + ".intoArray(y, " + plus("yo", p, "c") + ");");
            if (guarded) {
                o.close("}");
            }
        }
        o.close("}");
    }

    // ---------------------------------------------------------------------------------------------
    // Writing Java.

    /** {@code base}, {@code base + unit} or {@code base + n * unit}. */
    static String plus(String base, int n, String unit) {
        return n == 0 ? base : n == 1 ? base + " + " + unit : base + " + " + n + " * " + unit;
    }

    private static Out header(List<String> staticImports, List<String> imports) {
        Out o = new Out();
        o.line("// GENERATED by " + SELF + ": do not edit.");
        o.line("// Change the generator (its spec tables and emitters) and regenerate from the repository root:");
        o.line("//   java " + SELF);
        o.line("// GeneratedKernelsTest fails while this file differs from what the generator writes.");
        o.line("package io.blurfilter.engine.kernels.vector;");
        o.blank();
        for (String i : staticImports) {
            o.line("import " + i + ";");
        }
        o.blank();
        for (String i : imports) {
            o.line("import " + i + ";");
        }
        o.blank();
        return o;
    }

    /** Lines of Java at an indentation of four spaces a level. */
    static final class Out {
        private final StringBuilder text = new StringBuilder();
        int depth;

        void line(String s) {
            text.append("    ".repeat(depth)).append(s).append('\n');
        }

        void blank() {
            text.append('\n');
        }

        void open(String s) {
            line(s);
            depth++;
        }

        void close(String s) {
            depth--;
            line(s);
        }

        void reopen(String s) {
            depth--;
            line(s);
            depth++;
        }

        /** A Javadoc comment: one line if the text is one line, else a block of its lines. */
        void doc(String s) {
            if (!s.contains("\n")) {
                line("/** " + s + " */");
                return;
            }
            line("/**");
            for (String l : s.split("\n")) {
                line(" * " + l);
            }
            line(" */");
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    // ---------------------------------------------------------------------------------------------

    public static void main(String[] args) throws IOException {
        boolean check = List.of(args).contains("--check");
        Path engine;
        if (Files.isDirectory(Path.of("engine", DIR))) {
            engine = Path.of("engine");
        } else if (Files.isDirectory(Path.of(DIR))) {
            engine = Path.of("");
        } else {
            System.err.println("run from the repository root (or the engine module): " + DIR + " not found");
            System.exit(2);
            return;
        }
        int stale = 0;
        for (Map.Entry<String, String> f : files().entrySet()) {
            Path path = engine.resolve(DIR + f.getKey());
            String now = Files.exists(path) ? Files.readString(path) : null;
            if (f.getValue().equals(now)) {
                continue;
            }
            stale++;
            if (check) {
                System.err.println(path + " differs from what " + SELF + " writes");
            } else {
                Files.writeString(path, f.getValue());
                System.out.println("wrote " + path);
            }
        }
        if (check && stale > 0) {
            System.exit(1);
        }
    }
}
