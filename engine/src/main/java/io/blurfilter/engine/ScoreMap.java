package io.blurfilter.engine;

/**
 * Per-region scores of one image, from one of two origins ({@link #fromHead()}):
 * <ul>
 * <li>the <b>classifier map</b> ({@link Model#classifierMap}, and {@link Model#scoreMap} for a file
 * without a map head): the model's fully connected head applied to each cell of the feature map its
 * global pool averages, instead of to their average. For a model that ends in softmax, {@link #score}
 * is each cell's class probability; the mean of the cells' {@link #logit}s is the logit the model
 * computed for the whole input, in the same pass, whose result is {@link #classification()}.
 * <li>the <b>head's map</b> ({@link Model#headMap}, and {@link Model#scoreMap} for a file with one):
 * the trained map head's one logit per cell, laid out over the classifier's classes as
 * {@link #fromHead()} says. The cells' mean logit has no relation to the whole input's;
 * {@link #classification()} is still the classifier's verdict from the same pass.
 * </ul>
 *
 * <p>Geometry is in the image's pixel coordinates (pixel {@code (x, y)} covers {@code [x, x+1) x [y, y+1)}):
 * cell {@code (row, col)} is centred on {@code (centerX(col), centerY(row))}, one feature-map stride
 * (for a head's map, its declared stride; {@link #cellWidth()} x {@link #cellHeight()}) from its
 * neighbours. Its receptive field is far larger.
 * Immutable.
 */
public final class ScoreMap {
    private final int rows;
    private final int cols;
    private final int classes;
    private final float[] logits;
    private final float[] scores;
    private final boolean probabilities;
    private final Tensor output;
    private final Classification classification;
    private final int imageWidth;
    private final int imageHeight;
    /** Per axis (0 = y, 1 = x): centre of cell 0 and distance between cells, in image pixels. */
    private final double[] first;
    private final double[] step;
    /** The part of the image the model's input covered: left, top, right, bottom. */
    private final double[] covered;
    private final boolean fromHead;

    ScoreMap(int rows, int cols, int classes, float[] logits, float[] scores, boolean probabilities, Tensor output,
            Classification classification, int imageWidth, int imageHeight, double[] first, double[] step,
            double[] covered, boolean fromHead) {
        this.fromHead = fromHead;
        this.rows = rows;
        this.cols = cols;
        this.classes = classes;
        this.logits = logits;
        this.scores = scores;
        this.probabilities = probabilities;
        this.output = output;
        this.classification = classification;
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.first = first;
        this.step = step;
        this.covered = covered;
    }

