package io.blurfilter.cli.map;

import io.blurfilter.cli.scan.InputEntry;
import io.blurfilter.cli.scan.RegionGrid;
import io.blurfilter.cli.scan.RegionMapper;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.ScoreMap;
import io.blurfilter.imageio.DecodedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code scan --maps DIR}: each scored photo's whole-frame blur map ({@link Model#scoreMap(io.blurfilter.engine.Image, int)}
 * at short side {@code size}), its overlay written into DIR as {@code blurfilter map} writes it (never
 * replacing a file), and its grid for the JSON rows, in the photo's full-resolution pixels; with
 * {@link #withPreviews} also a small overlay for the HTML report.
 */
public final class ScanMaps implements RegionMapper {
    private final Model model;
    private final int blur;
    private final int size;
    private final MapNames names;
    private final ConcurrentHashMap<InputEntry, Path> reserved = new ConcurrentHashMap<>();
    /** The long side of the report's overlay previews; 0 for none. */
    private volatile int previewSide;

    public ScanMaps(Model model, int blurIndex, int size, Path dir) {
        this.model = model;
        this.blur = blurIndex;
        this.size = size;
        this.names = new MapNames(dir);
    }

    /**
     * Also makes each photo's small overlay for the HTML report ({@link HeatMaps#preview}), at most
     * {@code maxSide} pixels on its long side; 0 for none (the default).
     */
    public ScanMaps withPreviews(int maxSide) {
        this.previewSide = maxSide;
        return this;
    }

    @Override
    public void reserve(InputEntry entry) {
        if (entry.error() == null) {
            reserved.put(entry, names.next(entry));
        }
    }

    @Override
    public RegionGrid map(InputEntry entry, DecodedImage image) throws IOException {
        Path target = reserved.remove(entry);
        if (target == null) {
            target = names.next(entry);
        }
        ScoreMap m = model.scoreMap(image.toImage(), size);
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        HeatMaps.writePng(HeatMaps.overlay(image, m, blur), target, false);
        double sx = (double) image.fullWidth() / image.width();
        double sy = (double) image.fullHeight() / image.height();
        return new RegionGrid(m.rows(), m.cols(), m.centerX(0) * sx, m.centerY(0) * sy, m.cellWidth() * sx,
                m.cellHeight() * sy, m.scores(blur), target.toString(),
                previewSide > 0 ? HeatMaps.preview(image, m, blur, previewSide) : null);
    }
}
