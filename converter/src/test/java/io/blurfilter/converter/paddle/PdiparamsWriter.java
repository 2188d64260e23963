package io.blurfilter.converter.paddle;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Test helper: writes a {@code .pdiparams} byte for byte as reference §4.1 describes (written here
 * independently of the reader), and makes seeded random weights for a program's own parameters.
 */
public final class PdiparamsWriter {
    private PdiparamsWriter() {}

    /** Tensors in the given order (callers pass sorted names for a real file). */
    public static byte[] write(List<long[]> dims, List<float[]> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int t = 0; t < dims.size(); t++) {
            ByteArrayOutputStream desc = new ByteArrayOutputStream();
            desc.write(0x08);
            desc.write(5); // FP32
            for (long d : dims.get(t)) {
                desc.write(0x10);
                varint(desc, d);
            }
            byte[] db = desc.toByteArray();
            float[] v = values.get(t);
            ByteBuffer b = ByteBuffer.allocate(4 + 8 + 4 + 4 + db.length + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0).putLong(0).putInt(0).putInt(db.length).put(db);
            for (float f : v) {
                b.putFloat(f);
            }
            out.writeBytes(b.array());
        }
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /**
     * Seeded weights for every parameter of the program, keyed by name: BN variances in [0.5, 1.5],
     * BN scales in [0.5, 1.5], conv/fc weights uniform with variance ~1/fan_in, the rest N(0, 0.1).
     */
    public static Map<String, float[]> randomWeights(PaddleProgram program, long seed) {
        Set<String> variances = new java.util.HashSet<>();
        Set<String> scales = new java.util.HashSet<>();
        for (PaddleOp op : program.ops) {
            if (op.type.startsWith("batch_norm")) {
                variances.addAll(op.inputs.getOrDefault("Variance", List.of()));
                scales.addAll(op.inputs.getOrDefault("Scale", List.of()));
            }
        }
        Random rnd = new Random(seed);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String name : program.parameterNamesInFileOrder()) {
            PaddleProgram.Parameter p = program.parameter(name);
            long[] d = p.dims();
            int n = 1;
            for (long x : d) {
                n *= (int) x;
            }
            float[] v = new float[n];
            String key = program.format().equals("paddle-pir") ? p.key : name;
            boolean variance = variances.contains(key);
            boolean scale = scales.contains(key);
            double fanIn = d.length == 4 ? d[1] * d[2] * d[3] : d.length == 2 ? d[0] : 0;
            for (int i = 0; i < n; i++) {
                if (variance || scale) {
                    v[i] = (float) (0.5 + rnd.nextDouble());
                } else if (fanIn > 0) {
                    v[i] = (float) ((rnd.nextDouble() * 2 - 1) * Math.sqrt(3.0 / fanIn) * 1.4);
                } else {
                    v[i] = (float) (rnd.nextGaussian() * 0.1);
                }
            }
            out.put(name, v);
        }
        return out;
    }

    /** A full .pdiparams for the program with {@link #randomWeights}. */
    public static byte[] randomFile(PaddleProgram program, Map<String, float[]> weights) {
        List<long[]> dims = new java.util.ArrayList<>();
        List<float[]> values = new java.util.ArrayList<>();
        for (String name : program.parameterNamesInFileOrder()) {
            dims.add(program.parameter(name).dims());
            values.add(weights.get(name));
        }
        return write(dims, values);
    }
}
