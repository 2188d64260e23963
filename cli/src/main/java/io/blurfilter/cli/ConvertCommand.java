package io.blurfilter.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code blurfilter convert}: hands the arguments to the converter module's command, which prints
 * its own help. The converter's exit code 1 (conversion or I/O error) becomes the CLI's fatal code
 * 3, so every command reports failures the same way.
 */
final class ConvertCommand implements Command {
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
        return "usage: blurfilter convert --from paddle|onnx|bfm <dir or files> [--config inference.yml] -o model.bfm";
    }

    @Override
    public boolean printsOwnHelp() {
        return true;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        int code = io.blurfilter.converter.ConvertCommand.run(args, out, err);
        return code == 1 ? ExitCode.FATAL : code;
    }
}
