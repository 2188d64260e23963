package io.blurfilter.cli.scan;

import io.blurfilter.imageio.DecodedImage;

/** The model as the scan sees it: an image in, the probability that it is blurred out. */
@FunctionalInterface
public interface BlurScorer {
    /**
     * The blur score in [0, 1]. Called from several threads at once, so it must be thread-safe.
     */
    float blurScore(DecodedImage image);
}
