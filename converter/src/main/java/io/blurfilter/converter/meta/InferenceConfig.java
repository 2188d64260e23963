package io.blurfilter.converter.meta;

import io.blurfilter.converter.ConversionException;
import io.blurfilter.converter.yaml.YamlException;
import io.blurfilter.converter.yaml.Yaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a PaddleClas/PaddleX {@code inference.yml} says about pre- and postprocessing (reference §2):
 * {@code PreProcess.transform_ops} (ResizeImage, CropImage, NormalizeImage, ToCHWImage, DecodeImage)
 * and {@code PostProcess} (Topk with label_list, ThreshOutput with threshold/label_0/label_1).
 * Fields the file does not set stay null. A transform or setting that would change the pixels in a
 * way the engine does not reproduce is refused, not ignored.
 */
public final class InferenceConfig {
    String modelName;
    Integer resizeShort;
    int[] resizeSize;
    int[] cropSize;
    Float scale;
    float[] mean;
    float[] std;
    Boolean bgr;
    List<String> labels;
    Float threshold;
    boolean topk;

    private static final Set<String> HARMLESS_POSTPROCESS = Set.of("main_indicator", "SavePreLabel");

    public static InferenceConfig parse(String file, String text) throws ConversionException {
        Object root;
        try {
            root = Yaml.parse(text);
        } catch (YamlException e) {
            throw new ConversionException(file + ": " + e.getMessage());
        }
        InferenceConfig c = new InferenceConfig();
        Map<String, Object> top = map(root, file);
        Object global = top.get("Global");
        if (global instanceof Map && ((Map<?, ?>) global).get("model_name") instanceof String) {
            c.modelName = (String) ((Map<?, ?>) global).get("model_name");
        }
        Object pre = top.get("PreProcess");
        if (pre != null && pre != Yaml.NULL) {
            Object ops = map(pre, file + ": PreProcess").get("transform_ops");
            if (ops != null && ops != Yaml.NULL) {
                for (Object op : list(ops, file + ": PreProcess.transform_ops")) {
                    c.transform(file, op);
                }
            }
        }
        Object post = top.get("PostProcess");
        if (post != null && post != Yaml.NULL) {
            for (Map.Entry<String, Object> e : map(post, file + ": PostProcess").entrySet()) {
                c.postprocess(file + ": PostProcess." + e.getKey(), e.getKey(), e.getValue());
            }
        }
        return c;
    }

    private void transform(String file, Object op) throws ConversionException {
        Map<String, Object> m = map(op, file + ": transform op");
        if (m.size() != 1) {
            throw new ConversionException(file + ": a transform op should have one name, has " + m.keySet());
        }
        String name = m.keySet().iterator().next();
        String where = file + ": PreProcess " + name;
        Object v = m.get(name);
        Map<String, Object> args = v == Yaml.NULL ? Map.of() : map(v, where);
        switch (name) {
            case "ResizeImage":
                for (Map.Entry<String, Object> a : args.entrySet()) {
                    switch (a.getKey()) {
                        case "resize_short":
                            resizeShort = positiveInt(a.getValue(), where + ".resize_short");
                            break;
                        case "size":
                            resizeSize = size(a.getValue(), where + ".size");
                            break;
                        case "interpolation":
                            requireOneOf(a.getValue(), where + ".interpolation", "null", "1", "bilinear", "linear");
                            break;
                        case "backend":
                            requireOneOf(a.getValue(), where + ".backend", "null", "cv2");
                            break;
                        default:
                            throw new ConversionException(where + ": unsupported setting '" + a.getKey() + "'");
                    }
                }
                if ((resizeShort == null) == (resizeSize == null)) {
                    throw new ConversionException(where + ": needs exactly one of resize_short and size");
                }
                break;
            case "CropImage":
                cropSize = size(required(args, "size", where), where + ".size");
                break;
            case "NormalizeImage":
                for (Map.Entry<String, Object> a : args.entrySet()) {
                    switch (a.getKey()) {
                        case "scale":
                            scale = number(a.getValue(), where + ".scale");
                            break;
                        case "mean":
                            mean = triple(a.getValue(), where + ".mean");
                            break;
                        case "std":
                            std = triple(a.getValue(), where + ".std");
                            break;
                        case "order":
                            // Layout while normalizing ('' / hwc / chw); the result is the same numbers.
                            requireOneOf(a.getValue(), where + ".order", "", "hwc", "chw", "null");
                            break;
                        case "channel_num":
                            requireOneOf(a.getValue(), where + ".channel_num", "3");
                            break;
                        default:
                            throw new ConversionException(where + ": unsupported setting '" + a.getKey() + "'");
                    }
                }
                break;
            case "ToCHWImage":
                break;
            case "DecodeImage":
                Object toRgb = args.get("to_rgb");
                if (toRgb != null) {
                    String s = String.valueOf(toRgb).toLowerCase(Locale.ROOT);
                    bgr = s.equals("false");
                }
                Object first = args.get("channel_first");
                if (first != null && String.valueOf(first).equalsIgnoreCase("true")) {
                    throw new ConversionException(where + ": unsupported setting channel_first=true");
                }
                break;
            default:
                throw new ConversionException(where + ": unsupported transform op '" + name + "'");
        }
    }

