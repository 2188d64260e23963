package io.blurfilter.converter;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded mutations of valid files: truncation, bit flips, byte insert/delete, random bytes, splices. */
final class Mutator {
    private final Random rnd;
    private final List<byte[]> seeds;
    private String last = "";

    Mutator(long seed, List<byte[]> seeds) {
        this.rnd = new Random(seed);
        this.seeds = seeds;
    }

    /** What the last {@link #next()} did, for failure messages. */
    String last() {
        return last;
    }

    byte[] next() {
        byte[] s = seeds.get(rnd.nextInt(seeds.size()));
        int kind = rnd.nextInt(8);
        switch (kind) {
            case 0: {
                int len = rnd.nextInt(s.length);
                last = "truncate to " + len;
                return Arrays.copyOf(s, len);
            }
            case 1:
            case 2: {
                byte[] b = s.clone();
                int flips = 1 + rnd.nextInt(kind == 1 ? 4 : 64);
                // Headers and structure sit early in most formats; bias half the flips there.
                for (int i = 0; i < flips; i++) {
                    int at = rnd.nextBoolean() ? rnd.nextInt(Math.min(b.length, 4096)) : rnd.nextInt(b.length);
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
                last = flips + " bit flips";
                return b;
            }
            case 3: {
                int at = rnd.nextInt(s.length + 1);
                int n = 1 + rnd.nextInt(16);
                byte[] b = new byte[s.length + n];
                System.arraycopy(s, 0, b, 0, at);
                for (int i = 0; i < n; i++) {
                    b[at + i] = (byte) rnd.nextInt(256);
                }
                System.arraycopy(s, at, b, at + n, s.length - at);
                last = "insert " + n + " at " + at;
                return b;
            }
            case 4: {
                int at = rnd.nextInt(s.length);
                int n = 1 + rnd.nextInt(Math.min(64, s.length - at));
                byte[] b = new byte[s.length - n];
                System.arraycopy(s, 0, b, 0, at);
                System.arraycopy(s, at + n, b, at, s.length - at - n);
                last = "delete " + n + " at " + at;
                return b;
            }
            case 5: {
                byte[] b = new byte[rnd.nextInt(2048)];
                rnd.nextBytes(b);
                last = "random " + b.length + " bytes";
                return b;
            }
            case 6: {
                byte[] other = seeds.get(rnd.nextInt(seeds.size()));
                int a = rnd.nextInt(s.length);
                int c = rnd.nextInt(other.length);
                byte[] b = new byte[a + other.length - c];
                System.arraycopy(s, 0, b, 0, a);
                System.arraycopy(other, c, b, a, other.length - c);
                last = "splice " + a + "/" + c;
                return b;
            }
            default: {
                // Overwrite a few bytes with extreme values (huge lengths, counts, dims).
                byte[] b = s.clone();
                int at = rnd.nextInt(Math.max(1, b.length - 8));
                byte[] v = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f, (byte) 0xff, (byte) 0xff, 0x0f, 0};
                int n = Math.min(1 + rnd.nextInt(8), b.length - at);
                System.arraycopy(v, 0, b, at, n);
                last = "extreme value at " + at;
                return b;
            }
        }
    }
}
