package io.blurfilter.converter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blurfilter.converter.json.JsonException;
import io.blurfilter.converter.json.JsonParser;
import io.blurfilter.converter.meta.InferenceConfig;
import io.blurfilter.converter.paddle.ParamTensor;
import io.blurfilter.converter.paddle.PdiparamsReader;
import io.blurfilter.converter.proto.LongList;
import io.blurfilter.converter.proto.ProtoException;
import io.blurfilter.converter.proto.ProtoReader;
import io.blurfilter.converter.yaml.YamlException;
import io.blurfilter.converter.yaml.Yaml;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small readers: protobuf wire format, JSON, YAML, pdiparams, inference.yml. */
class ReadersTest {
    @Test
    void protoPackedAndUnpackedRepeatedAndNegativeInt32() throws Exception {
        // field 2 unpacked 3, 128; field 2 packed [1, 2]; field 1 = -1 as a 10-byte varint
        byte[] b = {0x10, 3, 0x10, (byte) 0x80, 1, 0x12, 2, 1, 2, 0x08, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1};
        ProtoReader r = new ProtoReader(b);
        LongList dims = new LongList();
        int neg = 0;
        while (r.hasNext()) {
            if (r.next() == 2) {
                r.repeatedVarint(dims);
            } else {
                neg = r.int32();
            }
        }
        assertArrayEquals(new long[] {3, 128, 1, 2}, dims.toArray());
        assertEquals(-1, neg);
    }