    private void postprocess(String where, String name, Object v) throws ConversionException {
        if (HARMLESS_POSTPROCESS.contains(name)) {
            return;
        }
        Map<String, Object> args = v == Yaml.NULL ? Map.of() : map(v, where);
        switch (name) {
            case "Topk": {
                topk = true;
                Object list = args.get("label_list");
                if (list != null && list != Yaml.NULL) {
                    labels = new ArrayList<>();
                    for (Object item : list(list, where + ".label_list")) {
                        labels.add(scalarText(item, where + ".label_list"));
                    }
                }
                break;
            }
            case "ThreshOutput": {
                threshold = number(required(args, "threshold", where), where + ".threshold");
                Object l0 = args.get("label_0");
                Object l1 = args.get("label_1");
                if (l0 != null && l1 != null) {
                    labels = List.of(scalarText(l0, where + ".label_0"), scalarText(l1, where + ".label_1"));
                }
                break;
            }
            default:
                throw new ConversionException(where + ": unsupported postprocess '" + name
                        + "' (supported: Topk, ThreshOutput; or give --labels/--threshold without --config)");
        }
    }

    // ------------------------------------------------------------------ scalar helpers

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v, String where) throws ConversionException {
        if (v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw new ConversionException(where + ": expected a mapping");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v, String where) throws ConversionException {
        if (v instanceof List) {
            return (List<Object>) v;
        }
        throw new ConversionException(where + ": expected a list");
    }

    private static Object required(Map<String, Object> m, String key, String where) throws ConversionException {
        Object v = m.get(key);
        if (v == null || v == Yaml.NULL) {
            throw new ConversionException(where + ": missing '" + key + "'");
        }
        return v;
    }

    private static String scalarText(Object v, String where) throws ConversionException {
        if (v instanceof String) {
            return (String) v;
        }
        throw new ConversionException(where + ": expected a plain value");
    }

    private static void requireOneOf(Object v, String where, String... allowed) throws ConversionException {
        String s = v == Yaml.NULL ? "null" : v instanceof String ? ((String) v).toLowerCase(Locale.ROOT) : null;
        for (String a : allowed) {
            if (a.equals(s)) {
                return;
            }
        }
        throw new ConversionException(where + ": unsupported value " + v);
    }

    /** A number, also written as a fraction like PaddleClas's {@code 1./255.}. */
    static float number(Object v, String where) throws ConversionException {
        String s = v instanceof String ? ((String) v).strip() : null;
        if (s == null) {
            throw new ConversionException(where + ": expected a number");
        }
        try {
            int slash = s.indexOf('/');
            double d = slash < 0 ? Double.parseDouble(s)
                    : Double.parseDouble(s.substring(0, slash)) / Double.parseDouble(s.substring(slash + 1));
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return (float) d;
        } catch (NumberFormatException e) {
            throw new ConversionException(where + ": expected a number, got " + s);
        }
    }

    private static int positiveInt(Object v, String where) throws ConversionException {
        String s = v instanceof String ? (String) v : "";
        try {
            int i = Integer.parseInt(s.strip());
            if (i < 1 || i > 1 << 16) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new ConversionException(where + ": expected a positive size, got " + v);
        }
    }

    /** A size: one int (square) or [w, h]. */
    private static int[] size(Object v, String where) throws ConversionException {
        if (v instanceof List) {
            List<Object> l = list(v, where);
            if (l.size() != 2) {
                throw new ConversionException(where + ": expected [width, height]");
            }
            return new int[] {positiveInt(l.get(0), where), positiveInt(l.get(1), where)};
        }
        int s = positiveInt(v, where);
        return new int[] {s, s};
    }

    private static float[] triple(Object v, String where) throws ConversionException {
        List<Object> l = list(v, where);
        if (l.size() != 3) {
            throw new ConversionException(where + ": expected 3 values");
        }
        return new float[] {number(l.get(0), where), number(l.get(1), where), number(l.get(2), where)};
    }

    public String modelName() {
        return modelName;
    }

    public Integer resizeShort() {
        return resizeShort;
    }

    /** [width, height] of a straight resize, or null. */
    public int[] resizeSize() {
        return resizeSize == null ? null : resizeSize.clone();
    }

    /** [width, height] of the center crop, or null. */
    public int[] cropSize() {
        return cropSize == null ? null : cropSize.clone();
    }

    public Float scale() {
        return scale;
    }

    public float[] mean() {
        return mean == null ? null : mean.clone();
    }

    public float[] std() {
        return std == null ? null : std.clone();
    }

    /** True when DecodeImage says to_rgb: false; null when unsaid (RGB). */
    public Boolean bgr() {
        return bgr;
    }

    public List<String> labels() {
        return labels;
    }

    /** ThreshOutput's threshold, or null for Topk / no postprocess. */
    public Float threshold() {
        return threshold;
    }
}
