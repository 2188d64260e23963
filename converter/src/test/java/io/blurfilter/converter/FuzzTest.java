package io.blurfilter.converter;

import static org.junit.jupiter.api.Assertions.fail;

import io.blurfilter.converter.meta.InferenceConfig;
import io.blurfilter.converter.onnx.OnnxConverter;
import io.blurfilter.converter.paddle.LegacyProgramReader;
import io.blurfilter.converter.paddle.PaddleConverter;
import io.blurfilter.converter.paddle.PaddleProgram;
import io.blurfilter.converter.paddle.ParamTensor;
import io.blurfilter.converter.paddle.PdiparamsReader;
import io.blurfilter.converter.paddle.PirProgramReader;
import io.blurfilter.engine.graph.Graph;
import java.util.LinkedHashMap;
import java.util.Map;
import io.blurfilter.engine.format.ModelWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile inputs: seeded mutations of real files of every supported format go through the whole
 * conversion (parse, lower, optimize, metadata, serialize) and may only succeed or throw
 * {@link ConversionException}; never another exception, an OutOfMemoryError or a hang (each case
 * has a time bound). {@code -Dblurfilter.fuzzCases=N} changes the number of cases per format.
 */
class FuzzTest {
    static final int CASES = Integer.getInteger("blurfilter.fuzzCases", 2000);
    static final long CASE_TIMEOUT_MS = 10_000;

    static ExecutorService worker;
    static byte[] pirJson;
    static byte[] pirParams;
    static byte[] legacyProgram;
    static byte[] legacyParams;
    static byte[] onnx;
    static byte[] yml;
    static PaddleProgram pirProgram;
    static List<ParamTensor> pirTensors;
    static PaddleProgram legacyLcnet;
    static List<ParamTensor> legacyTensors;

    @BeforeAll
    static void load() throws Exception {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        pirJson = Files.readAllBytes(Fixtures.fixture("paddle-pir-lcnet-x0_25-textline/inference.json"));
        pirParams = Files.readAllBytes(Fixtures.fixture("paddle-pir-lcnet-x0_25-textline/inference.pdiparams"));
        yml = Files.readAllBytes(Fixtures.fixture("paddle-pir-lcnet-x0_25-textline/inference.yml"));
        legacyProgram = Files.readAllBytes(Fixtures.fixture("paddle-legacy-graphs/pplcnet_x1_0_3class/inference.pdmodel"));
        legacyParams = io.blurfilter.converter.paddle.FuzzSeeds.paramsFor(legacyProgram);
        pirProgram = PirProgramReader.read("inference.json", pirJson);
        pirTensors = PdiparamsReader.read("inference.pdiparams", pirParams);
        legacyLcnet = LegacyProgramReader.read("inference.pdmodel", legacyProgram);
        legacyTensors = PdiparamsReader.read("inference.pdiparams", legacyParams);
        onnx = Files.readAllBytes(Fixtures.resource("onnx-lcnet/lcnet_x0_25_nolast_op13.onnx"));
    }

    @AfterAll
    static void stop() {
        worker.shutdownNow();
    }

    interface Case {
        void run(byte[] mutated) throws Exception;
    }

    // Each case runs what the converter runs after reading: lowering, the engine optimizer, metadata
    // (shape inference). Fixed parts are parsed once so thousands of cases fit in CI time.

    @Test
    void pdiparams() {
        fuzz("pdiparams", 1, List.of(pirParams), m -> finish(PaddleConverter.toGraph(pirProgram,
                PdiparamsReader.read("inference.pdiparams", m), "inference.pdiparams"), new ConvertOptions()));
    }

    @Test
    void pirJson() {
        fuzz("PIR json", 2, List.of(pirJson), m -> finish(PaddleConverter.toGraph(
                PirProgramReader.read("inference.json", m), pirTensors, "inference.pdiparams"), new ConvertOptions()));
    }

    @Test
    void legacyPdmodel() {
        // No optimizer here: folding this x1_0 model's 3M weights per case would dominate the time.
        fuzz("pdmodel", 3, List.of(legacyProgram), m -> finish(PaddleConverter.toGraph(
                LegacyProgramReader.read("inference.pdmodel", m), legacyTensors, "inference.pdiparams"),
                new ConvertOptions().optimize(false)));
    }

    @Test
    void onnx() {
        fuzz("ONNX", 4, List.of(onnx), m -> finish(OnnxConverter.convert("m.onnx", m).graph(),
                new ConvertOptions().inputShape(1, 3, 64, 64)));
    }

    @Test
    void wholePipelineOnRealFilesIncludingWriting() {
        int cases = Math.max(20, CASES / 20);
        fuzz("PIR end to end", 6, List.of(pirJson, pirParams), cases, m -> ModelWriter.toBytes(
                Converter.convertPaddle("inference.json", m.length == pirParams.length ? pirJson : m,
                        "inference.pdiparams", m.length == pirParams.length ? m : pirParams,
                        new ConvertOptions()).model()));
        fuzz("ONNX end to end", 7, List.of(onnx), cases, m -> ModelWriter.toBytes(
                Converter.convertOnnx("m.onnx", m, new ConvertOptions().inputShape(1, 3, 32, 32)).model()));
    }

    @Test
    void inferenceYml() {
        fuzz("inference.yml", 5, List.of(yml), m -> InferenceConfig.parse("inference.yml",
                new String(m, StandardCharsets.UTF_8)));
    }

    private static void finish(Graph g, ConvertOptions o) throws ConversionException {
        Converter.finish(g, o, null, "fuzz", "fuzz", new LinkedHashMap<>(), "fuzz", Map.of());
    }

    private static void fuzz(String format, long seed, List<byte[]> seeds, Case c) {
        fuzz(format, seed, seeds, CASES, c);
    }

    private static void fuzz(String format, long seed, List<byte[]> seeds, int cases, Case c) {
        Mutator mutator = new Mutator(seed, seeds);
        for (int i = 0; i < cases; i++) {
            byte[] input = mutator.next();
            Future<?> f = worker.submit(() -> {
                c.run(input);
                return null;
            });
            try {
                f.get(CASE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                fail(format + " case " + i + " (" + mutator.last() + ") ran longer than " + CASE_TIMEOUT_MS + " ms");
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof ConversionException)) {
                    throw new AssertionError(format + " case " + i + " (" + mutator.last() + ") threw "
                            + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
