package io.blurfilter.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The run-time choice of the decoder's vector paths follows the module: all plain without
 * jdk.incubator.vector, all vector with it (surefire's vector execution; the CI machines have
 * 256-bit vectors). The paths' exactness: InverseDctPathsTest, ColorConverterPathsTest, UpsamplerPathsTest.
 */
class VectorPathsTest {
    @Test
    void selectionFollowsTheModule() {
        boolean present = System.getProperty("blurfilter.test.vector", "absent").equals("present");
        List<Object> paths = Arrays.asList(VectorPaths.idctOrNull(), VectorPaths.colorOrNull(), VectorPaths.upsamplerOrNull());
        for (Object path : paths) {
            assertEquals(present, path != null, "jdk.incubator.vector " + (present ? "present" : "absent") + ", paths " + paths);
        }
        assertEquals(present, JpegDecoder.usesVectorApi());
    }
}
