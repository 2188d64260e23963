package io.blurfilter.converter.paddle;

import static io.blurfilter.converter.paddle.PirJson.f32;
import static io.blurfilter.converter.paddle.PirJson.f64;
import static io.blurfilter.converter.paddle.PirJson.i64s;
import static io.blurfilter.converter.paddle.PirJson.intArray;
import static io.blurfilter.converter.paddle.PirJson.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.converter.ConversionException;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.ModelMetadata;
import io.blurfilter.engine.Postprocessing;
import io.blurfilter.engine.Preprocessing;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** One targeted test per trap of reference §0 (and asymmetric strides), on small PIR programs. */
class PaddleTrapsTest {
    /** Converts a program with the given weights (written to a real .pdiparams in sorted order). */
    static Graph convert(PirJson json, Map<String, float[]> weights) throws ConversionException {
        PaddleProgram p = PirProgramReader.read("t.json", json.build().getBytes(StandardCharsets.UTF_8));
        List<long[]> dims = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        for (String name : p.parameterNamesInFileOrder()) {
            dims.add(p.parameter(name).dims());
            values.add(weights.get(name));
        }
        List<ParamTensor> params = PdiparamsReader.read("t.pdiparams", PdiparamsWriter.write(dims, values));
        return PaddleConverter.toGraph(p, params, "t.pdiparams");
    }

    static float[] run(Graph g, int[] shape, float[] x) {
        ModelMetadata meta = new ModelMetadata("t", shape, Preprocessing.resizeTo(shape[3], shape[2]), List.of(),
                Postprocessing.top1(), Map.of());
        try (Model m = Model.of(new ModelFile(meta, g))) {
            return m.run(new Tensor(shape, x)).data();
        }
    }

    static Node only(Graph g, OpType op) {
        List<Node> found = g.nodes().stream().filter(n -> n.op() == op).toList();
        assertEquals(1, found.size(), op + " in " + g.nodes());
        return found.get(0);
    }

    @Test
    void dropoutDowngradeInInferScalesByOneMinusP() throws Exception {
        PirJson j = new PirJson().data(1, -1, 2, 1, 1)
                .op("1.full", new int[0], new int[] {2}, intArray("shape", 1), f64("value", 0.3),
                        str("dtype", "float32"))
                .op("1.dropout", new int[] {1, 0, 2}, new int[] {3, 4}, PirJson.bool("is_test", true),
                        str("mode", "downgrade_in_infer"))
                .fetch(3);
        Graph g = convert(j, Map.of());
        assertEquals(0.7f, only(g, OpType.SCALE).attributes().floatValue("scale", 0), 1e-7f);
        assertArrayEquals(new float[] {0.7f * 2, 0.7f * -5}, run(g, new int[] {1, 2, 1, 1}, new float[] {2, -5}), 1e-6f);
    }

    @Test
    void dropoutUpscaleInTrainIsIdentityAtInference() throws Exception {
        PirJson j = new PirJson().data(1, -1, 2, 1, 1)
                .op("1.full", new int[0], new int[] {2}, intArray("shape", 1), f64("value", 0.3),
                        str("dtype", "float32"))
                .op("1.dropout", new int[] {1, 0, 2}, new int[] {3, 4}, str("mode", "upscale_in_train"))
                .op("1.relu", new int[] {3}, new int[] {5})
                .fetch(5);
        Graph g = convert(j, Map.of());
        assertEquals(Map.of(OpType.RELU, 1), g.opCounts());
    }

    @Test
    void hardsigmoidSlopeAndOffsetComeFromTheFile() throws Exception {
        PirJson j = new PirJson().data(1, -1, 1, 1, 3)
                .op("1.hardsigmoid", new int[] {1}, new int[] {2}, f32("slope", 0.3), f32("offset", 0.4))
                .fetch(2);
        Graph g = convert(j, Map.of());
        Node hs = only(g, OpType.HARD_SIGMOID);
        assertEquals(0.3f, hs.attributes().floatValue("alpha", 0));
        assertEquals(0.4f, hs.attributes().floatValue("beta", 0));
        assertArrayEquals(new float[] {0.4f, 0.7f, 1f}, run(g, new int[] {1, 1, 1, 3}, new float[] {0, 1, 3}), 1e-6f);
    }

