package io.blurfilter.cli.scan;

import io.blurfilter.imageio.DecodedImage;
import java.io.IOException;

/**
 * A second look at photos the model calls blurred ({@code scan --sharp-region}); called from the
 * scan's worker threads.
 */
public interface BlurVeto {
    /**
     * Whether a photo the model calls blurred is clear after all. {@code scored} is what the model
     * scored (perhaps only the region it reads).
     */
    boolean clearAfterAll(InputEntry entry, DecodedImage scored) throws IOException;
}