    /**
     * Whether the cells come from the model file's trained map head ({@link Model#hasMapHead()}) rather
     * than the classifier's fully connected layer applied per cell. A head's map has the classifier's
     * classes: the positive class's logit is the head's and the others' 0, so for a two-class model
     * {@link #score} is the head's sigmoid and one minus it. The classifier map's property that the
     * cells' mean logit is the whole input's does not hold for it.
     */
    public boolean fromHead() {
        return fromHead;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of classes, as many as the model's output has. */
    public int classes() {
        return classes;
    }

    /** Whether {@link #score} is a probability (the model ends in softmax) rather than a logit. */
    public boolean probabilities() {
        return probabilities;
    }

    /** The class's probability in one cell (its logit when the model has no softmax). */
    public float score(int classIndex, int row, int col) {
        return scores[index(classIndex, row, col)];
    }

    /**
     * The class's logit in one cell: the fully connected layer applied to that cell's features, or for a
     * {@link #fromHead() head's map} the head's logit (positive class) or 0 (the others).
     */
    public float logit(int classIndex, int row, int col) {
        return logits[index(classIndex, row, col)];
    }

    /** One class's scores, row-major ({@code rows * cols}, a copy). */
    public float[] scores(int classIndex) {
        float[] out = new float[rows * cols];
        System.arraycopy(scores, index(classIndex, 0, 0), out, 0, out.length);
        return out;
    }

    /** One class's logits, row-major ({@code rows * cols}, a copy). */
    public float[] logits(int classIndex) {
        float[] out = new float[rows * cols];
        System.arraycopy(logits, index(classIndex, 0, 0), out, 0, out.length);
        return out;
    }

    /** The model's output from the same pass: for an image, what classifying that input gives. */
    public Tensor output() {
        return new Tensor(output.shape(), output.data().clone());
    }

    /** The classification of the same pass ({@link #output()} postprocessed as the model says). */
    public Classification classification() {
        return classification;
    }

    /** Width of the image the map describes (for a {@link Tensor} input, the tensor's). */
    public int imageWidth() {
        return imageWidth;
    }

    public int imageHeight() {
        return imageHeight;
    }

    /** X of the centre of the cells in column {@code col}, in image pixels. */
    public double centerX(int col) {
        return first[1] + step[1] * col;
    }

    /** Y of the centre of the cells in row {@code row}, in image pixels. */
    public double centerY(int row) {
        return first[0] + step[0] * row;
    }

    /** Distance between neighbouring cells' centres along x, in image pixels (the model's stride). */
    public double cellWidth() {
        return step[1];
    }

    public double cellHeight() {
        return step[0];
    }

    /** Left edge of the part of the image the model saw: 0 for a whole-frame map, the crop's edge otherwise. */
    public double coveredLeft() {
        return covered[0];
    }

    public double coveredTop() {
        return covered[1];
    }

    public double coveredRight() {
        return covered[2];
    }

    public double coveredBottom() {
        return covered[3];
    }

    /**
     * The class's score at image point {@code (x, y)}: bilinear between the four nearest cell centres,
     * the nearest edge cells' value beyond them.
     */
    public float scoreAt(int classIndex, double x, double y) {
        index(classIndex, 0, 0);
        double u = clamp((x - first[1]) / step[1], cols - 1);
        double v = clamp((y - first[0]) / step[0], rows - 1);
        int c0 = (int) u;
        int r0 = (int) v;
        int c1 = Math.min(c0 + 1, cols - 1);
        int r1 = Math.min(r0 + 1, rows - 1);
        double fx = u - c0;
        double fy = v - r0;
        int base = classIndex * rows * cols;
        double top = scores[base + r0 * cols + c0] * (1 - fx) + scores[base + r0 * cols + c1] * fx;
        double bottom = scores[base + r1 * cols + c0] * (1 - fx) + scores[base + r1 * cols + c1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    /**
     * The class's scores on a {@code width x height} raster laid over the whole image (its pixel
     * centres at {@code ((x + 0.5) * imageWidth / width, ...)}), by {@link #scoreAt}: at the image's
     * own size, one value per pixel. Row-major.
     */
    public float[] resample(int classIndex, int width, int height) {
        index(classIndex, 0, 0);
        if (width < 1 || height < 1 || (long) width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("invalid raster size " + width + "x" + height);
        }
        float[] out = new float[width * height];
        double sx = (double) imageWidth / width;
        double sy = (double) imageHeight / height;
        for (int y = 0; y < height; y++) {
            double iy = (y + 0.5) * sy;
            for (int x = 0; x < width; x++) {
                out[y * width + x] = scoreAt(classIndex, (x + 0.5) * sx, iy);
            }
        }
        return out;
    }

    private static double clamp(double t, int max) {
        return t < 0 ? 0 : t > max ? max : t;
    }

    private int index(int classIndex, int row, int col) {
        if (classIndex < 0 || classIndex >= classes || row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("class " + classIndex + ", cell (" + row + ", " + col + ") outside "
                    + classes + " classes of " + rows + "x" + cols);
        }
        return (classIndex * rows + row) * cols + col;
    }

    @Override
    public String toString() {
        return "ScoreMap[" + rows + "x" + cols + " cells of " + String.format(java.util.Locale.ROOT, "%.1fx%.1f",
                step[1], step[0]) + " px over a " + imageWidth + "x" + imageHeight + " image, " + classification + "]";
    }
}
