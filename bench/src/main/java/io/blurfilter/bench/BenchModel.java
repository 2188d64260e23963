package io.blurfilter.bench;

import io.blurfilter.converter.ConvertOptions;
import io.blurfilter.converter.Converter;
import io.blurfilter.engine.format.ModelFile;
import java.nio.file.Path;

/**
 * The networks compared: PP-LCNet x1_0 at 224 with and without the last 1x1 conv, and x0_25. ONNX
 * Runtime runs the fixture file and blurfilter runs the same file converted by the blurfilter
 * converter, so both engines see the same weights ({@link SameWeightsCheck} verifies the outputs).
 */
public enum BenchModel {
    X1_0_LAST("lcnet_x1_0_last_op13.onnx"),
    X1_0_NOLAST("lcnet_x1_0_nolast_op14.onnx"),
    X0_25_NOLAST("lcnet_x0_25_nolast_op14.onnx");

    public static final int SIZE = 224;
    public static final int[] INPUT_SHAPE = {1, 3, SIZE, SIZE};

    private final String onnxFile;
    private volatile ModelFile converted;

    BenchModel(String onnxFile) {
        this.onnxFile = onnxFile;
    }

    /** The fixture converted once per JVM (conversion is not what the benchmarks time). */
    public ModelFile blurfilter() {
        ModelFile m = converted;
        if (m == null) {
            try {
                m = Converter.convertOnnx(onnx(), new ConvertOptions().inputShape(INPUT_SHAPE)).model();
            } catch (Exception e) {
                throw new IllegalStateException("cannot convert " + onnx(), e);
            }
            converted = m;
        }
        return m;
    }

    public Path onnx() {
        return Fixtures.dir().resolve(onnxFile);
    }
}
