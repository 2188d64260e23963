package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.Model;
import io.blurfilter.engine.Tensor;
import io.blurfilter.model.BlurModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blurfilter info} and {@code blurfilter run}. */
class InfoRunTest {
    @TempDir
    Path tmp;

    @Test
    void infoPrintsMetadataAndOneLinePerNode() throws IOException {
        Path model = TestModels.laplacian(tmp.resolve("m.bin"));
        Cli r = Cli.run("info", model.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        String out = r.out();
        assertTrue(out.contains("name:            test-laplacian"), out);
        assertTrue(out.contains("input shape:     [1, 3, 224, 224]"), out);
        assertTrue(out.contains("preprocessing:   resize_short 256, crop 224x224"), out);
        assertTrue(out.contains("labels:          clear, blur"), out);
        assertTrue(out.contains("postprocessing:  threshold 0.5 on class 1"), out);
        assertTrue(out.contains("source_format: hand-built test model"), out);
        assertTrue(out.contains("parameters:      60 in 3 weight tensors"), out);
        assertTrue(out.contains("  0 Conv              lap (x, lap.w[2, 3, 3, 3]) -> edges [1, 2, 224, 224] {pads=[1, 1, 1, 1]}"), out);
        assertTrue(out.contains("  5 Softmax           softmax (logits) -> probs [1, 2] {axis=[1]}"), out);

        Files.write(tmp.resolve("junk.bin"), new byte[] {1, 2, 3});
        Cli bad = Cli.run("info", tmp.resolve("junk.bin").toString());
        assertEquals(ExitCode.FATAL, bad.exitCode());
        assertTrue(bad.err().contains("junk.bin"), bad.err());
        assertEquals(ExitCode.USAGE, Cli.run("info", "a.bfm", "b.bfm").exitCode());
    }

    @Test
    void infoNamesTheMapHead() throws IOException {
        Cli r = Cli.run("info", TestModels.laplacianWithMapHead(tmp.resolve("h.bin")).toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        String line = "map head:        blur_logit [1, 1, 224, 224] stride 1, 1 of the nodes only for the map";
        assertTrue(r.out().contains(line), r.out());
        assertTrue(!Cli.run("info", TestModels.laplacian(tmp.resolve("m.bin")).toString()).out().contains("map head:"));
    }

    @Test
    void infoWithoutAFileDescribesTheDefaultModel() {
        Cli r = Cli.run("info");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        try (Model embedded = BlurModel.loadDefault()) {
            assertTrue(r.out().startsWith("name:            " + embedded.metadata().name() + "\n"), r.out());
            assertTrue(r.out().contains("labels:          " + String.join(", ", embedded.metadata().labels())),
                    r.out());
        }
        assertTrue(r.out().contains("graph:           "), r.out());
    }

    @Test
    void runPrintsTheOutputAtFullPrecision() throws IOException {
        Path model = TestModels.laplacian(tmp.resolve("m.bin"));
        int h = 20;
        int w = 30;
        float[] input = new float[3 * h * w];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.sin(0.37 * i);
        }
        Path tensor = tmp.resolve("in.f32");
        ByteBuffer bytes = ByteBuffer.allocate(4 * input.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(input);
        Files.write(tensor, bytes.array());

        Cli r = Cli.run("run", "--model", model.toString(), "--tensor", tensor.toString(), "--shape", "1,3,20,30");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        float[] expected;
        try (Model m = Model.load(model)) {
            expected = m.run(new Tensor(new int[] {1, 3, h, w}, input)).data();
        }
        assertEquals("[[" + expected[0] + ", " + expected[1] + "]]", r.out().strip());

        Cli flat = Cli.run("run", "--model", model.toString(), "--tensor", tensor.toString(), "--shape", "1,3,20,30",
                "--flat");
        assertEquals("[" + expected[0] + ", " + expected[1] + "]", flat.out().strip());
    }

    @Test
    void runExplainsSizeAndShapeMistakes() throws IOException {
        Path model = TestModels.laplacian(tmp.resolve("m.bin"));
        Path tensor = Files.write(tmp.resolve("in.f32"), new byte[4 * 3 * 10 * 10 + 2]);
        Cli r = Cli.run("run", "--model", model.toString(), "--tensor", tensor.toString(), "--shape", "1,3,10,10");
        assertEquals(ExitCode.FATAL, r.exitCode());
        assertTrue(r.err().contains("in.f32 holds 1202 bytes (not whole float32 values) but shape [1, 3, 10, 10]"
                + " needs 300 values = 1200 bytes"), r.err());
        Cli shape = Cli.run("run", "--model", model.toString(), "--tensor", tensor.toString(), "--shape", "1,3,x");
        assertEquals(ExitCode.USAGE, shape.exitCode());
        assertTrue(shape.err().contains("--shape needs positive whole numbers"), shape.err());
        assertEquals(ExitCode.USAGE, Cli.run("run", "--model", model.toString()).exitCode());
        Files.write(tensor, new byte[4 * 4 * 10 * 10]);
        Cli wrongChannels = Cli.run("run", "--model", model.toString(), "--tensor", tensor.toString(), "--shape",
                "1,4,10,10");
        assertEquals(ExitCode.FATAL, wrongChannels.exitCode(), wrongChannels.toString());
    }

    @Test
    void nestedJsonFollowsTheShape() {
        StringBuilder sb = new StringBuilder();
        RunCommand.appendNested(new float[] {1, 2, 3, 4, 5, 6}, new int[] {1, 2, 3}, 0, 0, sb);
        assertEquals("[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]]", sb.toString());
    }
}
