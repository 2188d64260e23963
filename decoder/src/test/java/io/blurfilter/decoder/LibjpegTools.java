package io.blurfilter.decoder;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * libjpeg-turbo's command-line tools ({@code djpeg}, {@code cjpeg}; Debian's libjpeg-turbo-progs,
 * which .ci/run installs) as the independent reference: {@code djpeg} decodes, {@code cjpeg} makes
 * the sampling, progressive and restart variants. Tests skip where the tools are missing.
 */
final class LibjpegTools {
    private LibjpegTools() {}

    static void assumeInstalled() {
        assumeTrue(onPath("djpeg") && onPath("cjpeg"), "djpeg/cjpeg not installed (apt-get install libjpeg-turbo-progs)");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    /** {@code djpeg -dct int -scale 1/denominator -pnm}: the reference pixels. */
    static Pnm djpeg(Path jpeg, int denominator) throws IOException {
        return Pnm.parse(run(List.of("djpeg", "-dct", "int", "-scale", "1/" + denominator, "-pnm", jpeg.toString())));
    }

    /** {@code cjpeg} with the given options, reading a PPM or PGM file. */
    static byte[] cjpeg(Path pnm, String... options) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("cjpeg");
        command.addAll(Arrays.asList(options));
        command.add(pnm.toString());
        return run(command);
    }

    /** {@code jpegtran} with the given options: a lossless transcode (same coefficients, other coding). */
    static byte[] jpegtran(Path jpeg, String... options) throws IOException {
        assumeTrue(onPath("jpegtran"), "jpegtran not installed (apt-get install libjpeg-turbo-progs)");
        List<String> command = new ArrayList<>();
        command.add("jpegtran");
        command.addAll(Arrays.asList(options));
        command.add(jpeg.toString());
        return run(command);
    }

    static byte[] run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] out = readAll(p.getInputStream());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(command + " failed: " + new String(err.join()));
        }
        return out;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
