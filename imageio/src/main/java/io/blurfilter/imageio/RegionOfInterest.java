package io.blurfilter.imageio;

import io.blurfilter.engine.PixelRegion;

/**
 * The part of an upright decoded image of a given size that its consumer reads (for a model:
 * {@code Model::pixelsRead}); {@link ImageDecoder} then decodes that part alone.
 */
@FunctionalInterface
public interface RegionOfInterest {
    PixelRegion of(int width, int height);
}
