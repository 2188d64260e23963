package io.blurfilter.decoder;

/** The seven passes of PNG's Adam7 interlacing: where each starts and how far apart its pixels are. */
final class Adam7 {
    static final int[] X0 = {0, 4, 0, 2, 0, 1, 0};
    static final int[] Y0 = {0, 0, 4, 0, 2, 0, 1};
    static final int[] DX = {8, 8, 4, 4, 2, 2, 1};
    static final int[] DY = {8, 8, 8, 4, 4, 2, 2};

    private Adam7() {}

    static int width(int pass, int imageWidth) {
        return imageWidth <= X0[pass] ? 0 : (imageWidth - X0[pass] + DX[pass] - 1) / DX[pass];
    }

    static int height(int pass, int imageHeight) {
        return imageHeight <= Y0[pass] ? 0 : (imageHeight - Y0[pass] + DY[pass] - 1) / DY[pass];
    }
}
