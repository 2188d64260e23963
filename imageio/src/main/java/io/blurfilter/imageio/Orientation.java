package io.blurfilter.imageio;

import io.blurfilter.engine.PixelRegion;

/**
 * Applies an EXIF orientation (1..8) to ARGB pixels so the image stands the way the camera meant it,
 * as OpenCV's imread does by default (PaddleClas reads with cv2.imread).
 */
final class Orientation {
    private Orientation() {}

    /** Whether the orientation swaps width and height (5..8 are the transposing ones). */
    static boolean transposes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /**
     * The region of a stored {@code width x height} image that becomes {@code upright} once turned
     * upright ({@link #apply} of the stored region gives the upright region's pixels).
     */
    static PixelRegion storedRegion(PixelRegion upright, int width, int height, int orientation) {
        int x0 = upright.x0();
        int y0 = upright.y0();
        int x1 = upright.x1();
        int y1 = upright.y1();
        switch (orientation) {
            case 2: return new PixelRegion(width - x1, y0, width - x0, y1);
            case 3: return new PixelRegion(width - x1, height - y1, width - x0, height - y0);
            case 4: return new PixelRegion(x0, height - y1, x1, height - y0);
            case 5: return new PixelRegion(y0, x0, y1, x1);
            case 6: return new PixelRegion(y0, height - x1, y1, height - x0);
            case 7: return new PixelRegion(width - y1, height - x1, width - y0, height - x0);
            case 8: return new PixelRegion(width - y1, x0, width - y0, x1);
            default: return upright;
        }
    }

    /** The pixels of a {@code width x height} image turned upright; returns {@code pixels} itself for 1. */
    static int[] apply(int[] pixels, int width, int height, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return pixels;
        }
        int outWidth = transposes(orientation) ? height : width;
        int outHeight = transposes(orientation) ? width : height;
        int[] out = new int[pixels.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int ox;
                int oy;
                switch (orientation) {
                    case 2: ox = width - 1 - x; oy = y; break;                  // mirror horizontal
                    case 3: ox = width - 1 - x; oy = height - 1 - y; break;     // rotate 180
                    case 4: ox = x; oy = height - 1 - y; break;                 // mirror vertical
                    case 5: ox = y; oy = x; break;                              // transpose
                    case 6: ox = height - 1 - y; oy = x; break;                 // rotate 90 clockwise
                    case 7: ox = height - 1 - y; oy = width - 1 - x; break;     // transverse
                    default: ox = y; oy = width - 1 - x; break;                 // 8: rotate 90 counter-clockwise
                }
                out[oy * outWidth + ox] = pixels[y * width + x];
            }
        }
        assert outHeight * outWidth == out.length;
        return out;
    }
}
