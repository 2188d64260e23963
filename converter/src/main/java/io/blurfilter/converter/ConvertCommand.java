package io.blurfilter.converter;

import io.blurfilter.engine.Preprocessing;
import io.blurfilter.engine.format.ModelWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code blurfilter convert --from paddle|onnx|bfm <dir or files> [--config inference.yml] [flags] -o model.bfm},
 * a picocli command: the {@code blurfilter} CLI mounts it as its {@code convert} subcommand;
 * {@link #run} runs it alone. Values are checked as they are parsed (the option methods), so a bad
 * one is a usage error before anything is read.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        header = "convert a Paddle or ONNX model into a blurfilter model file",
        description = {
            "Converts a Paddle or ONNX classification model into a blurfilter model file, or gives a converted"
                    + " model new thresholds.",
            "paddle: a folder with inference.json or inference.pdmodel + inference.pdiparams (+ inference.yml,"
                    + " read automatically), or those files",
            "onnx: a .onnx file",
            "bfm: a converted model, given new thresholds: only --name, --threshold and --operating-point"
                    + " apply (the operating points given replace the model's; none given keeps them)",
            "The flags override the config."})
public final class ConvertCommand implements Callable<Integer> {
    /** What {@code --from bfm} may change: everything else would change the graph or its input. */
    private static final Set<String> RECALIBRATION_OPTIONS = Set.of(
            "--from", "--output", "--name", "--threshold", "--operating-point");

