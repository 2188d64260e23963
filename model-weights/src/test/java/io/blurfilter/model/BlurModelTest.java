package io.blurfilter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.blurfilter.engine.Model;
import io.blurfilter.engine.Preprocessing;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The packaged model declares what MODEL-CARD.md says it does. */
class BlurModelTest {
    @Test
    void packagedMetadataMatchesTheModelCard() {
        Model model = BlurModel.loadDefault();
        assertEquals(List.of("clear", "blur"), model.metadata().labels());
        assertEquals(0.5f, model.metadata().postprocessing().threshold());
        Preprocessing p = model.metadata().preprocessing();
        assertEquals(Preprocessing.Resize.SHORT_SIDE, p.resize());
        assertEquals(256, p.resizeShort());
        assertEquals(224, p.cropWidth());
        assertEquals(224, p.cropHeight());
        assertEquals(Preprocessing.Interpolation.AREA, p.interpolation());
        assertEquals(Preprocessing.ChannelOrder.RGB, p.channelOrder());
        assertSame(BlurModel.shared(), BlurModel.shared());
    }
}
