package io.blurfilter.cli.map;

import io.blurfilter.cli.scan.BlurVeto;
import io.blurfilter.cli.scan.InputEntry;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.ScoreMap;
import io.blurfilter.imageio.DecodedImage;
import io.blurfilter.imageio.ImageDecoder;
import java.io.IOException;

/**
 * The whole-photo decision with a sharp region ({@code scan --sharp-region}): a photo the
 * model calls blurred is clear when at least {@link #MIN_FRACTION} of its whole-frame map's cells (at
 * short side {@link #SIZE}) have a blur probability of at most {@link #MAX_BLUR}, a region confidently
 * sharp, as a shallow depth of field has. The three values were chosen on validation halves only
 * (docs/BLUR-MAP.md): the fewest shallow depth-of-field photos called blurred while losing no
 * synthetic blurred photo and at most one real one. They were chosen on the classifier's per-cell
 * map, so that is the map it reads ({@link Model#classifierMap}), even from a file with a map head.
 * Only photos called blurred are mapped, decoded again whole when the scan read only part of them.
 */
public final class SharpRegion implements BlurVeto {
    public static final int SIZE = 448;
    public static final float MAX_BLUR = 0.1f;
    public static final float MIN_FRACTION = 0.05f;

    private final Model model;
    private final int blur;
    private final ImageDecoder wholeImages;

    /** @param wholeImages decodes whole photos (reduced size is fine) for those the scan decoded in part */
    public SharpRegion(Model model, int blurIndex, ImageDecoder wholeImages) {
        this.model = model;
        this.blur = blurIndex;
        this.wholeImages = wholeImages;
    }

    @Override
    public boolean clearAfterAll(InputEntry entry, DecodedImage scored) throws IOException {
        DecodedImage whole = scored.isWhole() ? scored : wholeImages.decode(entry.path());
        return sharpFraction(model.classifierMap(whole.toImage(), SIZE), blur) >= MIN_FRACTION;
    }

    /** The fraction of the map's cells whose class {@code blur} probability is at most {@link #MAX_BLUR}. */
    public static double sharpFraction(ScoreMap map, int blur) {
        float[] p = map.scores(blur);
        int sharp = 0;
        for (float v : p) {
            sharp += v <= MAX_BLUR ? 1 : 0;
        }
        return (double) sharp / p.length;
    }
}
