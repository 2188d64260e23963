package io.blurfilter.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * {@code blurfilter convert}: hands the arguments to the converter module's command
 * ({@code io.blurfilter.converter.ConvertCommand.run(List, PrintStream, PrintStream)}). It is looked
 * up reflectively so the CLI builds while the converter is developed on its own branch; once both
 * are on main this becomes a direct call.
 */
final class ConvertCommand implements Command {
    static final String CONVERTER = "io.blurfilter.converter.ConvertCommand";

    @Override
    public String name() {
        return "convert";
    }

    @Override
    public String summary() {
        return "convert a Paddle or ONNX model into a blurfilter model file";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: blurfilter convert --from paddle|onnx <dir or files> [--config inference.yml] -o model.bin",
                "",
                "Prints a summary: ops, parameter count, input shape, labels. The converter's own",
                "documentation lists every option.");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws FatalException {
        Method run;
        try {
            run = Class.forName(CONVERTER).getMethod("run", List.class, PrintStream.class, PrintStream.class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new FatalException("the converter is not part of this build");
        }
        try {
            return (Integer) run.invoke(null, args, out, err);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new FatalException(String.valueOf(cause.getMessage()), cause);
        } catch (IllegalAccessException e) {
            throw new FatalException("cannot call the converter: " + e, e);
        }
    }
}