    @Test
    void linearWeightIsInOut() throws Exception {
        // x [1,3] @ W [3,2] + b: W is stored [in, out], so Gemm must not transpose it.
        PirJson j = new PirJson().param(10, "linear_0.w_0", 3, 2).param(11, "linear_0.b_0", 2)
                .data(1, -1, 3, 1, 1)
                .op("1.flatten", new int[] {1}, new int[] {2}, PirJson.i32("start_axis", 1), PirJson.i32("stop_axis", 3))
                .op("1.matmul", new int[] {2, 10}, new int[] {3}, PirJson.bool("transpose_x", false),
                        PirJson.bool("transpose_y", false))
                .op("1.add", new int[] {3, 11}, new int[] {4})
                .fetch(4);
        float[] w = {1, 2, 3, 4, 5, 6};
        Graph g = convert(j, Map.of("linear_0.w_0", w, "linear_0.b_0", new float[] {0.5f, -0.5f}));
        Node gemm = only(g, OpType.GEMM);
        assertEquals(0, gemm.attributes().intValue("transB", 0));
        assertEquals(3, gemm.inputs().size(), "bias folded into Gemm");
        float[] x = {1, 10, 100};
        float[] expected = {1 * 1 + 10 * 3 + 100 * 5 + 0.5f, 1 * 2 + 10 * 4 + 100 * 6 - 0.5f};
        assertArrayEquals(expected, run(g, new int[] {1, 3, 1, 1}, x), 1e-4f);
    }

    @Test
    void parametersAreReadInSortedNameOrderNotGraphOrder() throws Exception {
        // Graph order b, a, Z; file order (byte-wise) Z, a, b. Shapes are equal so only values tell.
        PirJson j = new PirJson().param(10, "b", 1, 1, 1, 1).param(11, "a", 1, 1, 1, 1).param(12, "Z", 1, 1, 1, 1)
                .data(1, -1, 1, 1, 1)
                .op("1.multiply", new int[] {1, 10}, new int[] {2})
                .op("1.add", new int[] {2, 11}, new int[] {3})
                .op("1.multiply", new int[] {3, 12}, new int[] {4})
                .fetch(4);
        Graph g = convert(j, Map.of("b", new float[] {2}, "a", new float[] {3}, "Z", new float[] {5}));
        assertArrayEquals(new float[] {(1 * 2 + 3) * 5}, run(g, new int[] {1, 1, 1, 1}, new float[] {1}), 1e-6f);
        PaddleProgram p = PirProgramReader.read("t.json", j.build().getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("Z", "a", "b"), p.parameterNamesInFileOrder());
    }

    @Test
    void seConvBiasViaReshapeAndAddBecomesConvBias() throws Exception {
        PirJson j = new PirJson().param(10, "conv2d_0.w_0", 2, 1, 1, 1).param(11, "conv2d_0.b_0", 2)
                .data(1, -1, 1, 1, 1)
                .op("1.conv2d", new int[] {1, 10}, new int[] {2}, PirJson.conv(new int[] {1, 1}, new int[] {0, 0}, 1))
                .op("1.full_int_array", new int[0], new int[] {3}, i64s("value", 1, -1, 1, 1), str("dtype", "int64"))
                .op("1.reshape", new int[] {11, 3}, new int[] {4, 5})
                .op("1.add", new int[] {2, 4}, new int[] {6})
                .fetch(6);
        Graph g = convert(j, Map.of("conv2d_0.w_0", new float[] {2, 3}, "conv2d_0.b_0", new float[] {10, 20}));
        Node conv = only(g, OpType.CONV);
        assertEquals(3, conv.inputs().size());
        assertArrayEquals(new int[] {2}, g.weight(conv.input(2)).shape());
        assertEquals(null, g.opCounts().get(OpType.ADD));
        assertArrayEquals(new float[] {2 * 4 + 10, 3 * 4 + 20}, run(g, new int[] {1, 1, 1, 1}, new float[] {4}), 1e-6f);
    }

    @Test
    void pirBatchNormOperandsAreXMeanVarianceScaleBias() throws Exception {
        PirJson j = new PirJson().param(10, "mean", 1).param(11, "var", 1).param(12, "scale", 1).param(13, "bias", 1)
                .data(1, -1, 1, 1, 1)
                .op("1.batch_norm_", new int[] {1, 10, 11, 12, 13}, new int[] {2, 3, 4, 5, 6, 7},
                        PirJson.bool("is_test", true), f32("epsilon", 0), str("data_format", "NCHW"))
                .fetch(2);
        Graph g = convert(j, Map.of("mean", new float[] {1}, "var", new float[] {4}, "scale", new float[] {3},
                "bias", new float[] {0.5f}));
        Node bn = only(g, OpType.BATCH_NORM);
        // Engine order (x, scale, bias, mean, var).
        assertEquals(List.of("scale", "bias", "mean", "var"), bn.inputs().subList(1, 5));
        assertArrayEquals(new float[] {(5 - 1) / 2f * 3 + 0.5f}, run(g, new int[] {1, 1, 1, 1}, new float[] {5}),
                1e-5f);
    }

