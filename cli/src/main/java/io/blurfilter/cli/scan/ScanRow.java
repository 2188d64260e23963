package io.blurfilter.cli.scan;

import io.blurfilter.imageio.PhotoMetadata;

/**
 * The result for one file: what every output format prints. {@code blurScore} is NaN and
 * {@code label} null when {@code error} is set. {@code thumbnail} (JPEG bytes) is only made when a
 * report is written; {@code metadata} is only read when an output shows it, and is
 * {@link PhotoMetadata#NONE} otherwise, for failed files, and for photos without any. {@code map} is
 * the photo's blur map with {@code scan --maps}, null otherwise.
 */
public record ScanRow(InputEntry entry, float blurScore, String label, int width, int height, String error,
        byte[] thumbnail, PhotoMetadata metadata, RegionGrid map) {

    public ScanRow {
        metadata = metadata == null ? PhotoMetadata.NONE : metadata;
    }

    /** A row without a blur map (only {@code scan --maps} makes them). */
    public ScanRow(InputEntry entry, float blurScore, String label, int width, int height, String error,
            byte[] thumbnail, PhotoMetadata metadata) {
        this(entry, blurScore, label, width, height, error, thumbnail, metadata, null);
    }

    /** A row without metadata. */
    public ScanRow(InputEntry entry, float blurScore, String label, int width, int height, String error,
            byte[] thumbnail) {
        this(entry, blurScore, label, width, height, error, thumbnail, PhotoMetadata.NONE);
    }

    public static ScanRow failed(InputEntry entry, String error) {
        return new ScanRow(entry, Float.NaN, null, 0, 0, error, null);
    }

    public boolean failed() {
        return error != null;
    }

    /** The path as the user should see it (as found from the argument they gave). */
    public String displayPath() {
        return entry.path().toString();
    }

    public ScanRow withoutThumbnail() {
        return new ScanRow(entry, blurScore, label, width, height, error, null, metadata, map);
    }

    /** The same row with an error (a scored file that could not be moved keeps its score). */
    public ScanRow withError(String newError) {
        return new ScanRow(entry, blurScore, label, width, height, newError, thumbnail, metadata, map);
    }
}
