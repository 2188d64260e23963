package io.blurfilter.bench;

import io.blurfilter.engine.Model;
import io.blurfilter.imageio.DecodeSettings;
import io.blurfilter.imageio.ImageDecoder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding alone, file to upright ARGB pixels, on one thread: the JDK's reader (ImageIO, native
 * libjpeg) beside blurfilter's java.base decoder, at full size and as the CLI decodes for the model
 * (reduced size, only the crop's pixels). Milliseconds per image; MB/s is the corpus's mean file
 * size (printed at setup) over that.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class DecodeBenchmark {
    /** One decoder per benchmark thread. */
    @State(Scope.Thread)
    public static class Decoder {
        /** imageio|builtin, then full (whole image, full size) or cli (reduced size, the crop only). */
        @Param({"imageio-full", "builtin-full", "imageio-cli", "builtin-cli"})
        public String decoder;

        ImageDecoder imageDecoder;
        int next;

        @Setup
        public void setUp() {
            boolean builtIn = decoder.startsWith("builtin");
            if (decoder.endsWith("-full")) {
                imageDecoder = new ImageDecoder(DecodeSettings.fullSize(), null, builtIn);
            } else {
                Model model = Model.of(FileToScore.model());
                imageDecoder = new ImageDecoder(DecodeSettings.reducedFor(model.metadata().preprocessing(),
                        DecodeSettings.DEFAULT_MAX_PIXELS), model::pixelsRead, builtIn);
            }
        }
    }

    @Benchmark
    public int decode(EndToEndBenchmark.Files4 files, Decoder d) throws Exception {
        Path f = files.files.get(d.next);
        d.next = (d.next + 1) % files.files.size();
        return d.imageDecoder.decode(f).argb().length;
    }
}
