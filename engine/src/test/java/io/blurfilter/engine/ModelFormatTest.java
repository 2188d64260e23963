package io.blurfilter.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.format.ModelReader;
import io.blurfilter.engine.format.ModelWriter;
import io.blurfilter.engine.graph.Node;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFormatTest {
    @Test
    void roundTripKeepsEverything() throws Exception {
        ModelFile m = TinyModels.classifier(1);
        ModelFile back = ModelReader.read(ModelWriter.toBytes(m), "tiny.bfm");
        assertEquals(m.metadata().name(), back.metadata().name());
        assertArrayEquals(m.metadata().inputShape(), back.metadata().inputShape());
        assertArrayEquals(new int[] {1, 3, -1, -1}, back.graph().inputShape());
        assertEquals(m.metadata().labels(), back.metadata().labels());
        assertEquals(m.metadata().provenance(), back.metadata().provenance());
        assertEquals(m.metadata().preprocessing().toString(), back.metadata().preprocessing().toString());
        assertEquals(m.metadata().postprocessing().toString(), back.metadata().postprocessing().toString());
        assertSameGraph(m, back);
    }

    private static void assertSameGraph(ModelFile m, ModelFile back) {
        assertEquals(m.graph().nodes().size(), back.graph().nodes().size());
        for (int i = 0; i < m.graph().nodes().size(); i++) {
            Node a = m.graph().nodes().get(i);
            Node b = back.graph().nodes().get(i);
            assertEquals(a.op(), b.op());
            assertEquals(a.inputs(), b.inputs());
            assertEquals(a.attributes(), b.attributes());
        }
        for (String name : m.graph().weights().keySet()) {
            assertArrayEquals(m.graph().weight(name).data(), back.graph().weight(name).data(), name);
        }
    }

    @Test
    void writesAtomicallyAndLoadsFromPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.bfm");
        ModelWriter.write(TinyModels.classifier(2), file);
        try (Model model = Model.load(file)) {
            Tensor out = model.run(Tensor.zeros(1, 3, 40, 24));
            assertArrayEquals(new int[] {1, 2}, out.shape());
            assertEquals(1.0, out.data()[0] + out.data()[1], 1e-6);
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void runtimeShapeErrorsAreIllegalArguments() throws Exception {
        Model model = Model.of(TinyModels.classifier(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.run(Tensor.zeros(1, 4, 32, 32)));
        assertTrue(e.getMessage().contains("[1, 3, -1, -1]"), e.getMessage());
    }

    @Test
    void namedErrors() throws Exception {
        byte[] good = ModelWriter.toBytes(TinyModels.classifier(4));
        assertMessage(Arrays.copyOf(good, 10), "too short");
        assertMessage(Arrays.copyOf(good, good.length - 7), "truncated");
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 1;
        assertMessage(flipped, "checksum mismatch");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertMessage(magic, "bad magic");
        byte[] version = good.clone();
        version[8] = 3;
        assertMessage(version, "format version 3 is not supported");
        assertMessage(withHeader(good, h -> h.replace("blurfilter-model 2", "blurfilter-model 1")),
                "must start with 'blurfilter-model 2'");
        assertMessage(withHeader(good, h -> h.replace("preprocess crop", "preprocess interpolation cubic\npreprocess crop")),
                "unknown interpolation 'cubic'");
        assertMessage(withHeader(good, h -> h.replace("node Softmax", "node Softmax9")), "unknown op 'Softmax9'");
        assertMessage(withHeader(good, h -> h.replace("transB=1", "transB=1 color=3")),
                "unsupported attribute 'color'");
        assertMessage(withHeader(good, h -> h.replace("in=logits", "in=nowhere")), "reads 'nowhere'");
        assertMessage(withHeader(good, h -> h.replace("input x 1 3 32 32", "input x 1 5 32 32")), "node 'conv'");
        assertMessage(withHeader(good, h -> h.replace("\nend\n", "\n")), "no 'end' line");
        assertMessage(withHeader(good, h -> h.replace("tensor fc.b f32 ", "tensor fc.b f32 9")), "does not lie inside");
    }

    @Test
    void resizeAndLogRoundTripAndRun() throws Exception {
        ModelFile m = TinyModels.upsampling(8);
        ModelFile back = ModelReader.read(ModelWriter.toBytes(m), "up.bfm");
        assertSameGraph(m, back);
        Tensor x = TinyModels.random(new java.util.Random(3), 1, 3, 20, 12);
        float[] reference = Model.of(back, KernelFamily.REFERENCE).run(x).data();
        for (KernelFamily f : new KernelFamily[] {KernelFamily.PLAIN, KernelFamily.AUTO}) {
            assertArrayEquals(reference, Model.of(back, f).run(x).data(), 1e-6f, f.name());
        }
    }

    @Test
    void resizeAttributeErrorsNameTheNode() throws Exception {
        byte[] good = ModelWriter.toBytes(TinyModels.upsampling(9));
        assertMessage(withHeader(good, h -> h.replace("scales=2,4", "scales=0,4")),
                "node 'up' (Resize) scale 0 is not a positive integer factor");
        assertMessage(withHeader(good, h -> h.replace("scales=2,4", "scales=2,-4")),
                "node 'up' (Resize) scale -4 is not a positive integer factor");
        assertMessage(withHeader(good, h -> h.replace("scales=2,4", "scales=2.5,4")),
                "node 'up' (Resize) attribute 'scales': not an integer: '2.5'");
        assertMessage(withHeader(good, h -> h.replace("scales=2,4", "scales=2")),
                "node 'up' (Resize) attribute 'scales' needs 2 value(s), has 1");
        assertMessage(withHeader(good, h -> h.replace("mode=linear", "mode=cubic")),
                "node 'up' (Resize) has unsupported mode 'cubic' (linear or nearest)");
        assertMessage(withHeader(good, h -> h.replace(" mode=nearest", "")),
                "node 'near' (Resize) needs attributes scales and mode");
    }

    @Test
    void areaInterpolationRoundTrips() throws Exception {
        ModelFile m = TinyModels.classifier(5);
        ModelFile area = new ModelFile(new ModelMetadata(m.metadata().name(), m.metadata().inputShape(),
                m.metadata().preprocessing().withInterpolation(Preprocessing.Interpolation.AREA), m.metadata().labels(),
                m.metadata().postprocessing(), m.metadata().provenance()), m.graph());
        byte[] bytes = ModelWriter.toBytes(area);
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\npreprocess interpolation area\n"));
        Preprocessing back = ModelReader.read(bytes, "area.bfm").metadata().preprocessing();
        assertEquals(Preprocessing.Interpolation.AREA, back.interpolation());
        assertEquals(Preprocessing.Interpolation.LINEAR,
                ModelReader.read(ModelWriter.toBytes(m), "linear.bfm").metadata().preprocessing().interpolation());
    }

    @Test
    void operatingPointsRoundTripInOrder() throws Exception {
        ModelFile m = TinyModels.classifier(7);
        java.util.Map<String, Float> points = new java.util.LinkedHashMap<>();
        points.put("high", 0.25f);
        points.put("balanced", 0.5f);
        points.put("lenient", 0.8125f);
        ModelFile withPoints = new ModelFile(new ModelMetadata(m.metadata().name(), m.metadata().inputShape(),
                m.metadata().preprocessing(), m.metadata().labels(),
                m.metadata().postprocessing().withOperatingPoints(points), m.metadata().provenance()), m.graph());
        byte[] bytes = ModelWriter.toBytes(withPoints);
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\noperating_point lenient 0.8125\n"));
        Postprocessing back = ModelReader.read(bytes, "points.bfm").metadata().postprocessing();
        assertEquals(points, back.operatingPoints());
        assertEquals(java.util.List.of("high", "balanced", "lenient"), java.util.List.copyOf(back.operatingPoints().keySet()));
        assertEquals(0.5f, back.threshold());
        assertTrue(ModelReader.read(ModelWriter.toBytes(m), "plain.bfm").metadata().postprocessing()
                .operatingPoints().isEmpty());

        assertMessage(withHeader(bytes, h -> h.replace("operating_point lenient 0.8125", "operating_point lenient 1.5")),
                "operating point lenient must be in [0, 1]");
        assertMessage(withHeader(bytes, h -> h.replace("operating_point lenient", "operating_point Lenient!")),
                "operating point name must be");
        assertMessage(withHeader(bytes, h -> h.replace("operating_point lenient", "operating_point high")),
                "duplicate operating point 'high'");
        assertMessage(withHeader(bytes, h -> h.replace("postprocess threshold 0.5 1", "postprocess top1")),
                "operating points need 'postprocess threshold'");
        assertThrows(IllegalArgumentException.class, () -> Postprocessing.top1().withOperatingPoints(points));
    }

    /** Version 1 files (no interpolation statement) still load; the statement needs version 2. */
    @Test
    void readsVersionOne() throws Exception {
        byte[] good = ModelWriter.toBytes(TinyModels.classifier(6));
        byte[] v1 = asVersionOne(withHeader(good, h -> h.replace("blurfilter-model 2", "blurfilter-model 1")));
        ModelFile m = ModelReader.read(v1, "v1.bfm");
        assertEquals(Preprocessing.Interpolation.LINEAR, m.metadata().preprocessing().interpolation());
        assertMessage(asVersionOne(withHeader(good, h -> h.replace("blurfilter-model 2", "blurfilter-model 1")
                .replace("preprocess crop", "preprocess interpolation area\npreprocess crop"))),
                "preprocess interpolation needs format version 2");
    }

    private static byte[] asVersionOne(byte[] file) {
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 1);
        return fixChecksum(file);
    }

    private static void assertMessage(byte[] bytes, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.read(bytes, "bad.bfm"));
        assertTrue(e.getMessage().startsWith("bad.bfm: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    /** Rewrites the header text and fixes lengths and checksum, to reach the parser's checks. */
    static byte[] withHeader(byte[] file, java.util.function.UnaryOperator<String> edit) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int h = b.getInt(16);
        long w = b.getLong(20);
        String header = new String(file, 28, h, StandardCharsets.UTF_8);
        byte[] newHeader = edit.apply(header).getBytes(StandardCharsets.UTF_8);
        int oldStart = (int) align(28 + h);
        int newStart = (int) align(28 + newHeader.length);
        ByteBuffer out = ByteBuffer.allocate(newStart + (int) w + 4).order(ByteOrder.LITTLE_ENDIAN);
        out.put(file, 0, 16).putInt(newHeader.length).putLong(w).put(newHeader);
        out.position(newStart);
        out.put(file, oldStart, (int) w);
        return fixChecksum(out.array());
    }

    static byte[] fixChecksum(byte[] file) {
        if (file.length < 4) {
            return file;
        }
        CRC32C crc = new CRC32C();
        crc.update(file, 0, file.length - 4);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(file.length - 4, (int) crc.getValue());
        return file;
    }

    private static long align(long n) {
        return (n + 63) / 64 * 64;
    }
}
