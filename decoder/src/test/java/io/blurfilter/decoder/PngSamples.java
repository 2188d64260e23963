package io.blurfilter.decoder;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * PNGs of every colour type and bit depth, written by the JDK's PNG writer from seeded random
 * samples, and what the JDK's reader decodes them to, taken from its raster (not {@code getRGB},
 * which would pass grey through a linear-light conversion).
 */
final class PngSamples {
    private PngSamples() {}

    /** The image kinds the tests write; the name says colour type and bit depth. */
    static final String[] KINDS = {"grey1", "grey2", "grey4", "grey8", "grey16", "palette1", "palette2", "palette4",
        "palette8", "palette8alpha", "rgb8", "rgb16", "greyalpha8", "greyalpha16", "rgba8", "rgba16"};

    static BufferedImage image(String kind, int w, int h, long seed) {
        Random random = new Random(seed);
        BufferedImage image;
        switch (kind) {
            case "grey1":
                image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
                break;
            case "grey2":
            case "grey4":
                image = indexed(w, h, greyRamp(bits(kind)));
                break;
            case "palette1":
            case "palette2":
            case "palette4":
            case "palette8":
                image = indexed(w, h, colours(bits(kind), random, false));
                break;
            case "palette8alpha":
                image = indexed(w, h, colours(8, random, true));
                break;
            case "grey8":
                image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
                break;
            case "grey16":
                image = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
                break;
            case "rgb8":
                image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
                break;
            case "rgba8":
                image = new BufferedImage(w, h, BufferedImage.TYPE_4BYTE_ABGR);
                break;
            case "rgb16":
                image = component(w, h, ColorSpace.CS_sRGB, false, DataBuffer.TYPE_USHORT);
                break;
            case "rgba16":
                image = component(w, h, ColorSpace.CS_sRGB, true, DataBuffer.TYPE_USHORT);
                break;
            case "greyalpha8":
                image = component(w, h, ColorSpace.CS_GRAY, true, DataBuffer.TYPE_BYTE);
                break;
            case "greyalpha16":
                image = component(w, h, ColorSpace.CS_GRAY, true, DataBuffer.TYPE_USHORT);
                break;
            default:
                throw new IllegalArgumentException(kind);
        }
        WritableRaster r = image.getRaster();
        int bands = r.getNumBands();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < bands; b++) {
                    int max = (1 << r.getSampleModel().getSampleSize(b)) - 1;
                    // smooth areas (so filters other than None pay) with noise and a few extremes
                    int v = (int) ((long) max * ((x * 7 + y * 3 + b * 50) % 97) / 96);
                    if (random.nextInt(4) == 0) {
                        v = random.nextInt(max + 1);
                    }
                    r.setSample(x, y, b, v);
                }
            }
        }
        return image;
    }

    private static int bits(String kind) {
        return Integer.parseInt(kind.replaceAll("\\D", ""));
    }

    private static BufferedImage indexed(int w, int h, IndexColorModel cm) {
        return new BufferedImage(w, h, cm.getMapSize() <= 16 ? BufferedImage.TYPE_BYTE_BINARY : BufferedImage.TYPE_BYTE_INDEXED, cm);
    }

    private static IndexColorModel greyRamp(int bits) {
        int n = 1 << bits;
        byte[] v = new byte[n];
        for (int i = 0; i < n; i++) {
            v[i] = (byte) (i * 255 / (n - 1));
        }
        return new IndexColorModel(bits, n, v, v, v);
    }

    private static IndexColorModel colours(int bits, Random random, boolean alpha) {
        int n = 1 << bits;
        byte[][] c = new byte[4][n];
        for (byte[] channel : c) {
            random.nextBytes(channel);
        }
        return alpha ? new IndexColorModel(bits, n, c[0], c[1], c[2], c[3]) : new IndexColorModel(bits, n, c[0], c[1], c[2]);
    }

    private static BufferedImage component(int w, int h, int space, boolean alpha, int type) {
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(space), alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, type);
        return new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
    }

    static byte[] png(BufferedImage image, boolean interlaced) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(interlaced ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The PNG with a chunk inserted right after IHDR (CRC computed). */
    static byte[] withChunk(byte[] png, String type, byte[] data) {
        int at = 8 + 8 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, at);
        byte[] typeAndData = new byte[4 + data.length];
        System.arraycopy(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, typeAndData, 0, 4);
        System.arraycopy(data, 0, typeAndData, 4, data.length);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        writeInt(out, data.length);
        out.write(typeAndData, 0, typeAndData.length);
        writeInt(out, (int) crc.getValue());
        out.write(png, at, png.length - at);
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    /**
     * The JDK reader's pixels as ARGB by our conventions: palette entries through the colour model
     * (it holds the tRNS alpha), other samples from the raster, 16-bit ones to their high byte; opaque
     * where the JDK's image has no alpha.
     */
    static int[] jdkArgb(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png));
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        WritableRaster r = image.getRaster();
        int bands = r.getNumBands();
        int shift = r.getSampleModel().getSampleSize(0) == 16 ? 8 : 0;
        int[] argb = new int[w * h];
        int[] px = new int[bands];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.getPixel(x, y, px);
                int v;
                if (cm instanceof IndexColorModel) {
                    v = cm.getRGB(px[0]);
                } else if (bands <= 2) {
                    v = (bands == 2 ? px[1] >> shift : 0xFF) << 24 | (px[0] >> shift) * 0x010101;
                } else {
                    v = (bands == 4 ? px[3] >> shift : 0xFF) << 24 | (px[0] >> shift) << 16 | (px[1] >> shift) << 8 | px[2] >> shift;
                }
                argb[y * w + x] = v;
            }
        }
        return argb;
    }
}
