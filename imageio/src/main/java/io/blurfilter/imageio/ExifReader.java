package io.blurfilter.imageio;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@link PhotoMetadata} from a file's leading bytes: finds the EXIF block ({@link ExifBlock}),
 * reads the fields of its first and EXIF directories ({@link TiffFields}), and keeps the values a
 * camera can have written. Both steps are bounded by the block (at most {@link
 * PhotoMetadata#HEAD_BYTES}), visit two directories at most and copy nothing but the texts kept.
 */
final class ExifReader {
    /** Longest camera name kept; longer text is cut. */
    static final int MAX_TEXT = 100;

    private static final int MAKE = 0x010F;
    private static final int MODEL = 0x0110;
    private static final int EXPOSURE_TIME = 0x829A;
    private static final int F_NUMBER = 0x829D;
    private static final int ISO = 0x8827; // PhotographicSensitivity (ISOSpeedRatings before EXIF 2.3)
    private static final int ISO_SPEED = 0x8833; // when ISO is 65535 or more
    private static final int DATE_TIME_ORIGINAL = 0x9003;
    private static final int DATE_TIME_DIGITIZED = 0x9004;
    private static final int OFFSET_TIME_ORIGINAL = 0x9011;
    private static final int OFFSET_TIME_DIGITIZED = 0x9012;
    private static final int FOCAL_LENGTH = 0x920A;
    static final Set<Integer> TAGS = Set.of(MAKE, MODEL, EXPOSURE_TIME, F_NUMBER, ISO, ISO_SPEED,
            DATE_TIME_ORIGINAL, DATE_TIME_DIGITIZED, OFFSET_TIME_ORIGINAL, OFFSET_TIME_DIGITIZED, FOCAL_LENGTH);

    private static final DateTimeFormatter EXIF_TIME =
            DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ISO_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final Pattern OFFSET = Pattern.compile("[+-]\\d\\d:\\d\\d");

    private ExifReader() {}

    /** Never throws for bad content: what cannot be read is absent. */
    static PhotoMetadata read(byte[] head, int length) {
        try {
            byte[] tiff = ExifBlock.find(head, length);
            return tiff == null ? PhotoMetadata.NONE : new Fields(TiffFields.read(tiff, TAGS)).metadata();
        } catch (RuntimeException e) {
            return PhotoMetadata.NONE; // a bound this reader missed: no metadata rather than a failed scan
        }
    }

    /** The wanted fields, as the values a camera can have written. */
    private static final class Fields {
        private final TiffFields fields;

        Fields(TiffFields fields) {
            this.fields = fields;
        }

        PhotoMetadata metadata() {
            Double exposure = number(EXPOSURE_TIME, 0, 86_400);
            Double iso = number(ISO, 1, 65_535);
            if (iso != null && iso == 65_535) { // "65535 or more": the exact value is in ISOSpeed
                Double speed = number(ISO_SPEED, 65_535, 100_000_000);
                iso = speed != null ? speed : iso;
            }
            Double focal = number(FOCAL_LENGTH, 0, 100_000);
            Double f = number(F_NUMBER, 0, 1_000);
            String time = time(DATE_TIME_ORIGINAL, OFFSET_TIME_ORIGINAL);
            if (time == null) {
                time = time(DATE_TIME_DIGITIZED, OFFSET_TIME_DIGITIZED);
            }
            return new PhotoMetadata(exposure, iso == null ? null : (int) Math.round(iso), focal, f,
                    text(MAKE), text(MODEL), time);
        }

        /** The field's first value if it lies in (min, max] (ISO: [min, max]), else null. */
        private Double number(int tag, double min, double max) {
            Double value = fields.number(tag);
            if (value == null) {
                return null;
            }
            double v = value;
            boolean inRange = tag == ISO || tag == ISO_SPEED ? v >= min && v <= max : v > min && v <= max;
            return Double.isFinite(v) && inRange ? v : null;
        }

        /** The field's text without NULs, control characters or outer spaces, at most MAX_TEXT long; null if empty. */
        private String text(int tag) {
            String s = fields.text(tag);
            if (s == null) {
                return null;
            }
            s = s.replaceAll("\\p{Cntrl}", " ").strip();
            if (s.length() > MAX_TEXT) {
                s = s.substring(0, MAX_TEXT);
            }
            return s.isEmpty() ? null : s;
        }

        /** {@code 2019:07:03 19:43:26} as {@code 2019-07-03T19:43:26}, plus the offset field if valid; null if not a time. */
        private String time(int tag, int offsetTag) {
            String s = text(tag);
            if (s == null) {
                return null;
            }
            LocalDateTime t;
            try {
                t = LocalDateTime.parse(s, EXIF_TIME);
            } catch (DateTimeParseException e) {
                return null; // "0000:00:00 00:00:00", blanks and other placeholders
            }
            String offset = text(offsetTag);
            if (offset != null && OFFSET.matcher(offset).matches()) {
                try {
                    return t.format(ISO_TIME) + ZoneOffset.of(offset).getId().replace("Z", "+00:00");
                } catch (java.time.DateTimeException e) {
                    // an offset out of range: the local time alone
                }
            }
            return t.format(ISO_TIME);
        }
    }
}
