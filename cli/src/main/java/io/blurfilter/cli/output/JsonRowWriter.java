package io.blurfilter.cli.output;

import io.blurfilter.cli.scan.RegionGrid;
import io.blurfilter.cli.scan.ScanRow;
import io.blurfilter.imageio.PhotoMetadata;
import java.io.Flushable;
import java.io.IOException;

/**
 * One JSON object per row: as a JSON array (one element per line) or as JSON Lines. Failed files
 * have {@code blur_score}, {@code label}, {@code width} and {@code height} null; fine ones have
 * {@code error} null. The photo metadata fields follow, null where the photo lacks a value (always,
 * for failed files). With {@code scan --maps}, a {@code map} object follows: the grid of blur
 * probabilities and its geometry.
 */
final class JsonRowWriter implements RowWriter {
    private final Appendable out;
    private final Flushable flush;
    private final boolean lines;
    private boolean first = true;

    JsonRowWriter(Appendable out, Flushable flush, boolean lines) {
        this.out = out;
        this.flush = flush;
        this.lines = lines;
    }

    @Override
    public void begin() throws IOException {
        if (!lines) {
            out.append('[');
        }
    }

    @Override
    public void row(ScanRow r) throws IOException {
        if (!lines) {
            out.append(first ? "\n" : ",\n");
        }
        first = false;
        out.append("{\"path\":").append(Json.string(r.displayPath()));
        if (Float.isNaN(r.blurScore())) {
            out.append(",\"blur_score\":null,\"label\":null,\"width\":null,\"height\":null");
        } else {
            out.append(",\"blur_score\":").append(Json.number(r.blurScore())).append(",\"label\":")
                    .append(Json.string(r.label())).append(",\"width\":").append(Integer.toString(r.width()))
                    .append(",\"height\":").append(Integer.toString(r.height()));
        }
        out.append(",\"error\":").append(Json.string(r.error()));
        PhotoMetadata m = r.metadata();
        out.append(",\"exposure_time\":").append(Json.number(m.exposureTime()))
                .append(",\"iso\":").append(Json.number(m.iso()))
                .append(",\"focal_length\":").append(Json.number(m.focalLength()))
                .append(",\"f_number\":").append(Json.number(m.fNumber()))
                .append(",\"camera_make\":").append(Json.string(m.cameraMake()))
                .append(",\"camera_model\":").append(Json.string(m.cameraModel()))
                .append(",\"capture_time\":").append(Json.string(m.captureTime()));
        if (r.map() != null) {
            appendMap(r.map());
        }
        out.append('}');
        if (lines) {
            out.append('\n');
        }
    }

    /** {@code scan --maps}: the grid of blur probabilities, row by row, and its geometry in the photo's pixels. */
    private void appendMap(RegionGrid g) throws IOException {
        out.append(",\"map\":{\"rows\":").append(Integer.toString(g.rows()))
                .append(",\"cols\":").append(Integer.toString(g.cols()))
                .append(",\"x0\":").append(Json.number(g.x0()))
                .append(",\"y0\":").append(Json.number(g.y0()))
                .append(",\"cell_width\":").append(Json.number(g.cellWidth()))
                .append(",\"cell_height\":").append(Json.number(g.cellHeight()))
                .append(",\"overlay\":").append(Json.string(g.overlay()))
                .append(",\"blur\":[");
        for (int row = 0; row < g.rows(); row++) {
            out.append(row == 0 ? "[" : ",[");
            for (int col = 0; col < g.cols(); col++) {
                if (col > 0) {
                    out.append(',');
                }
                out.append(Json.number(g.blur(row, col)));
            }
            out.append(']');
        }
        out.append("]}");
    }

    @Override
    public void finish() throws IOException {
        if (!lines) {
            out.append(first ? "]\n" : "\n]\n");
        }
        flush.flush();
    }
}