    @Test
    void asymmetricStridesAreKept() throws Exception {
        PirJson j = new PirJson().param(10, "w", 1, 1, 3, 3).data(1, -1, 1, 8, 8)
                .op("1.depthwise_conv2d", new int[] {1, 10}, new int[] {2},
                        PirJson.conv(new int[] {2, 1}, new int[] {1, 1}, 1))
                .fetch(2);
        float[] w = new float[9];
        w[4] = 1;
        Graph g = convert(j, Map.of("w", w));
        assertArrayEquals(new int[] {2, 1}, only(g, OpType.CONV).attributes().ints("strides"));
        float[] x = new float[64];
        for (int i = 0; i < 64; i++) {
            x[i] = i;
        }
        float[] y = run(g, new int[] {1, 1, 8, 8}, x);
        assertEquals(4 * 8, y.length, "floor((8 + 2 - 3) / 2) + 1 = 4 rows, 8 columns");
        assertEquals(x[2 * 8 + 5], y[8 + 5]);
    }

    @Test
    void batchNormInTrainingModeIsRefused() {
        PirJson j = new PirJson().param(10, "m", 1).param(11, "v", 1).param(12, "s", 1).param(13, "b", 1)
                .data(1, -1, 1, 1, 1)
                .op("1.batch_norm_", new int[] {1, 10, 11, 12, 13}, new int[] {2},
                        PirJson.bool("is_test", false), PirJson.bool("use_global_stats", false), str("struct_name", "/N/BN/"))
                .fetch(2);
        Map<String, float[]> w = new TreeMap<>(Map.of("m", new float[1], "v", new float[] {1}, "s", new float[] {1},
                "b", new float[1]));
        ConversionException e = assertThrows(ConversionException.class, () -> convert(j, w));
        assertTrue(e.getMessage().contains("op #5 1.batch_norm_ (/N/BN/)") && e.getMessage().contains("is_test"),
                e.getMessage());
    }

    @Test
    void unknownOpIsRefusedWithItsLocation() {
        PirJson j = new PirJson().data(1, -1, 1, 1, 1)
                .op("1.roi_align", new int[] {1}, new int[] {2}, str("struct_name", "/Net/RoIAlign/"))
                .fetch(2);
        ConversionException e = assertThrows(ConversionException.class, () -> convert(j, Map.of()));
        assertEquals("t.json: op #1 1.roi_align (/Net/RoIAlign/): unsupported op type 'roi_align'", e.getMessage());
    }

    @Test
    void unsupportedAttributeValueIsRefusedByName() {
        PirJson j = new PirJson().param(10, "w", 1, 1, 3, 3).data(1, -1, 1, 8, 8)
                .op("1.conv2d", new int[] {1, 10}, new int[] {2}, PirJson.i32s("strides", 1, 1),
                        PirJson.i32s("paddings", 1, 1), str("padding_algorithm", "CIRCULAR"), PirJson.i32("groups", 1),
                        str("struct_name", "/Net/Conv/"))
                .fetch(2);
        ConversionException e = assertThrows(ConversionException.class, () -> convert(j, Map.of("w", new float[9])));
        assertTrue(e.getMessage().contains("op #2 1.conv2d (/Net/Conv/)")
                && e.getMessage().contains("padding_algorithm=CIRCULAR"), e.getMessage());
    }

    @Test
    void paramsFileWithWrongShapesIsRefused() {
        PirJson j = new PirJson().param(10, "w", 1, 1, 3, 3).data(1, -1, 1, 8, 8)
                .op("1.conv2d", new int[] {1, 10}, new int[] {2}, PirJson.conv(new int[] {1, 1}, new int[] {1, 1}, 1))
                .fetch(2);
        ConversionException e = assertThrows(ConversionException.class, () -> {
            PaddleProgram p = PirProgramReader.read("t.json", j.build().getBytes(StandardCharsets.UTF_8));
            byte[] file = PdiparamsWriter.write(List.of(new long[] {9}), List.of(new float[9]));
            PaddleConverter.toGraph(p, PdiparamsReader.read("t.pdiparams", file), "t.pdiparams");
        });
        assertTrue(e.getMessage().startsWith("t.pdiparams: tensor #0 ('w') has dims [9]"), e.getMessage());
    }
}
