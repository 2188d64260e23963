package io.blurfilter.converter;

import io.blurfilter.converter.meta.InferenceConfig;
import io.blurfilter.converter.onnx.OnnxConverter;
import io.blurfilter.converter.paddle.LegacyProgramReader;
import io.blurfilter.converter.paddle.PaddleConverter;
import io.blurfilter.converter.paddle.PaddleProgram;
import io.blurfilter.converter.paddle.ParamTensor;
import io.blurfilter.converter.paddle.PdiparamsReader;
import io.blurfilter.converter.paddle.PirProgramReader;
import io.blurfilter.engine.ModelMetadata;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.GraphOptimizer;
import io.blurfilter.engine.graph.ShapeInference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts Paddle (PIR {@code inference.json} or legacy {@code inference.pdmodel}, plus
 * {@code inference.pdiparams}) and ONNX models into blurfilter {@link ModelFile}s.
 *
 * <pre>{@code
 * ConversionResult r = Converter.convertPaddle(List.of(Path.of("model_dir")), new ConvertOptions());
 * ModelWriter.write(r.model(), Path.of("model.bfm"));
 * }</pre>
 *
 * Bad, hostile or unsupported sources throw {@link ConversionException} naming the file and the
 * problem; plain I/O failures throw {@link IOException}.
 */
public final class Converter {
    private Converter() {}

    /**
     * Converts a Paddle inference model. {@code inputs} are directories (holding inference.json or
     * inference.pdmodel, inference.pdiparams and optionally inference.yml) and/or those files.
     */
    public static ConversionResult convertPaddle(List<Path> inputs, ConvertOptions options)
            throws IOException, ConversionException {
        PaddleSources src = PaddleSources.resolve(inputs, options);
        SourceFile programFile = SourceFile.read(src.program);
        SourceFile paramsFile = SourceFile.read(src.params);
        boolean pir = src.program.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        PaddleProgram program = pir ? PirProgramReader.read(programFile.name, programFile.bytes)
                : LegacyProgramReader.read(programFile.name, programFile.bytes);
        List<ParamTensor> params = PdiparamsReader.read(paramsFile.name, paramsFile.bytes);
        Graph graph = PaddleConverter.toGraph(program, params, paramsFile.name);

        Map<String, String> sha = new LinkedHashMap<>();
        sha.put(programFile.name, programFile.sha256());
        sha.put(paramsFile.name, paramsFile.sha256());
        InferenceConfig config = null;
        if (src.config != null) {
            SourceFile cfg = SourceFile.read(src.config);
            config = InferenceConfig.parse(cfg.name, new String(cfg.bytes, StandardCharsets.UTF_8));
            sha.put(cfg.name, cfg.sha256());
        }
        return finish(graph, options, config, programFile.name, program.format(), sha, src.defaultName,
                program.opCounts());
    }

    /**
     * Converts a Paddle model held in memory (e.g. from an archive): the program ({@code .json} name for
     * PIR, anything else for a legacy ProgramDesc) and the {@code .pdiparams} bytes. The options' config
     * file, if set, is read from disk.
     */
    public static ConversionResult convertPaddle(String programName, byte[] program, String paramsName,
            byte[] params, ConvertOptions options) throws IOException, ConversionException {
        boolean pir = programName.toLowerCase(Locale.ROOT).endsWith(".json");
        PaddleProgram prog = pir ? PirProgramReader.read(programName, program)
                : LegacyProgramReader.read(programName, program);
        Graph graph = PaddleConverter.toGraph(prog, PdiparamsReader.read(paramsName, params), paramsName);
        Map<String, String> sha = new LinkedHashMap<>();
        sha.put(programName, SourceFile.sha256(program));
        sha.put(paramsName, SourceFile.sha256(params));
        InferenceConfig config = readConfig(options, sha);
        return finish(graph, options, config, programName, prog.format(), sha, "model", prog.opCounts());
    }

    /** Converts an ONNX model held in memory; {@code name} is used in messages and provenance. */
    public static ConversionResult convertOnnx(String name, byte[] model, ConvertOptions options)
            throws IOException, ConversionException {
        OnnxConverter.Result r = OnnxConverter.convert(name, model, options.mapOutput, options.mapStride);
        Map<String, String> sha = new LinkedHashMap<>();
        sha.put(name, SourceFile.sha256(model));
        InferenceConfig config = readConfig(options, sha);
        return finish(r.graph(), options, config, name, "onnx", sha, name.replaceFirst("\\.onnx$", ""),
                r.opCounts());
    }

    private static InferenceConfig readConfig(ConvertOptions options, Map<String, String> sha)
            throws IOException, ConversionException {
        if (options.config == null) {
            return null;
        }
        SourceFile cfg = SourceFile.read(options.config);
        sha.put(cfg.name, cfg.sha256());
        return InferenceConfig.parse(cfg.name, new String(cfg.bytes, StandardCharsets.UTF_8));
    }

    /** Converts an ONNX model ({@code .onnx} file); metadata from {@code options} (and its config). */
    public static ConversionResult convertOnnx(Path onnx, ConvertOptions options)
            throws IOException, ConversionException {
        if (Files.isDirectory(onnx)) {
            throw new ConversionException(onnx + ": give the .onnx file, not a directory");
        }
        SourceFile model = SourceFile.read(onnx);
        return convertOnnx(model.name, model.bytes, options);
    }

    static ConversionResult finish(Graph graph, ConvertOptions options, InferenceConfig config, String where,
            String format, Map<String, String> sha, String defaultName, Map<String, Integer> sourceOps)
            throws ConversionException {
        if (options.mapOutput != null && graph.mapOutput() == null) {
            throw new ConversionException(where + ": a map output is converted from ONNX sources only");
        }
        if (options.optimize) {
            try {
                graph = GraphOptimizer.optimize(graph);
            } catch (IllegalArgumentException e) {
                throw new ConversionException(where + ": graph optimizer rejected the graph: " + e.getMessage(), e);
            }
        }
        ModelMetadata meta = MetadataBuilder.build(options, config, graph, where, format, sha, defaultName);
        if (graph.mapOutput() != null) {
            try {
                graph.mapOutput().checkShape(meta.inputShape(),
                        ShapeInference.infer(graph, meta.inputShape()).get(graph.mapOutput().value()));
            } catch (IllegalArgumentException e) {
                throw new ConversionException(where + ": " + e.getMessage(), e);
            }
        }
        ModelFile file = new ModelFile(meta, graph);
        return new ConversionResult(file, new ConvertSummary(format, new ArrayList<>(sha.keySet()), sourceOps,
                graph, meta));
    }
}
