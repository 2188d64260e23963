package io.blurfilter.converter;

import io.blurfilter.engine.Preprocessing;
import io.blurfilter.engine.format.ModelWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code blurfilter convert --from paddle|onnx|bfm <dir or files> [--config inference.yml] [flags] -o model.bfm}.
 * Exit codes: 0 converted, 1 conversion or I/O error (message names the file and the problem),
 * 2 usage error.
 */
public final class ConvertCommand {
    static final String USAGE = String.join("\n",
            "usage: blurfilter convert --from paddle|onnx|bfm <dir or files...> [--config inference.yml] [flags] -o model.bfm",
            "  paddle: a directory with inference.json or inference.pdmodel + inference.pdiparams",
            "          (+ inference.yml, read automatically), or those files",
            "  onnx:   a .onnx file",
            "  bfm:    a converted model, given new thresholds: only --name, --threshold and --operating-point",
            "          apply (the operating points given replace the model's; none given keeps them)",
            "flags (override the config):",
            "  --name NAME            model name",
            "  --input-shape 1,3,H,W  concrete input shape (needed when H/W are dynamic and no size is given)",
            "  --resize-short S       resize the short side to S (PaddleClas resize_short)",
            "  --resize WxH           resize straight to W x H",
            "  --interpolation linear|area   resize filter: linear = PaddleClas bilinear (default);",
            "                         area = OpenCV INTER_AREA when shrinking (no aliasing), bilinear when enlarging",
            "  --crop WxH             center crop (or --crop S for S x S)",
            "  --scale F              pixel scale before mean/std (default 1/255)",
            "  --mean a,b,c --std a,b,c   normalization (default ImageNet)",
            "  --bgr                  feed BGR instead of RGB",
            "  --labels a,b,...       class labels",
            "  --threshold T          two-class threshold on class 1 (PaddleClas ThreshOutput)",
            "  --operating-point NAME=T   a named threshold (repeatable), e.g. high=0.3; scan/eval --strictness NAME",
            "  --no-optimize          keep BatchNorm and activations as separate ops");

    private static final java.util.Set<String> RECALIBRATION_FLAGS = java.util.Set.of(
            "--help", "--from", "--output", "--name", "--threshold", "--operating-point");

    private ConvertCommand() {}

    /** Runs the command; never calls System.exit. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        String from = null;
        Path output = null;
        List<Path> inputs = new ArrayList<>();
        List<String> graphFlags = new ArrayList<>(); // flags that change more than the decision
        ConvertOptions o = new ConvertOptions();
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("--") && !RECALIBRATION_FLAGS.contains(a)) {
                    graphFlags.add(a);
                }
                switch (a) {
                    case "-h":
                    case "--help":
                        out.println(USAGE);
                        return 0;
                    case "--from":
                        from = value(args, ++i, a);
                        break;
                    case "-o":
                    case "--output":
                        output = Path.of(value(args, ++i, a));
                        break;
                    case "--config":
                        o.config(Path.of(value(args, ++i, a)));
                        break;
                    case "--name":
                        o.name(value(args, ++i, a));
                        break;
                    case "--input-shape":
                        o.inputShape(ints(value(args, ++i, a), ",", a));
                        break;
                    case "--resize-short":
                        o.resizeShort(ints(value(args, ++i, a), ",", a)[0]);
                        break;
                    case "--resize": {
                        int[] wh = size(value(args, ++i, a), a);
                        o.resize(wh[0], wh[1]);
                        break;
                    }
                    case "--interpolation": {
                        String v = value(args, ++i, a);
                        try {
                            o.interpolation(Preprocessing.Interpolation.ofToken(v));
                        } catch (IllegalArgumentException e) {
                            throw new UsageException("--interpolation must be linear or area, not '" + v + "'");
                        }
                        break;
                    }
                    case "--crop": {
                        int[] wh = size(value(args, ++i, a), a);
                        o.crop(wh[0], wh[1]);
                        break;
                    }
                    case "--scale":
                        o.scale(floats(value(args, ++i, a), a, 1)[0]);
                        break;
                    case "--mean":
                        o.mean(floats(value(args, ++i, a), a, 3));
                        break;
                    case "--std":
                        o.std(floats(value(args, ++i, a), a, 3));
                        break;
                    case "--bgr":
                        o.bgr(true);
                        break;
                    case "--labels":
                        o.labels(Arrays.asList(value(args, ++i, a).split(",", -1)));
                        break;
                    case "--threshold":
                        o.threshold(floats(value(args, ++i, a), a, 1)[0]);
                        break;
                    case "--operating-point": {
                        String v = value(args, ++i, a);
                        int eq = v.indexOf('=');
                        if (eq <= 0) {
                            throw new UsageException("--operating-point takes NAME=THRESHOLD, not '" + v + "'");
                        }
                        o.operatingPoint(v.substring(0, eq), floats(v.substring(eq + 1), a, 1)[0]);
                        break;
                    }
                    case "--no-optimize":
                        o.optimize(false);
                        break;
                    default:
                        if (a.startsWith("-") && a.length() > 1) {
                            throw new UsageException("unknown option " + a);
                        }
                        inputs.add(Path.of(a));
                }
            }
            if (from == null) {
                throw new UsageException("--from paddle|onnx|bfm is required");
            }
            if (!from.equals("paddle") && !from.equals("onnx") && !from.equals("bfm")) {
                throw new UsageException("--from must be paddle, onnx or bfm, not " + from);
            }
            if (from.equals("bfm") && !graphFlags.isEmpty()) {
                throw new UsageException("--from bfm changes only --name, --threshold and --operating-point, not "
                        + String.join(", ", graphFlags));
            }
            if (output == null) {
                throw new UsageException("-o model.bfm is required");
            }
            if (inputs.isEmpty()) {
                throw new UsageException("no model given");
            }
            if (!from.equals("paddle") && inputs.size() != 1) {
                throw new UsageException("--from " + from + " takes one ." + from + " file");
            }
        } catch (UsageException e) {
            err.println("blurfilter convert: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            ConversionResult r = switch (from) {
                case "paddle" -> Converter.convertPaddle(inputs, o);
                case "onnx" -> Converter.convertOnnx(inputs.get(0), o);
                default -> Recalibration.recalibrate(inputs.get(0), o);
            };
            ModelWriter.write(r.model(), output);
            out.print(r.summary().format(output.toString()));
            return 0;
        } catch (ConversionException e) {
            err.println("blurfilter convert: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("blurfilter convert: " + describe(e));
            return 1;
        } catch (IllegalArgumentException e) {
            // The model writer's own validation; the converter should have caught it first.
            err.println("blurfilter convert: cannot write " + output + ": " + e.getMessage());
            return 1;
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

    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int[] ints(String s, String sep, String option) throws UsageException {
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
            throw new UsageException(option + " expects positive integers, got '" + s + "'");
        }
        return v;
    }

    private static int[] size(String s, String option) throws UsageException {
        int[] v = ints(s.toLowerCase(java.util.Locale.ROOT), "x", option);
        if (v.length == 1) {
            return new int[] {v[0], v[0]};
        }
        if (v.length != 2) {
            throw new UsageException(option + " expects WxH, got '" + s + "'");
        }
        return v;
    }

    private static float[] floats(String s, String option, int count) throws UsageException {
        String[] parts = s.split(",", -1);
        if (parts.length != count) {
            throw new UsageException(option + " expects " + count + " value(s), got '" + s + "'");
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
            throw new UsageException(option + " expects numbers, got '" + s + "'");
        }
        return v;
    }
}
