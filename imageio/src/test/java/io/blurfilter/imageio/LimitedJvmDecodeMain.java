package io.blurfilter.imageio;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by {@link LimitedJvmDecodeTest} in a JVM without {@code java.desktop}: decodes each file named
 * (from the file, and from its bytes) and prints one line per file, {@code name ok WxH crc=...}
 * or {@code name error: message}. Anything thrown that is not an {@link ImageDecodeException} ends
 * the JVM with its stack trace, as it would end a scan.
 */
public final class LimitedJvmDecodeMain {
    private LimitedJvmDecodeMain() {}

    public static void main(String[] args) throws Exception {
        System.out.println("imageio=" + ImageDecoder.hasImageIo());
        ImageDecoder decoder = new ImageDecoder(DecodeSettings.fullSize());
        for (String arg : args) {
            Path file = Path.of(arg);
            String name = file.getFileName().toString();
            try {
                DecodedImage image = decoder.decode(file);
                DecodedImage fromBytes = decoder.decode(Files.readAllBytes(file));
                String same = java.util.Arrays.equals(image.argb(), fromBytes.argb()) ? "same" : "different";
                System.out.println(name + " ok " + image.width() + "x" + image.height() + " crc=" + crc(image.argb())
                        + " bytes=" + same
                        + " metadata=" + PhotoMetadata.read(file));
            } catch (ImageDecodeException e) {
                System.out.println(name + " error: " + e.getMessage());
            }
        }
    }

    /** CRC-32 of the pixels, for comparing with another JVM's decode. */
    static String crc(int[] argb) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(argb.length * 4);
        bytes.asIntBuffer().put(argb);
        crc.update(bytes);
        return Long.toHexString(crc.getValue());
    }
}
