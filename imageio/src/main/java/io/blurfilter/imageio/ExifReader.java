package io.blurfilter.imageio;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.imaging.FormatCompliance;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.tiff.TiffDirectory;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.TiffHeader;
import org.apache.commons.imaging.formats.tiff.TiffReader;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryConstants;

/**
 * Reads {@link PhotoMetadata} from a file's leading bytes with Commons Imaging's TIFF reader, on the
 * EXIF block alone ({@link ExifBlock}). Only the reader's directory walk is used (no image data, no
 * thumbnails, no JPEG or ICC parsing), it gets a copy of at most {@link PhotoMetadata#HEAD_BYTES}
 * bytes, and a listener stops it after {@link #MAX_DIRECTORIES} directories or {@link #MAX_FIELDS}
 * fields: real photos have 2 to 5 directories and under 200 fields, so the cap never cuts one short,
 * while a crafted chain of directories or a directory of 65,535 entries ends there.
 */
final class ExifReader {
    static final int MAX_DIRECTORIES = 8;
    static final int MAX_FIELDS = 1000;
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
    private static final Set<Integer> TAGS = Set.of(MAKE, MODEL, EXPOSURE_TIME, F_NUMBER, ISO, ISO_SPEED,
            DATE_TIME_ORIGINAL, DATE_TIME_DIGITIZED, OFFSET_TIME_ORIGINAL, OFFSET_TIME_DIGITIZED, FOCAL_LENGTH);
    private static final int TYPE_SHORT = 3;

    private static final DateTimeFormatter EXIF_TIME =
            DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ISO_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final Pattern OFFSET = Pattern.compile("[+-]\\d\\d:\\d\\d");

    /**
     * Whether Commons Imaging can load here: its parsers log through {@code java.util.logging}, so on a
     * JVM without module {@code java.logging} (a {@code --limit-modules java.base} runtime) every photo
     * has no metadata.
     */
    static final boolean AVAILABLE = detect();

    private ExifReader() {}

    private static boolean detect() {
        try {
            Class.forName("java.util.logging.Logger", false, ExifReader.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Never throws for bad content: what cannot be read is absent. */
    static PhotoMetadata read(byte[] head, int length) {
        if (!AVAILABLE) {
            return PhotoMetadata.NONE;
        }
        try {
            byte[] tiff = ExifBlock.find(head, length);
            if (tiff == null) {
                return PhotoMetadata.NONE;
            }
            Collector fields = new Collector();
            try {
                new TiffReader(false).read(ByteSource.array(tiff), FormatCompliance.getDefault(), fields);
            } catch (IOException | RuntimeException | StackOverflowError e) {
                // damaged further on: the fields read before the damage are still good
            }
            return fields.metadata();
        } catch (RuntimeException e) {
            return PhotoMetadata.NONE;
        }
    }

    /** Keeps the wanted fields of IFD0 and the EXIF directory, and stops the walk at the caps. */
    private static final class Collector implements TiffReader.Listener {
        private final Map<Integer, TiffField> wanted = new HashMap<>();
        private int directories;
        private int fields;

        @Override
        public boolean setTiffHeader(TiffHeader header) {
            return true;
        }

        @Override
        public boolean addDirectory(TiffDirectory directory) {
            return ++directories < MAX_DIRECTORIES; // false: no sub-directories, no next directory
        }

        @Override
        public boolean addField(TiffField field) {
            if (++fields > MAX_FIELDS) {
                return false;
            }
            int directory = field.getDirectoryType();
            if ((directory == TiffDirectoryConstants.DIRECTORY_TYPE_ROOT
                    || directory == TiffDirectoryConstants.DIRECTORY_TYPE_EXIF) && TAGS.contains(field.getTag())) {
                wanted.putIfAbsent(field.getTag(), field);
            }
            return true;
        }

        @Override
        public boolean readImageData() {
            return false;
        }

        @Override
        public boolean readOffsetDirectories() {
            return true;
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
            Object value = value(tag);
            double v;
            if (value instanceof Number n) {
                v = n.doubleValue();
            } else if (value instanceof Number[] a && a.length > 0 && a[0] != null) {
                v = a[0].doubleValue();
            } else if (value instanceof short[] a && a.length > 0) {
                v = a[0];
            } else if (value instanceof int[] a && a.length > 0) {
                v = a[0];
            } else if (value instanceof double[] a && a.length > 0) {
                v = a[0];
            } else if (value instanceof float[] a && a.length > 0) {
                v = a[0];
            } else {
                return null;
            }
            if (wanted.get(tag).getFieldType().getType() == TYPE_SHORT) {
                v = (int) v & 0xFFFF; // SHORT is unsigned; the reader hands it out as a Java short
            }
            boolean inRange = tag == ISO || tag == ISO_SPEED ? v >= min && v <= max : v > min && v <= max;
            return Double.isFinite(v) && inRange ? v : null;
        }

        /** The field's text without NULs, control characters or outer spaces, at most MAX_TEXT long; null if empty. */
        private String text(int tag) {
            Object value = value(tag);
            String s = value instanceof String str ? str
                    : value instanceof String[] a && a.length > 0 ? a[0] : null;
            if (s == null) {
                return null;
            }
            int nul = s.indexOf('\0');
            s = (nul >= 0 ? s.substring(0, nul) : s).replaceAll("\\p{Cntrl}", " ").strip();
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

        private Object value(int tag) {
            TiffField field = wanted.get(tag);
            if (field == null) {
                return null;
            }
            try {
                return field.getValue();
            } catch (ImagingException | RuntimeException e) {
                return null;
            }
        }
    }
}
