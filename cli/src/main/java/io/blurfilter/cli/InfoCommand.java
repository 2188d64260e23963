package io.blurfilter.cli;

import io.blurfilter.engine.ModelMetadata;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.format.ModelReader;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.OpType;
import io.blurfilter.engine.graph.ShapeInference;
import io.blurfilter.model.BlurModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code blurfilter info [model.bfm]}: metadata and the graph, one line per node, as stored in the file
 * (the embedded default model's when no file is given).
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        header = "print a model's metadata and graph (the default model's without a file)",
        description = {"Prints a model's name, input shape, preprocessing, labels, postprocessing, provenance, the"
                + " parameter count and the graph as stored in the file: one line per node with op, name, inputs,"
                + " output, output shape (inferred at the model's input shape) and attributes."})
final class InfoCommand implements Callable<Integer> {
    private final PrintStream out;

    @Parameters(arity = "0..1", paramLabel = "<model file>",
            description = "the model to describe (default: the model embedded in blurfilter)")
    private Path model;

    InfoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws FatalException {
        print(model == null ? readDefault() : read(model), out);
        return ExitCode.OK;
    }

    private static ModelFile read(Path file) throws FatalException {
        try {
            return ModelReader.read(file);
        } catch (IOException e) {
            throw new FatalException("cannot read model " + file + ": " + e.getMessage(), e);
        }
    }

    /** The embedded model as stored, like a file given by name (not as loaded: the engine optimizes that). */
    private static ModelFile readDefault() throws FatalException {
        try (InputStream in = BlurModel.class.getResourceAsStream(BlurModel.RESOURCE)) {
            if (in == null) {
                throw new FatalException("this build packages no default model; give a model file");
            }
            return ModelReader.read(in, BlurModel.RESOURCE);
        } catch (IOException e) {
            throw new FatalException("cannot read the default model " + BlurModel.RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static void print(ModelFile model, PrintStream out) {
        ModelMetadata m = model.metadata();
        Graph g = model.graph();
        out.println("name:            " + m.name());
        out.println("input shape:     " + Arrays.toString(m.inputShape()) + " (graph input " + g.inputName() + " "
                + Arrays.toString(g.inputShape()) + ", -1 = any)");
        out.println("preprocessing:   " + m.preprocessing());
        out.println("labels:          " + String.join(", ", m.labels()));
        out.println("postprocessing:  " + m.postprocessing());
        out.println("provenance:");
        for (Map.Entry<String, String> e : m.provenance().entrySet()) {
            out.println("  " + e.getKey() + ": " + e.getValue());
        }
        out.println("parameters:      " + g.parameterCount() + " in " + g.weights().size() + " weight tensors");
        out.println("ops:             " + opCounts(g));
        Map<String, int[]> shapes = ShapeInference.infer(g, m.inputShape());
        out.println("graph:           " + g.nodes().size() + " nodes, output " + g.outputName() + " "
                + Arrays.toString(shapes.get(g.outputName())));
        if (g.mapOutput() != null) {
            int headOnly = g.nodes().size() - g.classifierOnly().nodes().size();
            String map = g.mapOutput().value();
            out.println("map head:        " + map + " " + Arrays.toString(shapes.get(map)) + " stride "
                    + g.mapOutput().stride() + ", " + headOnly + " of the nodes only for the map");
        }
        int i = 0;
        for (Node n : g.nodes()) {
            List<String> inputs = new ArrayList<>();
            for (String in : n.inputs()) {
                inputs.add(g.isWeight(in) ? in + Arrays.toString(g.weight(in).shape()) : in);
            }
            String attrs = n.attributes().asMap().isEmpty() ? "" : " " + n.attributes();
            out.printf("  %3d %-17s %s (%s) -> %s %s%s%n", i++, n.op(), n.name(), String.join(", ", inputs),
                    n.output(), Arrays.toString(shapes.get(n.output())), attrs);
        }
    }

    private static String opCounts(Graph g) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<OpType, Integer> e : g.opCounts().entrySet()) {
            parts.add(e.getKey() + " " + e.getValue());
        }
        return String.join(", ", parts);
    }
}
