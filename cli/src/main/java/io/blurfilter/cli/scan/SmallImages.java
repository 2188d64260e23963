package io.blurfilter.cli.scan;

import io.blurfilter.cli.output.Counts;
import io.blurfilter.engine.Preprocessing;

/**
 * Images far smaller than what the model looks at. The model enlarges every image to its input size
 * first; enlarged more than twice (a 328x72 text crop to 256 pixels high, say), an image is soft all
 * over and scores as blurred whatever it shows, so such scores get a warning.
 */
public final class SmallImages {
    private final int modelSide;
    private long count;
    private String example;

    /** @param modelSide the short side the model resizes images to (256 for PaddleClas's preprocessing) */
    public SmallImages(int modelSide) {
        this.modelSide = modelSide;
    }

    /** The side the model's preprocessing resizes an image's short side to; 0 when it does not resize. */
    public static int modelSide(Preprocessing p) {
        switch (p.resize()) {
            case SHORT_SIDE:
                return p.resizeShort();
            case EXACT:
                return Math.min(p.resizeWidth(), p.resizeHeight());
            default:
                return 0;
        }
    }

    /** Whether a {@code width x height} image would be enlarged more than twice. */
    public boolean isTooSmall(int width, int height) {
        return 2L * Math.min(width, height) < modelSide;
    }

    public synchronized void add(ScanRow row) {
        if (!row.failed() && isTooSmall(row.width(), row.height())) {
            if (count++ == 0) {
                example = row.displayPath() + ", " + row.width() + "x" + row.height();
            }
        }
    }

    public synchronized long count() {
        return count;
    }

    /** The warning for the summary, or null when every image was large enough. */
    public synchronized String warning() {
        if (count == 0) {
            return null;
        }
        return "warning: " + Counts.of(count, "image is", "images are") + " less than half the " + modelSide
                + " pixels the model enlarges the short side to (e.g. " + example + "); enlarged, an image looks "
                + "blurred whatever it shows, so " + (count == 1 ? "its score says" : "their scores say") + " little";
    }
}
