package io.blurfilter.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.blurfilter.engine.format.ModelReader;
import io.blurfilter.engine.format.ModelWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the model reader: truncations, bit flips, byte edits, splices and random
 * files, half of them with the checksum recomputed so the mutation reaches the header parser and the
 * graph checks. The only acceptable failure is ModelFormatException; a file that still loads must run.
 */
class ModelFileFuzzTest {
    private static final int CASES = 20000;

    @Test
    void mutatedFilesFailOnlyWithModelFormatException() {
        byte[] seed = ModelWriter.toBytes(TinyModels.classifier(9));
        Random r = new Random(20261127);
        int rejected = 0;
        int loaded = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] bytes = mutate(seed, r);
            if (r.nextBoolean()) {
                bytes = ModelFormatTest.fixChecksum(bytes);
            }
            long start = System.nanoTime();
            try {
                Model model = Model.of(ModelReader.read(bytes, "fuzz.bfm"));
                model.run(Tensor.zeros(model.metadata().inputShape()));
                loaded++;
            } catch (ModelFormatException e) {
                assertTrue(e.getMessage().startsWith("fuzz.bfm: "), e.getMessage());
                rejected++;
            } catch (Throwable t) {
                fail("case " + i + " threw " + t + "\nheader: " + headerOf(bytes), t);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 2_000, "case " + i + " took " + ms + " ms");
        }
        assertTrue(rejected > CASES / 2, "most mutations must be rejected, got " + rejected);
        assertTrue(loaded + rejected == CASES);
    }

    private static String headerOf(byte[] b) {
        return new String(b, 0, Math.min(b.length, 600), StandardCharsets.ISO_8859_1);
    }

    static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int kind = r.nextInt(7);
        switch (kind) {
            case 0:
                return Arrays.copyOf(b, r.nextInt(b.length));
            case 1:
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            case 2: {
                int at = r.nextInt(b.length);
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                String alphabet = " 0-9,=\"\n#x";
                out[at] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
                System.arraycopy(b, at, out, at + 1, b.length - at);
                return out;
            }
            case 3: {
                int at = r.nextInt(b.length);
                byte[] out = new byte[b.length - 1];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + 1, out, at, b.length - at - 1);
                return out;
            }
            case 4: {
                // overwrite a header digit run with a large or negative number
                int at = 28 + r.nextInt(Math.min(b.length - 28, 1200));
                String s = r.nextBoolean() ? "99999999999" : (r.nextBoolean() ? "-1" : "2147483647");
                byte[] val = s.getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(val, 0, b, at, Math.min(val.length, b.length - at));
                return b;
            }
            case 5: {
                int from = r.nextInt(b.length);
                int to = r.nextInt(b.length);
                int len = r.nextInt(Math.min(64, b.length - Math.max(from, to)) + 1);
                System.arraycopy(b, from, b, to, len);
                return b;
            }
            default: {
                byte[] out = new byte[r.nextInt(200)];
                r.nextBytes(out);
                if (out.length >= 8 && r.nextBoolean()) {
                    System.arraycopy(seed, 0, out, 0, 8);
                }
                return out;
            }
        }
    }
}
