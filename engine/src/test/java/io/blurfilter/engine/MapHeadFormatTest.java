package io.blurfilter.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.format.ModelReader;
import io.blurfilter.engine.format.ModelWriter;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.Node;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The optional second graph output, {@code output map <value> stride <s>}, in the model file. */
class MapHeadFormatTest {
    @Test
    void mapOutputRoundTrips() throws Exception {
        ModelFile m = TinyModels.withMapHead(4);
        byte[] bytes = ModelWriter.toBytes(m);
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\noutput probs\noutput map ml stride 2\n"));
        Graph back = ModelReader.read(bytes, "head.bfm").graph();
        assertEquals("probs", back.outputName());
        assertEquals("ml", back.mapOutput().value());
        assertEquals(2, back.mapOutput().stride());
        assertEquals(m.graph().nodes().size(), back.nodes().size());
        for (int i = 0; i < back.nodes().size(); i++) {
            Node a = m.graph().nodes().get(i);
            Node b = back.nodes().get(i);
            assertEquals(a.op(), b.op());
            assertEquals(a.inputs(), b.inputs());
            assertEquals(a.output(), b.output());
            assertEquals(a.attributes(), b.attributes());
        }
        for (String name : m.graph().weights().keySet()) {
            assertArrayEquals(m.graph().weight(name).data(), back.weight(name).data(), name);
        }
    }

    @Test
    void filesWithoutAHeadHaveNoMapOutput() throws Exception {
        byte[] bytes = ModelWriter.toBytes(TinyModels.classifier(4));
        assertTrue(!new String(bytes, StandardCharsets.UTF_8).contains("output map"));
        assertNull(ModelReader.read(bytes, "plain.bfm").graph().mapOutput());
    }

    @Test
    void badMapOutputsAreNamed() throws Exception {
        byte[] good = ModelWriter.toBytes(TinyModels.withMapHead(4));
        assertMessage(ModelFormatTest.withHeader(good, h -> h.replace("stride 2", "stride 4")),
                "map output 'ml' is [1, 1, 16, 16] for input [1, 3, 32, 32]; stride 4 needs [1, 1, 8, 8]");
        assertMessage(ModelFormatTest.withHeader(good, h -> h.replace("output map ml", "output map nope")),
                "map output 'nope' is not produced by any node");
        assertMessage(ModelFormatTest.withHeader(good, h -> h.replace("output map ml", "output map h1.w")),
                "map output 'h1.w' is not produced by any node");
        assertMessage(ModelFormatTest.withHeader(good, h -> h.replace("output map ml", "output map probs")),
                "is also the classifier output");
        assertMessage(ModelFormatTest.withHeader(good, h -> h.replace("stride 2", "stride 0")), "value 0 out of range [1, 64]");
        assertMessage(ModelFormatTest.withHeader(good,
                h -> h.replace("output map ml stride 2\n", "output map ml stride 2\noutput map ml stride 2\n")),
                "duplicate 'output map'");
    }

    private static void assertMessage(byte[] bytes, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelReader.read(bytes, "bad.bfm"));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
