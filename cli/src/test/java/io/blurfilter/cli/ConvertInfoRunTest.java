package io.blurfilter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell check of issue 2 end to end: convert the real PP-LCNet x0_25 text-line model, look at
 * it with {@code info}, run it on the all-zeros reference input with {@code run}.
 */
class ConvertInfoRunTest {
    @TempDir
    Path tmp;

    @Test
    void convertInfoRunOnTheRealTextlineModel() throws Exception {
        Path shared = TestFiles.shared();
        assumeTrue(shared != null, "../shared not available");
        Path paddle = shared.resolve("fixtures/paddle-pir-lcnet-x0_25-textline");
        Path model = tmp.resolve("textline.bin");

        Cli convert = Cli.run("convert", "--from", "paddle", paddle.toString(), "-o", model.toString());
        assertEquals(ExitCode.OK, convert.exitCode(), convert.toString());
        assertTrue(Files.size(model) > 79_354 * 4);

        Cli info = Cli.run("info", model.toString());
        assertEquals(ExitCode.OK, info.exitCode(), info.toString());
        assertTrue(info.out().contains("input shape:     [1, 3, 80, 160]"), info.out());
        assertTrue(info.out().contains("labels:          0_degree, 180_degree"), info.out());

        Path zeros = Files.write(tmp.resolve("zeros.f32"), new byte[4 * 3 * 80 * 160]);
        Cli run = Cli.run("run", "--model", model.toString(), "--tensor", zeros.toString(), "--shape", "1,3,80,160",
                "--flat");
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        String[] values = run.out().strip().replace("[", "").replace("]", "").split(", ");
        // reference from the fixtures README: [0.4940970, 0.5059030]
        assertEquals(0.4940970, Double.parseDouble(values[0]), 2e-6);
        assertEquals(0.5059030, Double.parseDouble(values[1]), 2e-6);

        Cli bad = Cli.run("convert", "--from", "paddle", tmp.resolve("nothing-here").toString(), "-o",
                tmp.resolve("x.bin").toString());
        assertEquals(ExitCode.FATAL, bad.exitCode(), bad.toString());
        String help = Cli.run("convert", "--help").out();
        assertTrue(help.contains("--from=paddle|onnx"), help);
        assertTrue(help.contains("-o, --output=model.bfm") && !help.contains(".bin"), "the format's extension: " + help);
    }
}
