package io.blurfilter.cli.scan;

/**
 * The result for one file: what every output format prints. {@code blurScore} is NaN and
 * {@code label} null when {@code error} is set. {@code thumbnail} (JPEG bytes) is only made when a
 * report is written.
 */
public record ScanRow(InputEntry entry, float blurScore, String label, int width, int height, String error,
        byte[] thumbnail) {

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
        return new ScanRow(entry, blurScore, label, width, height, error, null);
    }
}
