package io.blurfilter.cli.scan;

/**
 * A photo's blur map as {@code scan --maps} reports it: {@code rows x cols} cells, cell {@code (r, c)}
 * centred on {@code (x0 + c * cellWidth, y0 + r * cellHeight)} in the photo's full-resolution, upright
 * pixels, its blur probability {@code blur[r * cols + c]}; where its overlay PNG was written; and
 * {@code preview}, a small overlay PNG for the HTML report (null when no report shows it).
 */
public record RegionGrid(int rows, int cols, double x0, double y0, double cellWidth, double cellHeight, float[] blur,
        String overlay, byte[] preview) {
    /** A map without a preview for the report. */
    public RegionGrid(int rows, int cols, double x0, double y0, double cellWidth, double cellHeight, float[] blur,
            String overlay) {
        this(rows, cols, x0, y0, cellWidth, cellHeight, blur, overlay, null);
    }

    public float blur(int row, int col) {
        return blur[row * cols + col];
    }
}