    @Spec
    private CommandSpec spec;
    private final PrintStream out;
    private final ConvertOptions options = new ConvertOptions();
    private String from;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "model.bfm", description = "the model file to write")
    private Path output;

    @Parameters(arity = "1..*", paramLabel = "<dir or files>", description = "the source model")
    private List<Path> inputs;

    /** @param out where the summary of a conversion goes */
    public ConvertCommand(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the command alone; never calls System.exit. Exit codes: 0 converted, 1 conversion or I/O
     * error (the message names the file and the problem), 2 usage error.
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(new ConvertCommand(out)).setCommandName("blurfilter convert")
                .setExpandAtFiles(false)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler((e, a) -> {
                    err.println("blurfilter convert: " + e.getMessage());
                    e.getCommandLine().usage(err);
                    return 2;
                })
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    if (!(e instanceof ConversionException)) {
                        throw e;
                    }
                    err.println("blurfilter convert: " + e.getMessage());
                    return 1;
                });
        return line.execute(args.toArray(String[]::new));
    }

    @Option(names = "--from", required = true, paramLabel = "paddle|onnx|bfm", description = "the source's format")
    private void from(String value) {
        if (!List.of("paddle", "onnx", "bfm").contains(value)) {
            throw usage("--from must be paddle, onnx or bfm, not " + value);
        }
        from = value;
    }

    @Option(names = "--config", paramLabel = "inference.yml",
            description = "a PaddleClas/PaddleX config to read preprocessing, labels and postprocessing from")
    private void config(Path file) {
        options.config(file);
    }

    @Option(names = "--name", paramLabel = "NAME", description = "model name")
    private void name(String value) {
        options.name(value);
    }

    @Option(names = "--input-shape", paramLabel = "1,3,H,W",
            description = "concrete input shape (needed when H and W are dynamic and no size is given)")
    private void inputShape(String value) {
        options.inputShape(ints(value, ",", "--input-shape"));
    }

    @Option(names = "--resize-short", paramLabel = "S", description = "resize the short side to S (PaddleClas resize_short)")
    private void resizeShort(String value) {
        options.resizeShort(ints(value, ",", "--resize-short")[0]);
    }

    @Option(names = "--resize", paramLabel = "WxH", description = "resize straight to W x H")
    private void resize(String value) {
        int[] wh = size(value, "--resize");
        options.resize(wh[0], wh[1]);
    }

    @Option(names = "--interpolation", paramLabel = "linear|area",
            description = "resize filter: linear = PaddleClas bilinear (default); area = OpenCV INTER_AREA when"
                    + " shrinking, bilinear when enlarging")
    private void interpolation(String value) {
        try {
            options.interpolation(Preprocessing.Interpolation.ofToken(value));
        } catch (IllegalArgumentException e) {
            throw usage("--interpolation must be linear or area, not '" + value + "'");
        }
    }

    @Option(names = "--crop", paramLabel = "WxH", description = "center crop (or S for S x S)")
    private void crop(String value) {
        int[] wh = size(value, "--crop");
        options.crop(wh[0], wh[1]);
    }

    @Option(names = "--scale", paramLabel = "F", description = "pixel scale before mean and std (default 1/255)")
    private void scale(String value) {
        options.scale(floats(value, "--scale", 1)[0]);
    }

    @Option(names = "--mean", paramLabel = "a,b,c", description = "normalization mean (default ImageNet's)")
    private void mean(String value) {
        options.mean(floats(value, "--mean", 3));
    }

    @Option(names = "--std", paramLabel = "a,b,c", description = "normalization standard deviation (default ImageNet's)")
    private void std(String value) {
        options.std(floats(value, "--std", 3));
    }

    @Option(names = "--bgr", description = "feed BGR instead of RGB")
    private void bgr(boolean value) {
        options.bgr(value);
    }

    @Option(names = "--labels", paramLabel = "a,b,...", description = "class labels")
    private void labels(String value) {
        options.labels(Arrays.asList(value.split(",", -1)));
    }

    @Option(names = "--threshold", paramLabel = "T", description = "two-class threshold on class 1 (PaddleClas ThreshOutput)")
    private void threshold(String value) {
        options.threshold(floats(value, "--threshold", 1)[0]);
    }

    @Option(names = "--operating-point", paramLabel = "NAME=T",
            description = "a named threshold (repeatable), e.g. high=0.3, for scan and eval --strictness NAME")
    private List<String> operatingPoints = List.of();

    @Option(names = "--map-output", paramLabel = "NAME:STRIDE",
            description = "onnx: the second output NAME is a blur-map head's, one cell every STRIDE input pixels")
    private void mapOutput(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw usage("--map-output takes NAME:STRIDE, not '" + value + "'");
        }
        options.mapOutput(value.substring(0, colon), ints(value.substring(colon + 1), ",", "--map-output")[0]);
    }

    @Option(names = "--no-optimize", description = "keep BatchNorm and activations as separate ops")
    private void noOptimize(boolean value) {
        options.optimize(!value);
    }

    @Override
    public Integer call() throws ConversionException {
        for (String point : operatingPoints) {
            int eq = point.indexOf('=');
            if (eq <= 0) {
                throw usage("--operating-point takes NAME=THRESHOLD, not '" + point + "'");
            }
            options.operatingPoint(point.substring(0, eq), floats(point.substring(eq + 1), "--operating-point", 1)[0]);
        }
        requireValidCombination();
        try {
            ConversionResult r = switch (from) {
                case "paddle" -> Converter.convertPaddle(inputs, options);
                case "onnx" -> Converter.convertOnnx(inputs.get(0), options);
                default -> Recalibration.recalibrate(inputs.get(0), options);
            };
            ModelWriter.write(r.model(), output);
            out.print(r.summary().format(output.toString()));
            return 0;
        } catch (IOException e) {
            throw new ConversionException(describe(e), e);
        } catch (IllegalArgumentException e) {
            // The model writer's own validation; the converter should have caught it first.
            throw new ConversionException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    private void requireValidCombination() {
        if (from.equals("bfm")) {
            Set<String> graphOptions = new LinkedHashSet<>();
            for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
                if (!RECALIBRATION_OPTIONS.contains(option.longestName())) {
                    graphOptions.add(option.longestName());
                }
            }
            if (!graphOptions.isEmpty()) {
                throw usage("--from bfm changes only --name, --threshold and --operating-point, not "
                        + String.join(", ", graphOptions));
            }
        }
        if (!from.equals("paddle") && inputs.size() != 1) {
            throw usage("--from " + from + " takes one ." + from + " file");
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return e.getMessage() + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return e.getMessage() + ": permission denied";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private int[] ints(String s, String sep, String option) {
        String[] parts = s.split(sep, -1);
        int[] v = new int[parts.length];
        try {
            for (int i = 0; i < v.length; i++) {
                v[i] = Integer.parseInt(parts[i].strip());
                if (v[i] < 1) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw usage(option + " expects positive integers, got '" + s + "'");
        }
        return v;
    }

    private int[] size(String s, String option) {
        int[] v = ints(s.toLowerCase(java.util.Locale.ROOT), "x", option);
        if (v.length == 1) {
            return new int[] {v[0], v[0]};
        }
        if (v.length != 2) {
            throw usage(option + " expects WxH, got '" + s + "'");
        }
        return v;
    }

    private float[] floats(String s, String option, int count) {
        String[] parts = s.split(",", -1);
        if (parts.length != count) {
            throw usage(option + " expects " + count + " value(s), got '" + s + "'");
        }
        float[] v = new float[count];
        try {
            for (int i = 0; i < count; i++) {
                v[i] = Float.parseFloat(parts[i].strip());
                if (!Float.isFinite(v[i])) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw usage(option + " expects numbers, got '" + s + "'");
        }
        return v;
    }
}
