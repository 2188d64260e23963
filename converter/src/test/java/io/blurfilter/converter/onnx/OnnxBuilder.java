package io.blurfilter.converter.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Test helper: writes small ONNX ModelProtos with the field numbers of reference §5.2. */
final class OnnxBuilder {
    private final ByteArrayOutputStream graph = new ByteArrayOutputStream();
    private final long opset;

    OnnxBuilder(long opset) {
        this.opset = opset;
    }

    /** A float input; -1 dims are written as dim_param. */
    OnnxBuilder input(String name, long... dims) {
        field(graph, 11, valueInfo(name, dims));
        return this;
    }

    OnnxBuilder output(String name) {
        field(graph, 12, valueInfo(name, null));
        return this;
    }

    OnnxBuilder initializer(String name, long[] dims, float... data) {
        field(graph, 5, tensor(name, dims, data));
        return this;
    }

    OnnxBuilder initializerInts(String name, long... data) {
        field(graph, 5, tensorInts(name, new long[] {data.length}, data));
        return this;
    }

    /** A node; attributes come from {@link #attrInt} etc. */
    OnnxBuilder node(String op, String[] inputs, String output, byte[]... attrs) {
        ByteArrayOutputStream n = new ByteArrayOutputStream();
        for (String in : inputs) {
            field(n, 1, in.getBytes(StandardCharsets.UTF_8));
        }
        field(n, 2, output.getBytes(StandardCharsets.UTF_8));
        field(n, 3, ("n_" + output).getBytes(StandardCharsets.UTF_8));
        field(n, 4, op.getBytes(StandardCharsets.UTF_8));
        for (byte[] a : attrs) {
            field(n, 5, a);
        }
        field(graph, 1, n.toByteArray());
        return this;
    }

    byte[] build() {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        tag(m, 1, 0);
        varint(m, 7);
        field(m, 7, graph.toByteArray());
        ByteArrayOutputStream os = new ByteArrayOutputStream();
        field(os, 1, new byte[0]);
        tag(os, 2, 0);
        varint(os, opset);
        field(m, 8, os.toByteArray());
        return m.toByteArray();
    }

    static byte[] attrInt(String name, long v) {
        ByteArrayOutputStream a = named(name);
        tag(a, 3, 0);
        varint(a, v);
        tag(a, 20, 0);
        varint(a, 2);
        return a.toByteArray();
    }

    static byte[] attrFloat(String name, float v) {
        ByteArrayOutputStream a = named(name);
        tag(a, 2, 5);
        a.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array());
        tag(a, 20, 0);
        varint(a, 1);
        return a.toByteArray();
    }

    static byte[] attrInts(String name, long... v) {
        ByteArrayOutputStream a = named(name);
        for (long x : v) {
            tag(a, 8, 0);
            varint(a, x);
        }
        tag(a, 20, 0);
        varint(a, 7);
        return a.toByteArray();
    }

    static byte[] attrString(String name, String v) {
        ByteArrayOutputStream a = named(name);
        field(a, 4, v.getBytes(StandardCharsets.UTF_8));
        tag(a, 20, 0);
        varint(a, 3);
        return a.toByteArray();
    }

    static byte[] attrTensor(String name, long[] dims, float... data) {
        ByteArrayOutputStream a = named(name);
        field(a, 5, tensor("", dims, data));
        tag(a, 20, 0);
        varint(a, 4);
        return a.toByteArray();
    }

    private static ByteArrayOutputStream named(String name) {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        field(a, 1, name.getBytes(StandardCharsets.UTF_8));
        return a;
    }

    private static byte[] tensor(String name, long[] dims, float[] data) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        for (long d : dims) {
            tag(t, 1, 0);
            varint(t, d);
        }
        tag(t, 2, 0);
        varint(t, 1);
        field(t, 8, name.getBytes(StandardCharsets.UTF_8));
        ByteBuffer raw = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            raw.putFloat(f);
        }
        field(t, 9, raw.array());
        return t.toByteArray();
    }

    private static byte[] tensorInts(String name, long[] dims, long[] data) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        for (long d : dims) {
            tag(t, 1, 0);
            varint(t, d);
        }
        tag(t, 2, 0);
        varint(t, 7);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        for (long v : data) {
            varint(packed, v);
        }
        field(t, 7, packed.toByteArray());
        field(t, 8, name.getBytes(StandardCharsets.UTF_8));
        return t.toByteArray();
    }

    private static byte[] valueInfo(String name, long[] dims) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        field(v, 1, name.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream tensorType = new ByteArrayOutputStream();
        tag(tensorType, 1, 0);
        varint(tensorType, 1);
        if (dims != null) {
            ByteArrayOutputStream shape = new ByteArrayOutputStream();
            for (long d : dims) {
                ByteArrayOutputStream dim = new ByteArrayOutputStream();
                if (d < 0) {
                    field(dim, 2, "d".getBytes(StandardCharsets.UTF_8));
                } else {
                    tag(dim, 1, 0);
                    varint(dim, d);
                }
                field(shape, 1, dim.toByteArray());
            }
            field(tensorType, 2, shape.toByteArray());
        }
        ByteArrayOutputStream type = new ByteArrayOutputStream();
        field(type, 1, tensorType.toByteArray());
        field(v, 2, type.toByteArray());
        return v.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int field, byte[] bytes) {
        tag(out, field, 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void tag(ByteArrayOutputStream out, int field, int wire) {
        varint(out, (long) field << 3 | wire);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
