package io.blurfilter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.Model;
import io.blurfilter.engine.Preprocessing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The packaged model declares what MODEL-CARD.md says it does. */
class BlurModelTest {
    private static final Path CARD = Path.of("MODEL-CARD.md");

    @Test
    void packagedMetadataMatchesTheModelCard() {
        Model model = BlurModel.loadDefault();
        assertEquals(List.of("clear", "blur"), model.metadata().labels());
        Preprocessing p = model.metadata().preprocessing();
        assertEquals(Preprocessing.Resize.SHORT_SIDE, p.resize());
        assertEquals(256, p.resizeShort());
        assertEquals(224, p.cropWidth());
        assertEquals(224, p.cropHeight());
        assertEquals(Preprocessing.Interpolation.AREA, p.interpolation());
        assertEquals(Preprocessing.ChannelOrder.RGB, p.channelOrder());
        assertSame(BlurModel.shared(), BlurModel.shared());
    }

    @Test
    void theCardsThresholdsAndHashAreThoseOfThePackagedFile() throws Exception {
        String card = Files.readString(CARD);
        String decision = line(card, "| decision |");
        Matcher t = Pattern.compile("`blur_score >= ([0-9.]+)`").matcher(decision);
        assertTrue(t.find(), decision);
        var post = BlurModel.loadDefault().metadata().postprocessing();
        assertEquals(Float.parseFloat(t.group(1)), post.threshold());

        Map<String, Float> points = new LinkedHashMap<>();
        Matcher m = Pattern.compile("`([a-z]+)=([0-9.]+)`").matcher(decision);
        while (m.find()) {
            points.put(m.group(1), Float.parseFloat(m.group(2)));
        }
        assertEquals(post.operatingPoints(), points);
        assertEquals(post.threshold(), points.get("balanced"), "the default is the balanced point");

        assertTrue(line(card, "| file |").contains("sha256 `" + sha256OfResource() + "`"),
                "the card's sha256 is the packaged file's");
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("MODEL-CARD.md has no line starting " + prefix));
    }

    private static String sha256OfResource() throws IOException, java.security.NoSuchAlgorithmException {
        try (InputStream in = BlurModel.class.getResourceAsStream(BlurModel.RESOURCE)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }
}
