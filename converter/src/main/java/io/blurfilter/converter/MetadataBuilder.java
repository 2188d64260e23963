package io.blurfilter.converter;

import io.blurfilter.converter.meta.InferenceConfig;
import io.blurfilter.engine.ModelMetadata;
import io.blurfilter.engine.Postprocessing;
import io.blurfilter.engine.Preprocessing;
import io.blurfilter.engine.graph.Graph;
import io.blurfilter.engine.graph.ShapeInference;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts together a model's metadata from the yml (if any), the flags (which win) and the graph: the
 * concrete input shape, preprocessing, labels, postprocessing and provenance.
 */
final class MetadataBuilder {
    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private MetadataBuilder() {}

    static ModelMetadata build(ConvertOptions o, InferenceConfig c, Graph g, String where, String sourceFormat,
            Map<String, String> sha256, String defaultName) throws ConversionException {
        Integer resizeShort = o.resizeShort != null ? o.resizeShort : c != null ? c.resizeShort() : null;
        int[] resize = o.resize != null ? o.resize : c != null ? c.resizeSize() : null;
        if (o.resizeShort != null && o.resize == null) {
            resize = null;
        }
        if (o.resize != null && o.resizeShort == null) {
            resizeShort = null;
        }
        if (resizeShort != null && resize != null) {
            throw new ConversionException("give either --resize-short or --resize, not both");
        }
        int[] crop = o.crop != null ? o.crop : c != null ? c.cropSize() : null;
        int[] inputShape = inputShape(o, g, resize, crop, where);

        Preprocessing.Resize mode;
        if (resizeShort != null) {
            mode = Preprocessing.Resize.SHORT_SIDE;
        } else {
            mode = Preprocessing.Resize.EXACT;
            if (resize == null && crop == null) {
                // Nothing said: bring any image to the network's input size.
                resize = new int[] {inputShape[3], inputShape[2]};
            }
            if (resize == null) {
                mode = Preprocessing.Resize.NONE;
            }
        }
        float scale = o.scale != null ? o.scale : c != null && c.scale() != null ? c.scale() : 1f / 255f;
        float[] mean = o.mean != null ? o.mean : c != null && c.mean() != null ? c.mean() : IMAGENET_MEAN;
        float[] std = o.std != null ? o.std : c != null && c.std() != null ? c.std() : IMAGENET_STD;
        boolean bgr = o.bgr != null ? o.bgr : c != null && c.bgr() != null && c.bgr();
        Preprocessing pre;
        try {
            pre = Preprocessing.of(mode, resizeShort == null ? 0 : resizeShort, resize == null ? 0 : resize[0],
                    resize == null ? 0 : resize[1], crop == null ? 0 : crop[0], crop == null ? 0 : crop[1], scale,
                    mean, std, bgr ? Preprocessing.ChannelOrder.BGR : Preprocessing.ChannelOrder.RGB)
                    .withInterpolation(o.interpolation != null ? o.interpolation : Preprocessing.Interpolation.LINEAR);
        } catch (IllegalArgumentException e) {
            throw new ConversionException("preprocessing: " + e.getMessage());
        }

        int classes = classCount(g, inputShape, where);
        List<String> labels = o.labels != null ? o.labels : c != null ? c.labels() : null;
        if (labels == null) {
            labels = new ArrayList<>();
            for (int i = 0; i < classes; i++) {
                labels.add(String.valueOf(i));
            }
        } else if (labels.size() != classes) {
            throw new ConversionException(where + ": " + labels.size() + " labels given but the model outputs "
                    + classes + " values");
        }
        Float threshold = o.threshold != null ? o.threshold : c != null ? c.threshold() : null;
        Postprocessing post;
        try {
            post = threshold != null ? Postprocessing.threshold(threshold, 1) : Postprocessing.top1();
            if (!o.operatingPoints.isEmpty()) {
                if (threshold == null) {
                    throw new IllegalArgumentException("operating points need a threshold (--threshold)");
                }
                post = post.withOperatingPoints(o.operatingPoints);
            }
        } catch (IllegalArgumentException e) {
            throw new ConversionException("postprocessing: " + e.getMessage());
        }
        if (post.kind() == Postprocessing.Kind.THRESHOLD && labels.size() != 2) {
            throw new ConversionException(where + ": a threshold needs a two-class model, this one has "
                    + labels.size() + " outputs");
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("source_format", sourceFormat);
        for (Map.Entry<String, String> e : sha256.entrySet()) {
            provenance.put("source_sha256:" + e.getKey(), e.getValue());
        }
        provenance.put("converter", ConverterVersion.VERSION);
        provenance.put("converted", LocalDate.now(ZoneOffset.UTC).toString());
        String name = o.name != null ? o.name : c != null && c.modelName() != null ? c.modelName() : defaultName;
        return new ModelMetadata(name, inputShape, pre, labels, post, provenance);
    }

    /** Flag, else crop or exact-resize size, else the graph's own static dims (batch 1). */
    private static int[] inputShape(ConvertOptions o, Graph g, int[] resize, int[] crop, String where)
            throws ConversionException {
        int[] declared = g.inputShape();
        if (declared.length != 4) {
            throw new ConversionException(where + ": image models take NCHW input; this one takes "
                    + Arrays.toString(declared));
        }
        int[] shape;
        if (o.inputShape != null) {
            shape = o.inputShape.clone();
        } else {
            shape = declared.clone();
            shape[0] = 1;
            int[] size = crop != null ? crop : resize;
            if (size != null) {
                shape[2] = size[1];
                shape[3] = size[0];
            }
            if (shape[1] < 0) {
                shape[1] = 3;
            }
            if (shape[2] < 0 || shape[3] < 0) {
                throw new ConversionException(where + ": the input height/width are dynamic; give --input-shape"
                        + " 1,3,H,W (or --resize/--crop, or a --config)");
            }
        }
        if (shape.length != 4) {
            throw new ConversionException("input shape " + Arrays.toString(shape) + " is not N,C,H,W");
        }
        for (int i = 0; i < 4; i++) {
            if (shape[i] < 1 || (declared[i] >= 0 && declared[i] != shape[i])) {
                throw new ConversionException(where + ": input shape " + Arrays.toString(shape)
                        + " does not fit the model's " + Arrays.toString(declared).replace("-1", "?"));
            }
        }
        if (shape[1] != 3) {
            throw new ConversionException(where + ": image models take 3 channels, input shape is "
                    + Arrays.toString(shape));
        }
        return shape;
    }

    private static int classCount(Graph g, int[] inputShape, String where) throws ConversionException {
        int[] out;
        try {
            out = ShapeInference.infer(g, inputShape).get(g.outputName());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ConversionException(where + ": at input " + Arrays.toString(inputShape) + ": "
                    + e.getMessage(), e);
        }
        long n = 1;
        for (int i = 1; i < out.length; i++) {
            n *= out[i];
        }
        if (out.length < 2 || n != out[out.length - 1] || n > 100_000) {
            throw new ConversionException(where + ": output " + Arrays.toString(out)
                    + " is not a [N, classes] score vector");
        }
        return (int) n;
    }
}
