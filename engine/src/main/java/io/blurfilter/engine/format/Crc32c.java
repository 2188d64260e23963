package io.blurfilter.engine.format;

/**
 * CRC-32C (Castagnoli), the model file's checksum. The JDK's {@code java.util.zip.CRC32C} where the
 * platform has it (HotSpot compiles it to the CPU's CRC instructions: a 9 MB model in a few ms);
 * Android lacks that class (API level 26, the engine's floor, has none), so a table-driven version
 * (eight bytes a step) runs there. Both give the same values (Crc32cTest compares them).
 */
final class Crc32c {
    /** The reflected Castagnoli polynomial. */
    private static final int POLYNOMIAL = 0x82F63B78;
    private static final boolean JDK = jdkAvailable();

    private Crc32c() {}

    /** The CRC-32C of {@code bytes[offset, offset + length)}. */
    static int of(byte[] bytes, int offset, int length) {
        return JDK ? JdkCrc32c.of(bytes, offset, length) : portable(bytes, offset, length);
    }

    /** The table-driven CRC-32C, whatever the platform (package-private for the test). */
    static int portable(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || length > bytes.length - offset) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + " + " + length + ") of "
                    + bytes.length + " bytes");
        }
        int[][] tables = Tables.TABLES;
        int[] t0 = tables[0];
        int[] t1 = tables[1];
        int[] t2 = tables[2];
        int[] t3 = tables[3];
        int[] t4 = tables[4];
        int[] t5 = tables[5];
        int[] t6 = tables[6];
        int[] t7 = tables[7];
        int crc = ~0;
        int i = offset;
        int end = offset + length;
        for (; end - i >= 8; i += 8) {
            int low = crc ^ ((bytes[i] & 0xFF) | (bytes[i + 1] & 0xFF) << 8 | (bytes[i + 2] & 0xFF) << 16
                    | (bytes[i + 3] & 0xFF) << 24);
            crc = t7[low & 0xFF] ^ t6[(low >>> 8) & 0xFF] ^ t5[(low >>> 16) & 0xFF] ^ t4[low >>> 24]
                    ^ t3[bytes[i + 4] & 0xFF] ^ t2[bytes[i + 5] & 0xFF] ^ t1[bytes[i + 6] & 0xFF]
                    ^ t0[bytes[i + 7] & 0xFF];
        }
        for (; i < end; i++) {
            crc = (crc >>> 8) ^ t0[(crc ^ bytes[i]) & 0xFF];
        }
        return ~crc;
    }

    /** TABLES[k][b]: the CRC of byte b followed by k zero bytes; built on first use, so only where the JDK class is missing (and in the test). */
    private static final class Tables {
        static final int[][] TABLES = tables();
    }

    private static int[][] tables() {
        int[][] t = new int[8][256];
        for (int b = 0; b < 256; b++) {
            int c = b;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
            }
            t[0][b] = c;
        }
        for (int k = 1; k < 8; k++) {
            for (int b = 0; b < 256; b++) {
                int prev = t[k - 1][b];
                t[k][b] = (prev >>> 8) ^ t[0][prev & 0xFF];
            }
        }
        return t;
    }

    private static boolean jdkAvailable() {
        try {
            Class.forName("java.util.zip.CRC32C");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
