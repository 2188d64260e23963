package io.blurfilter.cli;

import io.blurfilter.cli.map.HeatMaps;
import io.blurfilter.cli.map.MapNames;
import io.blurfilter.cli.map.ScanMaps;
import io.blurfilter.cli.map.SharpRegion;
import io.blurfilter.cli.scan.InputEntry;
import io.blurfilter.cli.scan.InputWalker;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.ScoreMap;
import io.blurfilter.engine.Tensor;
import io.blurfilter.imageio.DecodeSettings;
import io.blurfilter.imageio.DecodedImage;
import io.blurfilter.imageio.ImageDecodeException;
import io.blurfilter.imageio.ImageDecoder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code blurfilter map}: where each photo is blurred, as a heat-map overlay PNG, or with
 * {@code --raw} as an 8-bit map of the photo's own size. The model runs once per photo on
 * the whole frame at short side {@code --size} ({@link Model#scoreMap(io.blurfilter.engine.Image, int)}: the
 * model file's map head when it has one, else the classifier's per-cell map).
 */
@Command(name = "map", mixinStandardHelpOptions = true,
        header = "write heat maps of where photos are blurred (overlay PNGs, or --raw 8-bit maps)",
        description = {"Writes where each photo is blurred. Runs the model on every region of the photo (the whole"
                + " frame, resized so that its short side is S pixels: for a 4:3 photo, 56x76 regions with the default"
                + " model's map head, 14x19 with a classifier's per-cell map) and"
                + " writes an overlay PNG (default): the photo, at most " + HeatMaps.OVERLAY_MAX_SIDE + " pixels on"
                + " its long side, dimmed, with blurred regions tinted red, and a legend with the whole frame's blur"
                + " score; or with --raw an 8-bit grey PNG of the photo's own size (upright per EXIF), each pixel"
                + " round(255 x blur probability).",
                "One photo given as a file: OUT is the PNG to write (a name ending .png), unless OUT is an existing"
                + " folder. Otherwise OUT is a folder (created if missing) with one PNG per photo, named after it"
                + " (IMG_1.jpg -> IMG_1.png; with --recursive, in the photo's sub-folder). The model must end in"
                + " global average pooling and a fully connected layer, as the default model does, or carry a map head"
                + " (whose map is then drawn). Prints one line per photo: the photo, the PNG and the whole frame's"
                + " blur score."})
final class MapCommand implements Callable<Integer> {
    static final int DEFAULT_SIZE = 448;

    private final PrintStream out;
    private final PrintStream err;

    @Parameters(arity = "1..*", paramLabel = "<photo|dir>", description = "the photos and folders to map")
    private List<Path> roots;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "the PNG to write for one photo, else a folder")
    private Path output;

    @Option(names = "--raw", description = "an 8-bit map of the photo's own size instead of the overlay")
    private boolean raw;

    @Option(names = "--size", paramLabel = "S", defaultValue = "" + DEFAULT_SIZE,
            description = "the short side the model sees the photo at (default ${DEFAULT-VALUE})")
    private int size;

    @Option(names = {"-r", "--recursive"}, description = "descend into sub-folders")
    private boolean recursive;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--overwrite", description = "replace existing PNGs (else that photo fails)")
    private boolean overwrite;

    @Option(names = "--max-megapixels", paramLabel = "M", description = "refuse larger images from their header"
            + " (default " + DecodeSettings.DEFAULT_MAX_PIXELS / 1_000_000 + ")")
    private Double maxMegapixels;

    @Option(names = {"-q", "--quiet"}, description = "no line per photo and no count")
    private boolean quiet;

    MapCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws UsageException, FatalException {
        Ranges.check("map", "--size", size, 32, 4096);
        long maxPixels = maxMegapixels == null ? DecodeSettings.DEFAULT_MAX_PIXELS
                : Math.round(Ranges.check("map", "--max-megapixels", maxMegapixels, 0.01, 1e4) * 1e6);
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new UsageException("map: no such file or folder: " + root);
            }
        }
        boolean single = roots.size() == 1 && Files.isRegularFile(roots.get(0)) && !Files.isDirectory(output);
        if (single && !output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new UsageException("map: " + output + " should end in .png (or be a folder) for one photo");
        }
        if (!single && Files.exists(output) && !Files.isDirectory(output)) {
            throw new UsageException("map: " + output + " is a file; several photos need a folder");
        }
        Model model = modelOption.load();
        try {
            requireMap(model, model.hasScoreMap());
            int blur = BlurModelAdapter.of(model).positiveIndex();
            // --raw: the photo's own size; an overlay needs no more than its own size (and the map's)
            DecodeSettings settings = raw ? DecodeSettings.fullSize().withMaxPixels(maxPixels)
                    : new DecodeSettings(maxPixels, Math.max(size, HeatMaps.OVERLAY_MAX_SIDE), 0, 0);
            ImageDecoder decoder = new ImageDecoder(settings);
            if (!single) {
                createFolder(output);
            }
            InputWalker walker = new InputWalker(recursive, false, false, single ? List.of() : List.of(output));
            MapNames names = single ? null : new MapNames(output);
            int[] failed = {0};
            int[] done = {0};
            try {
                walker.walk(roots, entry -> {
                    Path target = single ? output : names.next(entry);
                    String problem = mapOne(entry, target, model, blur, size, raw, decoder, overwrite, out, quiet);
                    if (problem != null) {
                        err.println("blurfilter map: " + entry.path() + ": " + problem);
                        failed[0]++;
                    } else {
                        done[0]++;
                    }
                });
            } catch (IOException e) {
                throw new FatalException("cannot list the photos: " + e.getMessage(), e);
            }
            if (!quiet) {
                err.println(done[0] + " map" + (done[0] == 1 ? "" : "s") + " written"
                        + (failed[0] > 0 ? ", " + failed[0] + " failed" : ""));
            }
            return failed[0] > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
        } finally {
            model.close();
        }
    }

    /** Maps one photo into {@code target}; the problem when it failed, else null. */
    private static String mapOne(InputEntry entry, Path target, Model model, int blur, int size, boolean raw,
            ImageDecoder decoder, boolean overwrite, PrintStream out, boolean quiet) {
        if (entry.error() != null) {
            return entry.error();
        }
        try {
            DecodedImage photo = decoder.decode(entry.path());
            ScoreMap map = model.scoreMap(photo.toImage(), size);
            byte[] png = raw ? HeatMaps.raw(map, blur, photo.width(), photo.height())
                    : HeatMaps.overlay(photo, map, blur);
            Files.createDirectories(target.toAbsolutePath().getParent());
            HeatMaps.writePng(png, target, overwrite);
            if (!quiet) {
                out.printf(Locale.ROOT, "%s\t%s\t%.4f%n", entry.path(), target,
                        map.classification().probability(blur));
            }
            return null;
        } catch (ImageDecodeException e) {
            return e.getMessage();
        } catch (IOException | UncheckedIOException e) {
            return "cannot write " + target + ": " + e.getMessage();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** {@code scan --maps DIR}: maps at the default size into DIR (created), for a model that has them. */
    static ScanMaps scanMaps(Model model, BlurModelAdapter blur, Path dir) throws FatalException {
        requireMap(model, model.hasScoreMap());
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FatalException("--maps " + dir + " is a file, not a folder");
        }
        createFolder(dir);
        return new ScanMaps(model, blur.positiveIndex(), DEFAULT_SIZE, dir);
    }

    /** {@code scan --sharp-region}: the rule, for a model whose classifier has a map (a map head is not used). */
    static SharpRegion sharpRegion(Model model, BlurModelAdapter blur, ImageDecoder wholeImages) throws FatalException {
        requireMap(model, model.hasClassifierMap());
        return new SharpRegion(model, blur.positiveIndex(), wholeImages);
    }

    /**
     * A fatal error with the engine's reason unless {@code has} (the model has the map the command
     * reads). Either way {@code has} false means the classifier has no map, so its error says why.
     */
    private static void requireMap(Model model, boolean has) throws FatalException {
        if (!has) {
            try {
                model.classifierMap(Tensor.zeros(model.metadata().inputShape())); // for its message
            } catch (UnsupportedOperationException e) {
                throw new FatalException(e.getMessage(), e);
            }
        }
    }

    private static void createFolder(Path dir) throws FatalException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FatalException("cannot create the output folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
