package io.blurfilter.decoder;

/** Undoes PNG's per-row filters (None, Sub, Up, Average, Paeth) in place. */
final class PngFilters {
    private PngFilters() {}

    /**
     * @param data filter-type byte then {@code rowBytes} bytes, for each of {@code rows} rows from {@code at}
     * @param bpp bytes per complete pixel, at least 1 (the filters' left neighbour distance)
     */
    static void unfilter(byte[] data, int at, int rows, int rowBytes, int bpp) throws DecodeException {
        int stride = rowBytes + 1;
        for (int r = 0; r < rows; r++) {
            int row = at + r * stride;
            int type = data[row] & 0xFF;
            int cur = row + 1;
            int prev = r == 0 ? -1 : cur - stride;
            switch (type) {
                case 0:
                    break;
                case 1:
                    for (int i = bpp; i < rowBytes; i++) {
                        data[cur + i] += data[cur + i - bpp];
                    }
                    break;
                case 2:
                    if (prev >= 0) {
                        for (int i = 0; i < rowBytes; i++) {
                            data[cur + i] += data[prev + i];
                        }
                    }
                    break;
                case 3:
                    for (int i = 0; i < rowBytes; i++) {
                        int left = i >= bpp ? data[cur + i - bpp] & 0xFF : 0;
                        int up = prev >= 0 ? data[prev + i] & 0xFF : 0;
                        data[cur + i] += (byte) ((left + up) >> 1);
                    }
                    break;
                case 4:
                    for (int i = 0; i < rowBytes; i++) {
                        int left = i >= bpp ? data[cur + i - bpp] & 0xFF : 0;
                        int up = prev >= 0 ? data[prev + i] & 0xFF : 0;
                        int upLeft = i >= bpp && prev >= 0 ? data[prev + i - bpp] & 0xFF : 0;
                        data[cur + i] += (byte) paeth(left, up, upLeft);
                    }
                    break;
                default:
                    throw new DecodeException("corrupt PNG: unknown row filter " + type);
            }
        }
    }

    private static int paeth(int a, int b, int c) {
        int pa = Math.abs(b - c);
        int pb = Math.abs(a - c);
        int pc = Math.abs(a + b - 2 * c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
