package io.blurfilter.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our pixels against libjpeg-turbo's {@code djpeg -dct int}, full size and at 1/2, 1/4, 1/8: camera
 * photos from ../shared as they are, and one photo re-encoded by {@code cjpeg} in every chroma
 * sampling, baseline and progressive, with and without restart markers, greyscale and RGB.
 */
class JpegAgreementTest {
    private static final int[] DENOMINATORS = {1, 2, 4, 8};
    private static final JpegDecoder DECODER = new JpegDecoder(100_000_000L);

    @TempDir
    static Path temp;

    @BeforeAll
    static void tools() {
        LibjpegTools.assumeInstalled();
    }

    static Path shared() {
        return SharedDir.path();
    }

    static List<Path> cameraPhotos() throws IOException {
        List<Path> photos = new ArrayList<>();
        try (Stream<Path> dev = Files.list(shared().resolve("data/real-dev"))) {
            photos.addAll(dev.filter(p -> p.toString().endsWith(".jpg")).sorted().collect(Collectors.toList()));
        }
        try (Stream<Path> blur = Files.list(shared().resolve("data/real-blur"))) {
            List<Path> all = blur.filter(p -> p.toString().matches(".*\\.jpe?g")).sorted().collect(Collectors.toList());
            for (int i = 0; i < all.size(); i += 10) { // a spread of sources and cameras, not all 150
                photos.add(all.get(i));
            }
        }
        return photos;
    }

    @Test
    void cameraPhotosMatchDjpegAtEveryScale() throws IOException {
        for (int n : DENOMINATORS) {
            Agreement a = new Agreement();
            for (Path photo : cameraPhotos()) {
                a.add(photo.getFileName() + " 1/" + n, DECODER.decode(Files.readAllBytes(photo), n), LibjpegTools.djpeg(photo, n));
            }
            System.out.println("camera photos at 1/" + n + ": " + a);
            a.assertWithinOneOn999Permille("camera photos at 1/" + n);
        }
    }

    /**
     * Camera photos transcoded losslessly by {@code jpegtran} (progressive, restart markers, optimised
     * tables): the same coefficients coded differently, so every pixel must equal the original's, at
     * every scale and through a window.
     */
    @Test
    void cameraPhotosTranscodedLosslesslyDecodeToTheSamePixels() throws IOException {
        String[][] codings = {{"-progressive"}, {"-restart", "2"}, {"-optimize", "-progressive", "-restart", "1B"}};
        int checked = 0;
        for (Path photo : cameraPhotos().subList(0, 6)) {
            byte[] original = Files.readAllBytes(photo);
            for (String[] coding : codings) {
                byte[] transcoded = LibjpegTools.jpegtran(photo, coding);
                for (int n : DENOMINATORS) {
                    DecodedPixels expected = DECODER.decode(original, n);
                    DecodedPixels actual = DECODER.decode(transcoded, n);
                    String what = photo.getFileName() + " " + List.of(coding) + " 1/" + n;
                    assertArrayEquals(expected.argb(), actual.argb(), what);
                    Window middle = new Window(expected.width() / 4, expected.height() / 3, expected.width() / 2,
                            expected.height() / 3);
                    assertArrayEquals(
                            DECODER.decode(original, n, middle).argb(), DECODER.decode(transcoded, n, middle).argb(), what);
                    checked++;
                }
            }
        }
        assertEquals(6 * codings.length * DENOMINATORS.length, checked);
    }

    @Test
    void everySamplingAndModeMatchesDjpeg() throws IOException {
        Path source = oddSizedSource(temp);
        String[][] variants = {
            {"-sample", "1x1"}, {"-sample", "2x1"}, {"-sample", "1x2"}, {"-sample", "2x2"}, {"-sample", "4x1"},
            {"-sample", "1x4"}, {"-sample", "4x2"}, {"-grayscale"}, {"-rgb"},
        };
        String[][] modes = {{}, {"-progressive"}, {"-restart", "3B"}, {"-progressive", "-restart", "1"}};
        Agreement all = new Agreement();
        for (String[] variant : variants) {
            for (String[] mode : modes) {
                List<String> options = new ArrayList<>(List.of(variant));
                options.addAll(List.of(mode));
                options.addAll(List.of("-quality", "92"));
                Path jpeg = temp.resolve(String.join("_", options).replace("-", "") + ".jpg");
                Files.write(jpeg, LibjpegTools.cjpeg(source, options.toArray(new String[0])));
                byte[] bytes = Files.readAllBytes(jpeg);
                for (int n : DENOMINATORS) {
                    Agreement a = new Agreement();
                    a.add(options + " 1/" + n, DECODER.decode(bytes, n), LibjpegTools.djpeg(jpeg, n));
                    a.assertWithinOneOn999Permille(options + " at 1/" + n);
                    all.add(options + " 1/" + n, DECODER.decode(bytes, n), LibjpegTools.djpeg(jpeg, n));
                }
            }
        }
        System.out.println("cjpeg variants, all scales: " + all);
    }

    /** A 333x247 crop of a real photo: neither side a multiple of any MCU size, so every edge case shows. */
    static Path oddSizedSource(Path dir) throws IOException {
        Path out = dir.resolve("source.ppm");
        if (!Files.exists(out)) {
            Path photo = shared().resolve("data/real-dev").resolve("kwentar_blur_samples__kwentar_repo_176_HONOR-7X_S.jpg");
            Pnm whole = LibjpegTools.djpeg(photo, 4);
            int w = 333;
            int h = 247;
            int[] argb = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (y + 20) * whole.width + x + 30;
                    argb[y * w + x] = whole.sample(i, 0) << 16 | whole.sample(i, 1) << 8 | whole.sample(i, 2);
                }
            }
            Files.write(out, Pnm.ppm(argb, w, h));
        }
        return out;
    }
}
