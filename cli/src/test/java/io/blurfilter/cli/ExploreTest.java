package io.blurfilter.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExploreTest {
    @Test
    void explore(@TempDir Path tmp) throws Exception {
        Path model = TestModels.laplacian(tmp.resolve("m.bin"));
        System.out.println(Cli.run("info", model.toString()));
        System.out.println(Cli.run("scan", "-r", TestFiles.shared().resolve("fixtures/images").toString(),
                TestFiles.realDev().toString(), "--model", model.toString(), "--format", "csv"));
    }
}
