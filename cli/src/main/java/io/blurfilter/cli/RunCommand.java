package io.blurfilter.cli;

import io.blurfilter.cli.output.Json;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.Shapes;
import io.blurfilter.engine.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code blurfilter run}: runs a model on a raw float32 tensor and prints the output as JSON, every
 * value at full float precision ({@link Float#toString} reads back to the same float).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "run a model on a raw float32 tensor, print the output as JSON",
        description = {"Reads raw little-endian float32 values in NCHW order (the file size must be exactly"
                + " 4 x N x C x H x W bytes), runs the graph (no preprocessing) and prints the output tensor as a JSON"
                + " array nested by its shape, e.g. [[0.1, 0.9]] for shape [1, 2]. Values are printed so that they"
                + " read back as the same float32."})
final class RunCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--model", required = true, paramLabel = "model.bfm", description = "the model to run")
    private Path modelFile;

    @Option(names = "--tensor", required = true, paramLabel = "input.f32", description = "the input tensor")
    private Path tensor;

    @Option(names = "--shape", required = true, paramLabel = "1,3,H,W", description = "the input tensor's shape")
    private String shapeText;

    @Option(names = "--flat", description = "print one flat array instead")
    private boolean flat;

    RunCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws UsageException, FatalException {
        int[] shape = parseShape(shapeText);
        Tensor input = readTensor(tensor, shape);
        Model model = ModelLoading.load(modelFile);
        try {
            Tensor output;
            try {
                output = model.run(input);
            } catch (IllegalArgumentException e) {
                throw new FatalException("the model cannot run on shape " + Arrays.toString(shape) + ": "
                        + e.getMessage(), e);
            }
            StringBuilder sb = new StringBuilder();
            if (flat) {
                appendFlat(output.data(), sb);
            } else {
                appendNested(output.data(), output.shape(), 0, 0, sb);
            }
            out.println(sb);
            return ExitCode.OK;
        } finally {
            model.close();
        }
    }

    static int[] parseShape(String text) throws UsageException {
        String[] parts = text.split(",");
        int[] shape = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                shape[i] = Integer.parseInt(parts[i].trim());
                if (shape[i] < 1) {
                    throw new NumberFormatException();
                }
            }
            Shapes.elementCount(shape);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException("run: --shape needs positive whole numbers separated by commas, e.g."
                    + " 1,3,224,224; got '" + text + "'");
        }
        return shape;
    }

    static Tensor readTensor(Path file, int[] shape) throws FatalException {
        long values = Shapes.elementCount(shape);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new FatalException("cannot read tensor " + file + ": " + e.getMessage(), e);
        }
        if (size != values * 4) {
            throw new FatalException(String.format("%s holds %d bytes (%s float32 values) but shape %s needs %d"
                            + " values = %d bytes", file, size, size % 4 == 0 ? Long.toString(size / 4) : "not whole",
                    Arrays.toString(shape), values, values * 4));
        }
        if (values > Integer.MAX_VALUE - 8) {
            throw new FatalException("tensor too large: " + Arrays.toString(shape));
        }
        try {
            float[] data = new float[(int) values];
            ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            return new Tensor(shape, data);
        } catch (IOException e) {
            throw new FatalException("cannot read tensor " + file + ": " + e.getMessage(), e);
        }
    }

    static void appendFlat(float[] data, StringBuilder sb) {
        sb.append('[');
        for (int i = 0; i < data.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(Json.number(data[i]));
        }
        sb.append(']');
    }

    /** Appends the block of {@code shape[axis..]} starting at {@code offset}; returns the next offset. */
    static int appendNested(float[] data, int[] shape, int axis, int offset, StringBuilder sb) {
        sb.append('[');
        for (int i = 0; i < shape[axis]; i++) {
            sb.append(i == 0 ? "" : ", ");
            if (axis == shape.length - 1) {
                sb.append(Json.number(data[offset++]));
            } else {
                offset = appendNested(data, shape, axis + 1, offset, sb);
            }
        }
        sb.append(']');
        return offset;
    }
}
