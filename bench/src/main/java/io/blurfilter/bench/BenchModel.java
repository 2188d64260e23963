package io.blurfilter.bench;

import io.blurfilter.engine.format.ModelFile;
import java.nio.file.Path;

/**
 * The networks compared: PP-LCNet x1_0 at 224 with and without the last 1x1 conv, and x0_25. ONNX
 * Runtime runs the fixture file; blurfilter runs the same architecture built on the graph API (random
 * weights until the converter is on main; then it runs the converted fixture with the same weights).
 */
public enum BenchModel {
    X1_0_LAST(1.0, true, "lcnet_x1_0_last_op13.onnx"),
    X1_0_NOLAST(1.0, false, "lcnet_x1_0_nolast_op14.onnx"),
    X0_25_NOLAST(0.25, false, "lcnet_x0_25_nolast_op14.onnx");

    public static final int SIZE = 224;
    public static final int[] INPUT_SHAPE = {1, 3, SIZE, SIZE};

    private final double scale;
    private final boolean lastConv;
    private final String onnxFile;

    BenchModel(double scale, boolean lastConv, String onnxFile) {
        this.scale = scale;
        this.lastConv = lastConv;
        this.onnxFile = onnxFile;
    }

    public ModelFile blurfilter() {
        return LcnetGraphs.lcnet(scale, lastConv, SIZE);
    }

    public Path onnx() {
        return Fixtures.dir().resolve(onnxFile);
    }
}
