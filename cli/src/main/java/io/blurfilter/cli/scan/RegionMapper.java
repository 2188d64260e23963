package io.blurfilter.cli.scan;

import io.blurfilter.imageio.DecodedImage;
import java.io.IOException;

/** Makes a scanned photo's blur map ({@code scan --maps}); called from the scan's worker threads. */
public interface RegionMapper {
    /** Called on the walking thread, in walk order, before {@link #map} for the same entry. */
    default void reserve(InputEntry entry) {}

    /** The photo's map (its overlay written), from the whole decoded photo. */
    RegionGrid map(InputEntry entry, DecodedImage image) throws IOException;
}
