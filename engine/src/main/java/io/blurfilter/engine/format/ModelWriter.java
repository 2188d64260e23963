package io.blurfilter.engine.format;

import io.blurfilter.engine.ModelMetadata;
import io.blurfilter.engine.Postprocessing;
import io.blurfilter.engine.Preprocessing;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.GraphValidator;
import io.blurfilter.engine.graph.Node;
import io.blurfilter.engine.graph.ShapeInference;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link ModelFile} in format version 2 (see docs/MODEL-FORMAT.md). The model is validated
 * first, so a file this writer produces always loads.
 */
public final class ModelWriter {
    private ModelWriter() {}

    /** Serializes the model to bytes. */
    public static byte[] toBytes(ModelFile model) {
        Graph g = model.graph();
        GraphValidator.validate(g);
        ShapeInference.infer(g, model.metadata().inputShape());

        Map<String, Long> offsets = new LinkedHashMap<>();
        long weightBytes = 0;
        for (Map.Entry<String, Tensor> w : g.weights().entrySet()) {
            offsets.put(w.getKey(), weightBytes);
            weightBytes = ModelFile.align(weightBytes + 4L * w.getValue().size());
        }
        byte[] header = header(model, offsets, weightBytes).getBytes(StandardCharsets.UTF_8);
        long weightsStart = ModelFile.align(ModelFile.PREFIX_BYTES + header.length);
        long total = weightsStart + weightBytes + 4;
        if (header.length > ModelFile.MAX_HEADER_BYTES || weightBytes > ModelFile.MAX_WEIGHT_BYTES
                || total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("model too large for the model format");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(ModelFile.MAGIC).putInt(ModelFile.VERSION).putInt(0).putInt(header.length).putLong(weightBytes);
        buf.put(header);
        for (Map.Entry<String, Tensor> w : g.weights().entrySet()) {
            ((Buffer) buf).position((int) (weightsStart + offsets.get(w.getKey()))); // Android: Buffer's only
            buf.asFloatBuffer().put(w.getValue().data());
        }
        buf.putInt((int) (total - 4), Crc32c.of(buf.array(), 0, (int) (total - 4)));
        return buf.array();
    }

    public static void write(ModelFile model, OutputStream out) throws IOException {
        out.write(toBytes(model));
    }

    /** Writes through a temporary file and a rename, so an existing file is never left half-written. */
    public static void write(ModelFile model, Path file) throws IOException {
        byte[] bytes = toBytes(model);
        Path dir = file.toAbsolutePath().getParent();
        // not createTempFile: that makes the file owner-only, and the result should get the usual umask
        Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String header(ModelFile model, Map<String, Long> offsets, long weightBytes) {
        ModelMetadata m = model.metadata();
        Graph g = model.graph();
        StringBuilder sb = new StringBuilder();
        sb.append("blurfilter-model ").append(ModelFile.VERSION).append('\n');
        sb.append("name ").append(HeaderText.quote(m.name())).append('\n');
        sb.append("input ").append(g.inputName());
        for (int d : m.inputShape()) {
            sb.append(' ').append(d);
        }
        sb.append('\n');
        int[] declared = g.inputShape();
        StringBuilder dynamic = new StringBuilder();
        for (int i = 0; i < declared.length; i++) {
            if (declared[i] == -1) {
                dynamic.append(' ').append(i);
            }
        }
        if (dynamic.length() > 0) {
            sb.append("dynamic").append(dynamic).append('\n');
        }
        sb.append("output ").append(g.outputName()).append('\n');
        if (g.mapOutput() != null) {
            sb.append("output map ").append(g.mapOutput().value()).append(" stride ").append(g.mapOutput().stride())
                    .append('\n');
        }
        appendPreprocessing(sb, m.preprocessing());
        sb.append("labels");
        for (String label : m.labels()) {
            sb.append(' ').append(HeaderText.quote(label));
        }
        sb.append('\n');
        Postprocessing post = m.postprocessing();
        if (post.kind() == Postprocessing.Kind.THRESHOLD) {
            sb.append("postprocess threshold ").append(post.threshold()).append(' ').append(post.positiveIndex());
        } else {
            sb.append("postprocess top1");
        }
        sb.append('\n');
        for (Map.Entry<String, Float> p : post.operatingPoints().entrySet()) {
            sb.append("operating_point ").append(p.getKey()).append(' ').append(p.getValue()).append('\n');
        }
        for (Map.Entry<String, String> p : m.provenance().entrySet()) {
            sb.append("provenance ").append(HeaderText.quote(p.getKey())).append(' ')
                    .append(HeaderText.quote(p.getValue())).append('\n');
        }
        sb.append("weights_bytes ").append(weightBytes).append('\n');
        for (Map.Entry<String, Tensor> w : g.weights().entrySet()) {
            sb.append("tensor ").append(w.getKey()).append(" f32 ").append(offsets.get(w.getKey()));
            for (int d : w.getValue().shape()) {
                sb.append(' ').append(d);
            }
            sb.append('\n');
        }
        for (Node n : g.nodes()) {
            sb.append("node ").append(n.op().fileName()).append(' ').append(n.name()).append(" in=")
                    .append(String.join(",", n.inputs())).append(" out=").append(n.output());
            for (Map.Entry<String, Object> a : n.attributes().asMap().entrySet()) {
                sb.append(' ').append(a.getKey()).append('=').append(attributeText(a.getValue()));
            }
            sb.append('\n');
        }
        sb.append("end\n");
        return sb.toString();
    }

    private static void appendPreprocessing(StringBuilder sb, Preprocessing p) {
        switch (p.resize()) {
            case SHORT_SIDE:
                sb.append("preprocess resize_short ").append(p.resizeShort()).append('\n');
                break;
            case EXACT:
                sb.append("preprocess resize ").append(p.resizeWidth()).append(' ').append(p.resizeHeight())
                        .append('\n');
                break;
            default:
                break;
        }
        if (p.interpolation() != Preprocessing.Interpolation.LINEAR) {
            sb.append("preprocess interpolation ").append(p.interpolation().token()).append('\n');
        }
        if (p.cropWidth() > 0) {
            sb.append("preprocess crop ").append(p.cropWidth()).append(' ').append(p.cropHeight()).append('\n');
        }
        sb.append("preprocess scale ").append(p.scale()).append('\n');
        sb.append("preprocess mean ").append(floats(p.mean(), " ")).append('\n');
        sb.append("preprocess std ").append(floats(p.std(), " ")).append('\n');
        sb.append("preprocess channels ").append(p.channelOrder()).append('\n');
    }

    private static String attributeText(Object v) {
        if (v instanceof int[]) {
            StringBuilder sb = new StringBuilder();
            for (int x : (int[]) v) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(x);
            }
            return sb.toString();
        }
        if (v instanceof float[]) {
            return floats((float[]) v, ",");
        }
        return (String) v;
    }

    /** Float.toString round-trips every float exactly through Float.parseFloat. */
    private static String floats(float[] values, String sep) {
        StringBuilder sb = new StringBuilder();
        for (float f : values) {
            if (sb.length() > 0) {
                sb.append(sep);
            }
            sb.append(f);
        }
        return sb.toString();
    }
}
