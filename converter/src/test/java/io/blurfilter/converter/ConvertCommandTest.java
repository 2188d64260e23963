package io.blurfilter.converter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.Preprocessing;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.format.ModelReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return ConvertCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void convertsPaddleDirectoryAndPrintsSummary(@TempDir Path tmp) throws Exception {
        Path bin = tmp.resolve("textline.bin");
        assertEquals(0, run("--from", "paddle", Fixtures.fixture("paddle-pir-lcnet-x0_25-textline").toString(),
                "-o", bin.toString()), err());
        assertTrue(out().contains("input:       [1, 3, 80, 160]"), out());
        assertTrue(out().contains("labels:      [0_degree, 180_degree]"), out());
        assertTrue(out().contains("parameters:  "), out());
        assertTrue(out().contains("Conv 31"), out());
        assertTrue(out().contains("written:     " + bin), out());
        ModelFile m = ModelReader.read(bin);
        assertEquals("PP-LCNet_x0_25_textline_ori", m.metadata().name());
    }

    @Test
    void flagsOverrideTheConfig(@TempDir Path tmp) throws Exception {
        Path bin = tmp.resolve("m.bin");
        Path dir = Fixtures.fixture("paddle-pir-lcnet-x0_25-textline");
        assertEquals(0, run("--from", "paddle", dir.resolve("inference.json").toString(),
                dir.resolve("inference.pdiparams").toString(), "--config", dir.resolve("inference.yml").toString(),
                "--labels", "up,down", "--threshold", "0.7", "--name", "mine", "--bgr", "-o", bin.toString()), err());
        ModelFile m = ModelReader.read(bin);
        assertEquals(List.of("up", "down"), m.metadata().labels());
        assertEquals("mine", m.metadata().name());
        assertEquals(0.7f, m.metadata().postprocessing().threshold());
        assertEquals("BGR", m.metadata().preprocessing().channelOrder().name());
        assertEquals(160, m.metadata().preprocessing().resizeWidth());
    }

    @Test
    void operatingPointsAreWrittenInOrder(@TempDir Path tmp) throws Exception {
        Path onnx = Fixtures.resource("onnx-lcnet/lcnet_x0_25_nolast_op14.onnx");
        Path bin = tmp.resolve("m.bfm");
        assertEquals(0, run("--from", "onnx", onnx.toString(), "--resize-short", "256", "--crop", "224",
                "--labels", "clear,blur", "--threshold", "0.6", "--operating-point", "high=0.3",
                "--operating-point", "balanced=0.6", "--operating-point", "lenient=0.85", "-o", bin.toString()), err());
        var post = ModelReader.read(bin).metadata().postprocessing();
        assertEquals(0.6f, post.threshold());
        assertEquals(List.of("high", "balanced", "lenient"), List.copyOf(post.operatingPoints().keySet()));
        assertEquals(0.85f, post.operatingPoints().get("lenient"));

        assertEquals(2, run("--from", "onnx", onnx.toString(), "--operating-point", "high", "-o", bin.toString()));
        assertTrue(err().contains("--operating-point takes NAME=THRESHOLD, not 'high'"), err());
        assertEquals(1, run("--from", "onnx", onnx.toString(), "--resize-short", "256", "--crop", "224",
                "--labels", "clear,blur", "--operating-point", "high=0.3", "-o", tmp.resolve("n.bfm").toString()));
        assertTrue(err().contains("operating points need a threshold"), err());
        assertTrue(Files.notExists(tmp.resolve("n.bfm")), "nothing written on error");
    }

    @Test
    void aConvertedModelTakesNewThresholdsAndKeepsEverythingElse(@TempDir Path tmp) throws Exception {
        Path onnx = Fixtures.resource("onnx-lcnet/lcnet_x0_25_nolast_op14.onnx");
        Path first = tmp.resolve("first.bfm");
        assertEquals(0, run("--from", "onnx", onnx.toString(), "--resize-short", "256", "--crop", "224",
                "--interpolation", "area", "--labels", "clear,blur", "--threshold", "0.5", "-o", first.toString()), err());
        Path second = tmp.resolve("second.bfm");
        assertEquals(0, run("--from", "bfm", first.toString(), "--threshold", "0.42", "--operating-point", "high=0.3",
                "--operating-point", "balanced=0.42", "-o", second.toString()), err());
        var before = ModelReader.read(first);
        var after = ModelReader.read(second);
        assertEquals(0.42f, after.metadata().postprocessing().threshold());
        assertEquals(List.of("high", "balanced"), List.copyOf(after.metadata().postprocessing().operatingPoints().keySet()));
        assertEquals(before.metadata().preprocessing().toString(), after.metadata().preprocessing().toString());
        assertEquals(before.metadata().labels(), after.metadata().labels());
        assertEquals(before.metadata().provenance().get("source_sha256:lcnet_x0_25_nolast_op14.onnx"),
                after.metadata().provenance().get("source_sha256:lcnet_x0_25_nolast_op14.onnx"));
        assertTrue(after.metadata().provenance().containsKey("recalibrated"));
        // the weights are carried over byte for byte: the files differ only in their header
        byte[] a = Files.readAllBytes(first);
        byte[] b = Files.readAllBytes(second);
        assertEquals(before.graph().parameterCount(), after.graph().parameterCount());
        // the weights section (its size is in the header) ends 4 bytes, the CRC, before the end of the file
        var size = java.util.regex.Pattern.compile("weights_bytes (\\d+)")
                .matcher(new String(a, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(size.find());
        int w = Integer.parseInt(size.group(1));
        assertTrue(w > 100_000 && java.util.Arrays.equals(a, a.length - 4 - w, a.length - 4, b, b.length - 4 - w,
                b.length - 4), "the files hold the same weights");

        // no thresholds given: the model's own are kept, only the name changes
        Path renamed = tmp.resolve("renamed.bfm");
        assertEquals(0, run("--from", "bfm", second.toString(), "--name", "mine", "-o", renamed.toString()), err());
        assertEquals("mine", ModelReader.read(renamed).metadata().name());
        assertEquals(after.metadata().postprocessing().operatingPoints(),
                ModelReader.read(renamed).metadata().postprocessing().operatingPoints());

        // what would change the graph or its input is refused, and nothing is written
        Path refused = tmp.resolve("refused.bfm");
        assertEquals(2, run("--from", "bfm", first.toString(), "--crop", "200", "-o", refused.toString()));
        assertTrue(err().contains("--from bfm changes only --name, --threshold and --operating-point, not --crop"),
                err());
        Path notAModel = tmp.resolve("not-a-model.bfm");
        Files.writeString(notAModel, "hello");
        assertEquals(1, run("--from", "bfm", notAModel.toString(), "-o", refused.toString()));
        assertTrue(err().contains("not-a-model.bfm") && err().contains("not a readable blurfilter model"), err());
        assertTrue(Files.notExists(refused), "nothing written on error");
    }

    @Test
    void onnxWithDynamicSizeNeedsAShape(@TempDir Path tmp) {
        Path onnx = Fixtures.resource("onnx-lcnet/lcnet_x0_25_nolast_op14.onnx");
        assertEquals(1, run("--from", "onnx", onnx.toString(), "-o", tmp.resolve("m.bin").toString()));
        assertTrue(err().contains("--input-shape"), err());
        assertEquals(0, run("--from", "onnx", onnx.toString(), "--resize-short", "256", "--crop", "224",
                "-o", tmp.resolve("m.bin").toString()), err());
        assertTrue(out().contains("input:       [1, 3, 224, 224] (graph accepts [?, 3, ?, ?])"), out());
    }

    @Test
    void interpolationFlag(@TempDir Path tmp) throws Exception {
        Path onnx = Fixtures.resource("onnx-lcnet/lcnet_x0_25_nolast_op14.onnx");
        Path bin = tmp.resolve("m.bin");
        assertEquals(0, run("--from", "onnx", onnx.toString(), "--resize-short", "256", "--crop", "224",
                "--interpolation", "area", "-o", bin.toString()), err());
        assertEquals(Preprocessing.Interpolation.AREA, ModelReader.read(bin).metadata().preprocessing().interpolation());
        assertEquals(0, run("--from", "onnx", onnx.toString(), "--resize-short", "256", "--crop", "224",
                "-o", bin.toString()), err());
        assertEquals(Preprocessing.Interpolation.LINEAR,
                ModelReader.read(bin).metadata().preprocessing().interpolation());
        assertEquals(2, run("--from", "onnx", onnx.toString(), "--interpolation", "cubic", "-o", bin.toString()));
        assertTrue(err().contains("--interpolation must be linear or area"), err());
    }

    @Test
    void usageErrorsReturnTwo() {
        assertEquals(2, run("--from", "caffe", "x", "-o", "m.bin"));
        assertEquals(2, run("--from", "onnx", "x.onnx"));
        assertEquals(2, run("--from", "paddle", "-o", "m.bin"));
        assertEquals(2, run("--bogus"));
        assertEquals(2, run("--from", "paddle", "d", "--crop", "wide", "-o", "m.bin"));
        assertTrue(err().contains("Usage: blurfilter convert"), err());
    }

    @Test
    void conversionErrorsReturnOneAndNameTheFile(@TempDir Path tmp) throws Exception {
        Path broken = tmp.resolve("broken.onnx");
        Files.write(broken, new byte[] {0x08, 0x07, 0x3a, 0x7f});
        assertEquals(1, run("--from", "onnx", broken.toString(), "-o", tmp.resolve("m.bin").toString()));
        assertTrue(err().contains("broken.onnx: not a valid ONNX model"), err());
        assertEquals(1, run("--from", "paddle", tmp.resolve("missing").toString(), "-o", "m.bin"));
        assertTrue(err().contains("missing"), err());
        assertEquals(1, run("--from", "paddle", tmp.toString(), "-o", "m.bin"));
        assertTrue(err().contains("holds neither inference.json nor inference.pdmodel"), err());
    }
}
