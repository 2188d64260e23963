package io.blurfilter.imageio;

import java.nio.charset.StandardCharsets;

/**
 * Names well-known file contents that no installed decoder reads, so the error column can say
 * "HEIC image (not supported)" instead of just "not an image".
 */
final class FormatSniffer {
    private FormatSniffer() {}

    static String notAnImageMessage(byte[] head, int length) {
        String kind = identify(head, length);
        return kind == null ? "not an image (content not recognised by any decoder)" : kind;
    }

    /**
     * The name of a format that only ImageIO's readers decode here (GIF, BMP, WebP, TIFF), from its
     * first bytes; null for anything else.
     */
    static String imageIoFormat(byte[] b, int n) {
        if (n >= 6 && (ascii(b, 0, 6).equals("GIF87a") || ascii(b, 0, 6).equals("GIF89a"))) {
            return "GIF";
        }
        if (n >= 12 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
            return "WebP";
        }
        if (n >= 4 && (ascii(b, 0, 4).equals("II*\0") || ascii(b, 0, 4).equals("MM\0*"))) {
            return "TIFF";
        }
        if (n >= 14 && b[0] == 'B' && b[1] == 'M') {
            return "BMP";
        }
        return null;
    }

    /**
     * The message for content that is not JPEG or PNG on a JVM without ImageIO: the format named
     * where it is known, and why it cannot be read here.
     */
    static String withoutImageIoMessage(byte[] head, int length) {
        String format = imageIoFormat(head, length);
        if (format != null) {
            return format + " image: this JVM has no java.desktop module (ImageIO), which decodes " + format
                    + "; only JPEG and PNG are decoded without it";
        }
        String kind = identify(head, length);
        return kind != null ? kind
                : "not a JPEG or PNG image, the only formats decoded on this JVM: it has no java.desktop module"
                        + " (ImageIO), which reads the others (WebP, TIFF, GIF, BMP)";
    }

    private static String identify(byte[] b, int n) {
        if (n >= 12 && ascii(b, 4, 4).equals("ftyp")) {
            String brand = ascii(b, 8, 4);
            if (brand.startsWith("hei") || brand.startsWith("mif1") || brand.startsWith("hev")) {
                return "unsupported image format: HEIF/HEIC";
            }
            if (brand.startsWith("avi")) {
                return "unsupported image format: AVIF";
            }
            return "not an image (an MP4/QuickTime-style media file)";
        }
        if (n >= 4 && ascii(b, 0, 4).equals("%PDF")) {
            return "not an image (a PDF document)";
        }
        if (n >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
            return "not an image (a ZIP archive)";
        }
        if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return "corrupt JPEG: no decoder accepts its header";
        }
        if (n >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "corrupt PNG: no decoder accepts its header";
        }
        return null;
    }

    private static String ascii(byte[] b, int from, int len) {
        return new String(b, from, len, StandardCharsets.ISO_8859_1);
    }
}
