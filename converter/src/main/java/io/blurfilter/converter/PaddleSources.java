package io.blurfilter.converter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Which files make up a Paddle model, from the directories and files given on the command line. */
final class PaddleSources {
    Path program;
    Path params;
    Path config;
    String defaultName;

    static PaddleSources resolve(List<Path> inputs, ConvertOptions options) throws ConversionException {
        PaddleSources s = new PaddleSources();
        Path foundConfig = null;
        if (inputs.isEmpty()) {
            throw new ConversionException("no Paddle model given");
        }
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                Path json = p.resolve("inference.json");
                Path pdmodel = p.resolve("inference.pdmodel");
                // Paddle 3 writes the PIR json; a directory with both is read as PIR.
                s.setProgram(Files.isRegularFile(json) ? json : Files.isRegularFile(pdmodel) ? pdmodel : null, p);
                if (s.program == null) {
                    throw new ConversionException(p + ": holds neither inference.json nor inference.pdmodel");
                }
                Path params = p.resolve("inference.pdiparams");
                if (Files.isRegularFile(params)) {
                    s.setParams(params);
                }
                Path yml = p.resolve("inference.yml");
                if (Files.isRegularFile(yml)) {
                    foundConfig = yml;
                }
                s.defaultName = p.toAbsolutePath().normalize().getFileName() == null ? "model"
                        : p.toAbsolutePath().normalize().getFileName().toString();
            } else {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".json") || name.endsWith(".pdmodel")) {
                    s.setProgram(p, p);
                } else if (name.endsWith(".pdiparams")) {
                    s.setParams(p);
                } else if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                    foundConfig = p;
                } else if (!Files.exists(p)) {
                    throw new ConversionException(p + ": no such file or directory");
                } else {
                    throw new ConversionException(p + ": not a Paddle model file (.json, .pdmodel, .pdiparams, .yml)");
                }
            }
        }
        if (s.program == null) {
            throw new ConversionException("no inference.json or inference.pdmodel among " + inputs);
        }
        if (s.params == null) {
            throw new ConversionException(s.program + ": no .pdiparams weights file next to it or given");
        }
        s.config = options.configGiven ? options.config : foundConfig;
        if (s.defaultName == null) {
            Path parent = s.program.toAbsolutePath().getParent();
            s.defaultName = parent != null && parent.getFileName() != null ? parent.getFileName().toString() : "model";
        }
        return s;
    }

    private void setProgram(Path p, Path from) throws ConversionException {
        if (p == null) {
            return;
        }
        if (program != null && !program.equals(p)) {
            throw new ConversionException("two Paddle programs given: " + program + " and " + p + " (from " + from + ")");
        }
        program = p;
    }

    private void setParams(Path p) throws ConversionException {
        if (params != null && !params.equals(p)) {
            throw new ConversionException("two .pdiparams files given: " + params + " and " + p);
        }
        params = p;
    }
}
