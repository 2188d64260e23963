package io.blurfilter.engine.kernels.vector;

import static io.blurfilter.engine.kernels.vector.Lanes.L;
import static io.blurfilter.engine.kernels.vector.Lanes.S;

import jdk.incubator.vector.FloatVector;

/**
 * Y[r, :] = act(bias + A[r, :] B) for rows of A (pixels, K values each) against a weight matrix B
 * [K][N] packed once into column blocks of 4, 2 or 1 vectors ([K][block width] each, contiguous). The
 * micro-kernels keep a tile of accumulators (six rows by two vectors on AVX2, four rows otherwise) in
 * registers for the whole K loop: per K step one broadcast per row and one load per vector column feed
 * 12 FMAs. Rows are taken in equal chunks that stay in L2 while every column block passes over them
 * (on JDK 17 the two-vector blocks read them from six-row panels, see {@link #PANELS}; K = 8 and
 * K = 16 have tiles of their own with the rows at constant displacements); the activation then runs
 * once over the chunk. A single row (matrix-vector) takes four blocks at
 * once; image tiles read A in place from a convolution's input (the stem). Every output is bias plus
 * its K products added in ascending order whichever path computes it, so any split of the rows or
 * blocks (intra-op threads) gives the same bits. The tiles are generated into {@link PackedGemmTiles}
 * (docs/KERNELS.md); this class packs B, splits the rows and picks them.
 */
final class PackedGemm extends PackedGemmTiles {
    static final int ROWS = 4;
    /** Blocks {@link #singleRow} takes at once. */
    static final int SINGLE_ROW_BLOCKS = 4;
    /**
     * Four-vector tiles hold 16 accumulators plus 5 operands: only AVX-512 has the 32 registers for
     * that. With AVX2's 16 they spill, and the 4x2 tile runs 2.5 times faster. The tests force them
     * on (blurfilter.vector.wideTiles) so the 4x4 tile is checked on AVX2 machines too.
     */
    private static final boolean WIDE = L >= 16 || Boolean.getBoolean("blurfilter.vector.wideTiles");
    /** Bytes of A rows one chunk may take, so the chunk is re-read from L2 by each column block. */
    private static final int CHUNK_BYTES = 96 * 1024;
    /**
     * The JDK's feature release (17, 25): the tile shapes C2 compiles best differ between them. (Android
     * says "0.9" here, but never loads the Vector API kernels.)
     */
    private static final int JAVA_FEATURE = Integer.parseInt(System.getProperty("java.specification.version"));
    /**
     * Six-row panels for the two-vector blocks: a chunk's rows copied once as [K / L][6][L] (one vector
     * copy per L values of a row), so the six broadcasts of a K step share one index with constant
     * displacements. Reading six rows K apart in place, JDK 17's C2 spends about 45 instructions per
     * 12 FMAs on row addresses and bounds checks; from panels the same tile runs 10-15% faster there
     * (bench/rounds/round-05.md). JDK 25's C2 compiles the in-place tile well but hoists the panel
     * tile's six broadcasts, spills an accumulator and runs it at half speed, so panels are used on
     * JDK 17 only (other versions untested), unless blurfilter.vector.panels says otherwise. Both
     * tiles give the same bits.
     */
    static final boolean PANELS = Boolean.parseBoolean(System.getProperty("blurfilter.vector.panels",
            String.valueOf(JAVA_FEATURE == 17)));
    /**
     * Below this K the panel tile's two-level loop and the copy cost what the panels save (K = 16 ran
     * 5-15% slower with panels; it has {@link #sixteenDeepTiles}). K = 32 and up gain 5-10% in the
     * network (bench/rounds/round-06.md).
     */
    private static final int PANEL_MIN_K = 32;
    /**
     * Pixels per {@link #imageTile} against a two-vector block at step 2 (the x1_0 stem). JDK 25's C2
     * schedules three of that tile's broadcasts (one base, constant displacements) ahead of their
     * FMAs, runs out of AVX2's 16 registers with six rows' 12 accumulators and passes two of them
     * through the stack every K step (disassembled); five rows (10 accumulators) take the stem from
     * 343-364 to 243-249 us there. JDK 17's C2 keeps six rows in registers, and six beat five by 7%
     * there. Other versions untested: they get five. blurfilter.vector.imageTileRows (5 or 6) overrides.
     */
    static final int STEP2_IMAGE_ROWS = step2ImageRows();

