package io.blurfilter.cli.scan;

/**
 * A photo's blur map as {@code scan --maps} reports it: {@code rows x cols} cells, cell {@code (r, c)}
 * centred on {@code (x0 + c * cellWidth, y0 + r * cellHeight)} in the photo's full-resolution, upright
 * pixels, its blur probability {@code blur[r * cols + c]}; and where its overlay PNG was written.
 */
public record RegionGrid(int rows, int cols, double x0, double y0, double cellWidth, double cellHeight, float[] blur,
        String overlay) {
    public float blur(int row, int col) {
        return blur[row * cols + col];
    }
}
