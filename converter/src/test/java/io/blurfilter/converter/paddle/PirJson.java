package io.blurfilter.converter.paddle;

import java.util.ArrayList;
import java.util.List;

/** Test helper: writes small PIR {@code inference.json} programs in the layout of reference §4.4. */
final class PirJson {
    private final List<String> ops = new ArrayList<>();

    PirJson param(int id, String name, int... dims) {
        ops.add("{\"#\":\"p\",\"A\":[0,1,1,\"" + name + "\"],\"DA\":[],\"O\":{\"%\":" + id
                + ",\"TT\":{\"#\":\"0.t_dtensor\",\"D\":[{\"#\":\"0.t_f32\"}," + ints(dims)
                + ",\"NCHW\",[],0]}},\"OA\":[1,0,1],\"QA\":[]}");
        return this;
    }

    PirJson data(int id, int... shape) {
        return op("1.data", new int[0], new int[] {id}, str("name", "x"),
                "{\"AT\":{\"#\":\"1.a_intarray\",\"D\":" + ints(shape) + "},\"N\":\"shape\"}",
                "{\"AT\":{\"#\":\"1.a_dtype\",\"D\":\"float32\"},\"N\":\"dtype\"}");
    }

    PirJson fetch(int operand) {
        return op("1.fetch", new int[] {operand}, new int[] {999999}, str("name", "fetch_name_0"));
    }

    PirJson op(String name, int[] operands, int[] results, String... attrs) {
        StringBuilder sb = new StringBuilder("{\"#\":\"").append(name).append("\",\"A\":[")
                .append(String.join(",", attrs)).append("],\"I\":[");
        for (int i = 0; i < operands.length; i++) {
            sb.append(i > 0 ? "," : "").append("{\"%\":").append(operands[i]).append('}');
        }
        sb.append("],\"O\":[");
        for (int i = 0; i < results.length; i++) {
            sb.append(i > 0 ? "," : "").append("{\"%\":").append(results[i]).append('}');
        }
        ops.add(sb.append("]}").toString());
        return this;
    }

    String build() {
        return "{\"base_code\":{\"magic\":\"pir\",\"trainable\":true,\"version\":1},\"program\":{\"regions\":[{\"#\":"
                + "\"region_0\",\"blocks\":[{\"#\":\"block_0\",\"args\":[],\"ops\":[" + String.join(",", ops) + "]}]}]}}";
    }

    static String str(String name, String v) {
        return "{\"AT\":{\"#\":\"0.a_str\",\"D\":\"" + v + "\"},\"N\":\"" + name + "\"}";
    }

    static String f32(String name, double v) {
        return "{\"AT\":{\"#\":\"0.a_f32\",\"D\":" + v + "},\"N\":\"" + name + "\"}";
    }

    static String f64(String name, double v) {
        return "{\"AT\":{\"#\":\"0.a_f64\",\"D\":" + v + "},\"N\":\"" + name + "\"}";
    }

    static String bool(String name, boolean v) {
        return "{\"AT\":{\"#\":\"0.a_bool\",\"D\":" + v + "},\"N\":\"" + name + "\"}";
    }

    static String i32(String name, int v) {
        return "{\"AT\":{\"#\":\"0.a_i32\",\"D\":" + v + "},\"N\":\"" + name + "\"}";
    }

    static String i32s(String name, int... v) {
        StringBuilder sb = new StringBuilder("{\"AT\":{\"#\":\"0.a_array\",\"D\":[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? "," : "").append("{\"#\":\"0.a_i32\",\"D\":").append(v[i]).append('}');
        }
        return sb.append("]},\"N\":\"").append(name).append("\"}").toString();
    }

    static String i64s(String name, int... v) {
        StringBuilder sb = new StringBuilder("{\"AT\":{\"#\":\"0.a_array\",\"D\":[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? "," : "").append("{\"#\":\"0.a_i64\",\"D\":").append(v[i]).append('}');
        }
        return sb.append("]},\"N\":\"").append(name).append("\"}").toString();
    }

    static String intArray(String name, int... v) {
        return "{\"AT\":{\"#\":\"1.a_intarray\",\"D\":" + ints(v) + "},\"N\":\"" + name + "\"}";
    }

    /** conv2d attributes with the given strides and paddings. */
    static String[] conv(int[] strides, int[] paddings, int groups) {
        return new String[] {i32s("strides", strides), i32s("paddings", paddings), str("padding_algorithm", "EXPLICIT"),
            i32s("dilations", 1, 1), i32("groups", groups), str("data_format", "NCHW"),
            str("struct_name", "/Net/Conv2D/")};
    }

    private static String ints(int... v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? "," : "").append(v[i]);
        }
        return sb.append(']').toString();
    }
}