    private final int[] blockCol;
    private final int[] blockVectors;
    private final int[] blockOffset;
    private final VectorActivation act;
    private final int chunkRows;

    /** {@code weight} read as W[o * k + i] (an OI.. layout with the window flattened into K). */
    PackedGemm(float[] weight, int k, int n, float[] bias, VectorActivation act) {
        super(k, vectorMultiple(n), new float[k * n], bias);
        this.act = act;
        int blocks = 0;
        for (int left = n / L; left > 0; left -= blockWidth(left)) {
            blocks++;
        }
        blockCol = new int[blocks];
        blockVectors = new int[blocks];
        blockOffset = new int[blocks];
        int col = 0;
        for (int bl = 0; bl < blocks; bl++) {
            int v = blockWidth((n - col) / L);
            int width = v * L;
            blockCol[bl] = col;
            blockVectors[bl] = v;
            blockOffset[bl] = col * k;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < width; j++) {
                    b[col * k + i * width + j] = weight[(col + j) * k + i];
                }
            }
            col += width;
        }
        this.chunkRows = chunkRows(k);
    }

    private static int vectorMultiple(int n) {
        if (n % L != 0) {
            throw new IllegalArgumentException("output width " + n + " is not a multiple of " + L);
        }
        return n;
    }

    private static int step2ImageRows() {
        int forced = Integer.getInteger("blurfilter.vector.imageTileRows", 0);
        if (forced == TALL_ROWS || forced == TALL_ROWS - 1) {
            return forced;
        }
        return JAVA_FEATURE == 17 ? TALL_ROWS : TALL_ROWS - 1;
    }

    /** A multiple of both tile heights, so only the last chunk has leftover rows. */
    private static int chunkRows(int k) {
        return Math.max(12, CHUNK_BYTES / (4 * k) / 12 * 12);
    }

    /**
     * Floats of panel scratch {@link #multiply} wants for {@code rows} rows of a K x N product, 0 when
     * it makes no panels (panels off, K small or not a whole number of vectors, no two-vector block, or
     * too few rows).
     */
    static int panelFloats(int k, int n, int rows) {
        boolean twoVectorBlock = false;
        for (int left = n / L; left > 0; left -= blockWidth(left)) {
            twoVectorBlock |= blockWidth(left) == 2;
        }
        if (!PANELS || k < PANEL_MIN_K || k % L != 0 || !twoVectorBlock || rows < TALL_ROWS) {
            return 0;
        }
        return Math.min(chunkRows(k), (rows + 11) / 12 * 12) * k;
    }

    /** Vectors in the next column block when {@code left} vectors of output remain. */
    private static int blockWidth(int left) {
        return left >= 4 && WIDE ? 4 : left >= 2 ? 2 : 1;
    }

    /**
     * Rows [from, to) of A, row r at a[aBase + r * k]; row r of Y at y[yBase + r * n]. With
     * {@code panels} (at least {@link #panelFloats} floats, or null for none) the two-vector blocks read
     * each chunk's six-row groups from panels copied there.
     */
    void multiply(float[] a, int aBase, float[] y, int yBase, int from, int to, float[] panels) {
        if (to - from < ROWS) {
            for (int r = from; r < to; r++) {
                singleRow(a, aBase + r * k, y, yBase + r * n, 0, blockCol.length);
            }
            return;
        }
        // equal chunks (multiples of 12 rows) rather than full ones and a sliver: a last chunk of one
        // row would run every column as a single latency-bound accumulator chain
        int chunks = (to - from + chunkRows - 1) / chunkRows;
        int size = ((to - from + chunks - 1) / chunks + 11) / 12 * 12;
        for (int c0 = from; c0 < to; c0 += size) {
            int c1 = Math.min(to, c0 + size);
            int panelRows = panels != null ? (c1 - c0) / TALL_ROWS * TALL_ROWS : 0;
            if (panelRows > 0) {
                packPanels(a, aBase + c0 * k, panelRows, panels);
            }
            for (int bl = 0; bl < blockCol.length; bl++) {
                int r = c0;
                if (blockVectors[bl] == 2) {
                    if (panelRows > 0) {
                        panelTiles6x2(panels, panelRows / TALL_ROWS, blockOffset[bl], y, yBase + r * n + blockCol[bl],
                                blockCol[bl]);
                        r += panelRows;
                    } else if (k == SIXTEEN_DEEP_K) {
                        r += sixteenDeepTiles(a, aBase + r * k, c1 - r, blockOffset[bl], y, yBase + r * n + blockCol[bl],
                                blockCol[bl]);
                    }
                    for (; r + TALL_ROWS <= c1; r += TALL_ROWS) {
                        tile6x2(a, aBase + r * k, blockOffset[bl], y, yBase + r * n + blockCol[bl], blockCol[bl]);
                    }
                    if (r < c1 && c1 - c0 >= TALL_ROWS) {
                        // the last 1-5 rows: one more six-row tile ending at c1 (rewriting a few raw sums
                        // with identical values), so the tail runs the tile the chunk ran. A four-row tile
                        // here ran once per layer call: C2 compiled it only after ~1000 inferences, and
                        // until then C1's Vector API code allocated ~20 KB per call (docs/KERNELS.md).
                        int last = c1 - TALL_ROWS;
                        if (k == SIXTEEN_DEEP_K) {
                            sixteenDeepTiles(a, aBase + last * k, TALL_ROWS, blockOffset[bl], y,
                                    yBase + last * n + blockCol[bl], blockCol[bl]);
                        } else {
                            tile6x2(a, aBase + last * k, blockOffset[bl], y, yBase + last * n + blockCol[bl],
                                    blockCol[bl]);
                        }
                        r = c1;
                    }
                }
                if (k == EIGHT_DEEP_K && blockVectors[bl] == 1) {
                    r += eightDeepRows(a, aBase + r * k, c1 - r, blockOffset[bl], y, yBase + r * n + blockCol[bl],
                            blockCol[bl]);
                }
                for (; r + ROWS <= c1; r += ROWS) {
                    rawTile(bl, a, aBase + r * k, y, yBase + r * n);
                }
                if (r < c1 && c1 - c0 >= ROWS) {
                    // the last 1-3 rows: a four-row tile ending at c1 that rewrites a few raw sums of
                    // this chunk (identical values; the activation runs after all blocks)
                    rawTile(bl, a, aBase + (c1 - ROWS) * k, y, yBase + (c1 - ROWS) * n);
                    r = c1;
                }
                for (; r < c1; r++) {
                    rawRow(bl, a, aBase + r * k, y, yBase + r * n);
                }
            }
            // one pass over the chunk's rows (still in L2): one long loop instead of a call per tile row.
            // (Hard-swish applied in the six-row tile's registers instead ran pointwise twice as slow.)
            act.apply(y, yBase + c0 * n, yBase + c1 * n);
        }
    }

    int blockVectors(int bl) {
        return blockVectors[bl];
    }

    int k() {
        return k;
    }

    int n() {
        return n;
    }

    int blocks() {
        return blockCol.length;
    }

    /** Four rows of A (stride k) against one column block, activation applied; Y rows at stride n. */
    void tile(int bl, float[] a, int a0, float[] y, int y0) {
        rawTile(bl, a, a0, y, y0);
        int col = blockCol[bl];
        int width = blockVectors[bl] * L;
        for (int r = 0; r < ROWS; r++) {
            act.apply(y, y0 + r * n + col, y0 + r * n + col + width);
        }
    }

    /** Four rows against one column block, raw sums (bias included). */
    private void rawTile(int bl, float[] a, int a0, float[] y, int y0) {
        int col = blockCol[bl];
        int bo = blockOffset[bl];
        switch (blockVectors[bl]) {
            case 4:
                tile4x4(a, a0, bo, y, y0 + col, col);
                break;
            case 2:
                tile4x2(a, a0, bo, y, y0 + col, col);
                break;
            default:
                tile4x1(a, a0, bo, y, y0 + col, col);
        }
    }

    /** One row of A against one column block, a vector at a time, activation applied. */
    void row(int bl, float[] a, int a0, float[] y, int y0) {
        rawRow(bl, a, a0, y, y0);
        int col = blockCol[bl];
        act.apply(y, y0 + col, y0 + col + blockVectors[bl] * L);
    }

    /** Like {@link #row} without the activation. */
    void rawRow(int bl, float[] a, int a0, float[] y, int y0) {
        int col = blockCol[bl];
        int width = blockVectors[bl] * L;
        for (int v = 0; v < width; v += L) {
            column(a, a0, blockOffset[bl] + v, width, col + v, y, y0 + col + v);
        }
    }

    /**
     * One row of A against all of B (a matrix-vector product, e.g. the squeeze-excitation convs and
     * the last conv on a 1x1 map): four two-vector blocks at a time, so eight independent accumulator
     * chains hide the FMA latency and four weight streams run sequentially; other blocks one by one.
     * Blocks [fromBlock, toBlock) only (a thread's share; split at multiples of {@link #SINGLE_ROW_BLOCKS}).
     */
    void singleRow(float[] a, int a0, float[] y, int y0, int fromBlock, int toBlock) {
        int bl = fromBlock;
        int blocks = toBlock;
        while (bl < blocks) {
            if (bl + 4 <= blocks && blockVectors[bl] == 2 && blockVectors[bl + 3] == 2) {
                rowFourBlocks(bl, a, a0, y, y0);
                bl += 4;
            } else {
                row(bl, a, a0, y, y0);
                bl++;
            }
        }
    }

    /** Blocks bl..bl+3, all two vectors wide (blocks only narrow at the end, so bl+3 decides). */
    private void rowFourBlocks(int bl, float[] a, int a0, float[] y, int y0) {
        int col = blockCol[bl];
        int o0 = blockOffset[bl];
        int o1 = blockOffset[bl + 1];
        int o2 = blockOffset[bl + 2];
        int o3 = blockOffset[bl + 3];
        FloatVector c0 = FloatVector.fromArray(S, bias, col);
        FloatVector c1 = FloatVector.fromArray(S, bias, col + L);
        FloatVector c2 = FloatVector.fromArray(S, bias, col + 2 * L);
        FloatVector c3 = FloatVector.fromArray(S, bias, col + 3 * L);
        FloatVector c4 = FloatVector.fromArray(S, bias, col + 4 * L);
        FloatVector c5 = FloatVector.fromArray(S, bias, col + 5 * L);
        FloatVector c6 = FloatVector.fromArray(S, bias, col + 6 * L);
        FloatVector c7 = FloatVector.fromArray(S, bias, col + 7 * L);
        for (int i = 0, bi = 0; i < k; i++, bi += 2 * L) {
            FloatVector v = FloatVector.broadcast(S, a[a0 + i]);
            c0 = v.fma(FloatVector.fromArray(S, b, o0 + bi), c0);
            c1 = v.fma(FloatVector.fromArray(S, b, o0 + bi + L), c1);
            c2 = v.fma(FloatVector.fromArray(S, b, o1 + bi), c2);
            c3 = v.fma(FloatVector.fromArray(S, b, o1 + bi + L), c3);
            c4 = v.fma(FloatVector.fromArray(S, b, o2 + bi), c4);
            c5 = v.fma(FloatVector.fromArray(S, b, o2 + bi + L), c5);
            c6 = v.fma(FloatVector.fromArray(S, b, o3 + bi), c6);
            c7 = v.fma(FloatVector.fromArray(S, b, o3 + bi + L), c7);
        }
        int yo = y0 + col;
        c0.intoArray(y, yo);
        c1.intoArray(y, yo + L);
        c2.intoArray(y, yo + 2 * L);
        c3.intoArray(y, yo + 3 * L);
        c4.intoArray(y, yo + 4 * L);
        c5.intoArray(y, yo + 5 * L);
        c6.intoArray(y, yo + 6 * L);
        c7.intoArray(y, yo + 7 * L);
        act.apply(y, yo, yo + 8 * L);
    }

    /** One output vector; its own method so the accumulator lives in a single loop (never boxed). */
    private void column(float[] a, int a0, int bi, int stride, int biasAt, float[] y, int yo) {
        FloatVector acc = FloatVector.fromArray(S, bias, biasAt);
        for (int i = 0; i < k; i++, bi += stride) {
            acc = FloatVector.broadcast(S, a[a0 + i]).fma(FloatVector.fromArray(S, b, bi), acc);
        }
        acc.intoArray(y, yo);
    }

    /**
     * Pixels one {@link #imageTile} call takes for block {@code bl} with pixels {@code step} floats
     * apart: six against a two-vector block ({@link #STEP2_IMAGE_ROWS} at step 2), eight against a
     * one-vector block, 0 where there is no such tile (four-vector blocks).
     */
    int imageRows(int bl, int step) {
        switch (blockVectors[bl]) {
            case 2:
                return step == 2 ? STEP2_IMAGE_ROWS : TALL_ROWS;
            case 1:
                return 8;
            default:
                return 0;
        }
    }

    /**
     * {@link #imageRows} rows of A read in place from an image instead of a gathered matrix: element
     * (r, i) is x[x0 + r * step + offset[i]] ({@code offset.length == k}), e.g. a convolution's window
     * taps at pixels {@code step} apart. Saves the stem its im2col copy. Y rows at stride n as usual;
     * raw sums (bias included): the caller runs {@link #activate}.
     */
    void imageTile(int bl, float[] x, int x0, int step, int[] offset, float[] y, int y0) {
        int col = blockCol[bl];
        if (blockVectors[bl] == 2 && step == 2 && STEP2_IMAGE_ROWS == 5) {
            image5x2Step2(x, x0, offset, blockOffset[bl], y, y0 + col, col);
        } else if (blockVectors[bl] == 2 && step == 2) {
            image6x2Step2(x, x0, offset, blockOffset[bl], y, y0 + col, col);
        } else if (blockVectors[bl] == 2) {
            image6x2(x, x0, step, offset, blockOffset[bl], y, y0 + col, col);
        } else {
            image8x1(x, x0, step, offset, blockOffset[bl], y, y0 + col, col);
        }
    }

    /**
     * Like {@link #imageTile} for a window 3 wide at stride 2 over rows of consecutive floats (NCHW
     * input, the PP-LCNet stem): {@code tapRowX[j]} is the image offset and {@code tapRowK[j]} the row
     * of B of tap row j's first tap (kx = 0); its kx = 1, 2 taps are the next floats of the image and
     * lie {@code kxStep} rows further down B. One-vector blocks only (eight pixels): a two-vector
     * version ran slower than {@link #imageTile} on AVX2 (register pressure).
     */
    void imageTileStride2(int bl, float[] x, int x0, int[] tapRowX, int[] tapRowK, int kxStep, float[] y, int y0) {
        int col = blockCol[bl];
        image8x1Stride2(x, x0, tapRowX, tapRowK, kxStep * L, y, y0 + col, col, blockOffset[bl]);
    }

    /** The fused activation over y[from, to) (after raw tiles). */
    void activate(float[] y, int from, int to) {
        act.apply(y, from, to);
    }

    /**
     * Eight pixels against a one-vector block, for a 3-wide window at stride 2 over NCHW rows: per tap
     * row (channel, ky) the eight pixels' kx = 0 taps, then their kx = 1 and kx = 2 taps, at fixed
     * offsets from one base (C2 bounds-checks such constant offsets once, not per load). Ordered tap by
     * tap, not pixel by pixel with each of the 17 floats loaded once and used twice: that order let C2
     * hoist the loads, run out of registers and keep two accumulators on the stack (disassembled); this
     * one ran the x0_25 stem 10% faster on JDK 17 and 7% on JDK 25 (bench/rounds/round-06.md). Each
     * pixel's sum keeps the same order (tap rows, then kx).
     */
    private void image8x1Stride2(float[] x, int x0, int[] tapRowX, int[] tapRowK, int kxW, float[] y, int yo, int col,
            int bo) {
        FloatVector c0 = FloatVector.fromArray(S, bias, col);
        FloatVector c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        for (int j = 0; j < tapRowX.length; j++) {
            int xi = x0 + tapRowX[j];
            int bi = bo + tapRowK[j] * L;
            FloatVector w0 = FloatVector.fromArray(S, b, bi);
            FloatVector w1 = FloatVector.fromArray(S, b, bi + kxW);
            FloatVector w2 = FloatVector.fromArray(S, b, bi + 2 * kxW);
            c0 = FloatVector.broadcast(S, x[xi]).fma(w0, c0);
            c1 = FloatVector.broadcast(S, x[xi + 2]).fma(w0, c1);
            c2 = FloatVector.broadcast(S, x[xi + 4]).fma(w0, c2);
            c3 = FloatVector.broadcast(S, x[xi + 6]).fma(w0, c3);
            c4 = FloatVector.broadcast(S, x[xi + 8]).fma(w0, c4);
            c5 = FloatVector.broadcast(S, x[xi + 10]).fma(w0, c5);
            c6 = FloatVector.broadcast(S, x[xi + 12]).fma(w0, c6);
            c7 = FloatVector.broadcast(S, x[xi + 14]).fma(w0, c7);
            c0 = FloatVector.broadcast(S, x[xi + 1]).fma(w1, c0);
            c1 = FloatVector.broadcast(S, x[xi + 3]).fma(w1, c1);
            c2 = FloatVector.broadcast(S, x[xi + 5]).fma(w1, c2);
            c3 = FloatVector.broadcast(S, x[xi + 7]).fma(w1, c3);
            c4 = FloatVector.broadcast(S, x[xi + 9]).fma(w1, c4);
            c5 = FloatVector.broadcast(S, x[xi + 11]).fma(w1, c5);
            c6 = FloatVector.broadcast(S, x[xi + 13]).fma(w1, c6);
            c7 = FloatVector.broadcast(S, x[xi + 15]).fma(w1, c7);
            c0 = FloatVector.broadcast(S, x[xi + 2]).fma(w2, c0);
            c1 = FloatVector.broadcast(S, x[xi + 4]).fma(w2, c1);
            c2 = FloatVector.broadcast(S, x[xi + 6]).fma(w2, c2);
            c3 = FloatVector.broadcast(S, x[xi + 8]).fma(w2, c3);
            c4 = FloatVector.broadcast(S, x[xi + 10]).fma(w2, c4);
            c5 = FloatVector.broadcast(S, x[xi + 12]).fma(w2, c5);
            c6 = FloatVector.broadcast(S, x[xi + 14]).fma(w2, c6);
            c7 = FloatVector.broadcast(S, x[xi + 16]).fma(w2, c7);
        }
        c0.intoArray(y, yo);
        c1.intoArray(y, yo + n);
        c2.intoArray(y, yo + 2 * n);
        c3.intoArray(y, yo + 3 * n);
        c4.intoArray(y, yo + 4 * n);
        c5.intoArray(y, yo + 5 * n);
        c6.intoArray(y, yo + 6 * n);
        c7.intoArray(y, yo + 7 * n);
    }

    /** Copies {@code rows} (a multiple of six) rows from a[a0] on into six-row panels [K / L][6][L]. */
    private void packPanels(float[] a, int a0, int rows, float[] panels) {
        for (int r = 0; r < rows; r += TALL_ROWS) {
            int panel = r * k;
            for (int j = 0; j < TALL_ROWS; j++) {
                int row = a0 + (r + j) * k;
                for (int i = 0; i < k; i += L) {
                    FloatVector.fromArray(S, a, row + i).intoArray(panels, panel + i * TALL_ROWS + j * L);
                }
            }
        }
    }
}