    @Test
    void protoTruncationAndHugeLengthsAreErrors() {
        assertThrows(ProtoException.class, () -> { ProtoReader r = new ProtoReader(new byte[] {0x12, 0x7f}); r.next(); r.message(); });
        assertThrows(ProtoException.class, () -> {
            ProtoReader r = new ProtoReader(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
            r.next();
            r.message();
        });
        assertThrows(ProtoException.class, () -> new ProtoReader(new byte[] {(byte) 0x80}).next());
    }

    @Test
    void jsonIsStrict() throws Exception {
        assertEquals(Map.of("a", List.of(1L, 2.5, "x", true)), JsonParser.parse(" {\"a\": [1, 2.5, \"x\", true]} "));
        for (String bad : new String[] {"{\"a\":1,\"a\":2}", "[1,]", "01", "{\"a\" 1}", "\"\\q\"", "[1] x", "", "nul"}) {
            assertThrows(JsonException.class, () -> JsonParser.parse(bad), bad);
        }
        assertThrows(JsonException.class, () -> JsonParser.parse("[".repeat(10_000)));
    }

    @Test
    void yamlReadsPaddleClasConfigs() throws Exception {
        String yml = String.join("\n",
                "# comment",
                "Global:",
                "  model_name: clarity # trailing",
                "Hpi:",
                "  shapes: &id1",
                "    x:",
                "    - - 1",
                "      - 3",
                "  again: *id1",
                "PreProcess:",
                "  transform_ops:",
                "    - ResizeImage:",
                "        resize_short: 256",
                "    - CropImage:",
                "        size: 224",
                "    - NormalizeImage:",
                "        scale: 1./255.",
                "        mean: [0.485, 0.456, 0.406]",
                "        std: [0.229, 0.224, 0.225]",
                "        order: ''",
                "    - ToCHWImage:",
                "PostProcess:",
                "  main_indicator: ThreshOutput",
                "  ThreshOutput:",
                "    threshold: 0.5",
                "    label_0: clear",
                "    label_1: \"blur\"",
                "  SavePreLabel:",
                "    save_dir: ./pre_label/");
        Object root = Yaml.parse(yml);
        Map<?, ?> hpi = (Map<?, ?>) ((Map<?, ?>) root).get("Hpi");
        assertEquals(hpi.get("shapes"), hpi.get("again"));
        assertEquals(Map.of("x", List.of(List.of("1", "3"))), hpi.get("shapes"));
        InferenceConfig c = InferenceConfig.parse("inference.yml", yml);
        assertEquals("clarity", c.modelName());
        assertEquals(256, c.resizeShort());
        assertArrayEquals(new int[] {224, 224}, c.cropSize());
        assertEquals(1f / 255f, c.scale(), 1e-9f);
        assertArrayEquals(new float[] {0.229f, 0.224f, 0.225f}, c.std());
        assertEquals(List.of("clear", "blur"), c.labels());
        assertEquals(0.5f, c.threshold());
        assertThrows(YamlException.class, () -> Yaml.parse("a: *nowhere"));
    }

    @Test
    void yamlReadsWhatTheOldSubsetRefused() throws Exception {
        // block scalars, multi-line flow collections, tags and a document marker, as real files hold them
        String yml = String.join("\n",
                "---",
                "Global:",
                "  model_name: !!str clarity",
                "  note: |",
                "    two",
                "    lines",
                "  folded: >-",
                "    one",
                "    line",
                "PreProcess:",
                "  transform_ops:",
                "  - ResizeImage: {resize_short: 256,",
                "      interpolation: null}",
                "  - NormalizeImage:",
                "      mean: [0.485,",
                "             0.456, 0.406]",
                "      std: [0.229, 0.224, 0.225]",
                "PostProcess:",
                "  ThreshOutput: {threshold: 0.6, label_0: '~', label_1: \"\"}",
                "");
        Map<?, ?> root = (Map<?, ?>) Yaml.parse(yml);
        Map<?, ?> global = (Map<?, ?>) root.get("Global");
        assertEquals("clarity", global.get("model_name"));
        assertEquals("two\nlines\n", global.get("note"));
        assertEquals("one line", global.get("folded"));
        Map<?, ?> post = (Map<?, ?>) ((Map<?, ?>) root.get("PostProcess")).get("ThreshOutput");
        assertEquals("~", post.get("label_0"), "a quoted ~ is text, not null");
        assertEquals("", post.get("label_1"));
        InferenceConfig c = InferenceConfig.parse("inference.yml", yml);
        assertEquals(256, c.resizeShort());
        assertArrayEquals(new float[] {0.485f, 0.456f, 0.406f}, c.mean());
        assertEquals(0.6f, c.threshold());
        assertSame(Yaml.NULL, ((Map<?, ?>) Yaml.parse("a: ~")).get("a"));
        assertEquals(Map.of(), Yaml.parse(""));
    }

    @Test
    void yamlIsBounded() {
        // nesting: refused at 100 levels, not a StackOverflowError in a recursive composer
        YamlException deep = assertThrows(YamlException.class, () -> Yaml.parse("a: " + "[".repeat(100_000)));
        assertTrue(deep.getMessage().contains("nested deeper than 100 levels"), deep.getMessage());
        assertThrows(YamlException.class, () -> Yaml.parse("- ".repeat(5_000) + "x"));
        // an alias bomb: each level refers to the one before nine times; shared, never expanded
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        Map<?, ?> root = assertDoesNotThrow(() -> (Map<?, ?>) Yaml.parse(bomb.toString()));
        assertSame(root.get("a28"), ((List<?>) root.get("a29")).get(0));
        YamlException many = assertThrows(YamlException.class,
                () -> Yaml.parse("a: &a x\nb: [" + "*a, ".repeat(2_000) + "*a]"));
        assertTrue(many.getMessage().contains("more than 1000 aliases"), many.getMessage());
        // size, duplicates, documents, and the line of the problem
        assertThrows(YamlException.class, () -> Yaml.parse("a: " + "x".repeat(1 << 21)));
        YamlException dup = assertThrows(YamlException.class, () -> Yaml.parse("a: 1\nb: 2\na: 3"));
        assertTrue(dup.getMessage().startsWith("line 3: duplicate key 'a'"), dup.getMessage());
        assertThrows(YamlException.class, () -> Yaml.parse("a: 1\n---\nb: 2"));
        YamlException bad = assertThrows(YamlException.class, () -> Yaml.parse("a: [1, 2\nb: 3"));
        assertFalse(bad.getMessage().contains("\n"), "one line: " + bad.getMessage());
        assertThrows(YamlException.class, () -> Yaml.parse("? [a, b]\n: c"));
    }

    @Test
    void inferenceYmlRefusesWhatWouldChangeThePixels() {
        String yml = "PreProcess:\n  transform_ops:\n  - ResizeImage:\n      resize_short: 256\n      interpolation: 4\n";
        ConversionException e = assertThrows(ConversionException.class, () -> InferenceConfig.parse("i.yml", yml));
        assertTrue(e.getMessage().startsWith("i.yml: PreProcess ResizeImage.interpolation: unsupported value 4"),
                e.getMessage());
        String rand = "PreProcess:\n  transform_ops:\n  - RandCropImage:\n      size: 224\n";
        assertTrue(assertThrows(ConversionException.class, () -> InferenceConfig.parse("i.yml", rand)).getMessage()
                .contains("unsupported transform op 'RandCropImage'"));
    }

    @Test
    void pdiparamsFixtureReadsExactlyAndRefusesTrailingOrShortData() throws Exception {
        byte[] b = Files.readAllBytes(Fixtures.fixture("paddle-pir-lcnet-x0_25-textline/inference.pdiparams"));
        List<ParamTensor> t = PdiparamsReader.read("p", b);
        assertEquals(145, t.size());
        assertEquals(79_354, t.stream().mapToInt(x -> x.values().length).sum());
        assertArrayEquals(new long[] {8}, t.get(0).dims());
        assertEquals(9.71087f, t.get(0).values()[0], 1e-5f);
        byte[] extra = java.util.Arrays.copyOf(b, b.length + 3);
        assertTrue(assertThrows(ConversionException.class, () -> PdiparamsReader.read("p", extra)).getMessage()
                .contains("tensor #145"));
        byte[] shorter = java.util.Arrays.copyOf(b, b.length - 1);
        assertTrue(assertThrows(ConversionException.class, () -> PdiparamsReader.read("p", shorter)).getMessage()
                .contains("only"));
    }

    @Test
    void pdiparamsFp16AndFp64BecomeFloat32() throws Exception {
        // FP16 [2] = {1.0, -2.0}; FP64 [1] = {0.5}
        byte[] fp16 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0x08, 4, 0x10, 2, 0x00, 0x3c, 0x00,
            (byte) 0xc0};
        byte[] fp64 = new byte[24 + 8];
        fp64[16] = 4;
        fp64[20] = 0x08;
        fp64[21] = 6;
        fp64[22] = 0x10;
        fp64[23] = 1;
        java.nio.ByteBuffer.wrap(fp64, 24, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(0.5);
        byte[] both = new byte[fp16.length + fp64.length];
        System.arraycopy(fp16, 0, both, 0, fp16.length);
        System.arraycopy(fp64, 0, both, fp16.length, fp64.length);
        List<ParamTensor> t = PdiparamsReader.read("p", both);
        assertArrayEquals(new float[] {1f, -2f}, t.get(0).values());
        assertArrayEquals(new float[] {0.5f}, t.get(1).values());
    }
}
