package io.blurfilter.cli.scan;

import io.blurfilter.imageio.DecodedImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Makes small JPEG thumbnails (box-filtered, so they look like the photo, not like aliasing noise). */
public final class Thumbnailer {
    private final int maxSide;

    public Thumbnailer(int maxSide) {
        this.maxSide = maxSide;
    }

    public byte[] jpeg(DecodedImage image) {
        if (!image.isWhole()) {
            throw new IllegalStateException("a thumbnail needs the whole image, not the region " + image.region());
        }
        int w = image.width();
        int h = image.height();
        double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage thumb = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        thumb.setRGB(0, 0, tw, th, BoxDownscale.of(image.argb(), w, h, tw, th), 0, tw);
        return encode(thumb);
    }

    private static byte[] encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.75f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory: cannot really happen
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
