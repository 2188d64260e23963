package io.blurfilter.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.blurfilter.converter.ConvertOptions;
import io.blurfilter.converter.Converter;
import io.blurfilter.engine.Image;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.Session;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.imageio.DecodeSettings;
import io.blurfilter.imageio.ImageDecoder;
import io.blurfilter.imageio.RegionOfInterest;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * One thread's pipeline from a JPEG file to the blur score (probability of class 1) of PP-LCNet x1_0
 * with PaddleClas preprocessing (resize short side 256, center crop 224, ImageNet mean/std), in two
 * steps: decode, then preprocess and classify.
 * <ul>
 * <li>"blurfilter": blurfilter-imageio's decoder as the CLI runs it (reduced-size decoding keeping
 * 4x the resize target, only the pixels preprocessing reads) and the engine's session;
 * "blurfilter-full": the same decoder at full size; "blurfilter-builtin": the same with JPEG and PNG
 * through blurfilter's own java.base decoder (reduced IDCT, only the crop's blocks) instead of ImageIO.
 * <li>"onnxruntime": what a developer writes around ONNX Runtime: {@code ImageIO.read} at full size,
 * {@code getRGB}, the same preprocessing code, ONNX Runtime with one intra-op thread.
 * <li>"onnxruntime-samedecode": blurfilter's decoder in front of ONNX Runtime, so the two pipelines
 * differ only in the network.
 * </ul>
 */
public interface FileToScore extends AutoCloseable {
    int RESIZE_SHORT = 256;

    float score(Path jpeg) throws Exception;

    @Override
    void close() throws Exception;

    /** x1_0 with last conv, converted with the preprocessing above (once per JVM). */
    static ModelFile model() {
        return ModelHolder.MODEL;
    }

    static FileToScore of(String engine) throws OrtException {
        if (!java.util.List.of("blurfilter", "blurfilter-full", "blurfilter-builtin", "onnxruntime",
                "onnxruntime-samedecode")
                .contains(engine)) {
            throw new IllegalArgumentException("unknown pipeline " + engine);
        }
        Model model = Model.of(model());
        Session session = model.newSession();
        Decode decode = engine.equals("onnxruntime") ? Decode.imageIo()
                : Decode.blurfilter(engine.equals("blurfilter-full") ? DecodeSettings.fullSize()
                        : DecodeSettings.reducedFor(model.metadata().preprocessing(), DecodeSettings.DEFAULT_MAX_PIXELS),
                        model::pixelsRead, engine.equals("blurfilter-builtin"));
        if (engine.startsWith("blurfilter")) {
            return new FileToScore() {
                @Override
                public float score(Path jpeg) throws Exception {
                    return session.classify(decode.image(jpeg)).probability(1);
                }

                @Override
                public void close() {
                    session.close();
                }
            };
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession ort = Engines.ort(env, BenchModel.X1_0_LAST, 1);
        return new FileToScore() {
            @Override
            public float score(Path jpeg) throws Exception {
                Tensor x = session.preprocess(decode.image(jpeg));
                long[] shape = {1, 3, x.shape()[2], x.shape()[3]};
                try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data()), shape);
                        OrtSession.Result r = ort.run(Map.of("x", t))) {
                    return ((float[][]) r.get(0).getValue())[0][1];
                }
            }

            @Override
            public void close() throws OrtException {
                ort.close();
                session.close();
            }
        };
    }

    /** The decoding step: a file to upright pixels. */
    interface Decode {
        Image image(Path file) throws Exception;

        /** The CLI's decoder, decoding only the pixels preprocessing reads. */
        static Decode blurfilter(DecodeSettings settings, RegionOfInterest regionOfInterest, boolean builtIn) {
            ImageDecoder decoder = new ImageDecoder(settings, regionOfInterest, builtIn);
            return file -> decoder.decode(file).toImage();
        }

        static Decode imageIo() {
            return file -> {
                BufferedImage img = ImageIO.read(file.toFile());
                int w = img.getWidth();
                int h = img.getHeight();
                return Image.ofArgb(img.getRGB(0, 0, w, h, null, 0, w), w, h);
            };
        }
    }

    /** Converted lazily, once. */
    final class ModelHolder {
        static final ModelFile MODEL = convert();

        private ModelHolder() {}

        private static ModelFile convert() {
            try {
                return Converter.convertOnnx(BenchModel.X1_0_LAST.onnx(), new ConvertOptions()
                        .resizeShort(RESIZE_SHORT).crop(224, 224).scale(1 / 255f)
                        .mean(0.485f, 0.456f, 0.406f).std(0.229f, 0.224f, 0.225f)).model();
            } catch (Exception e) {
                throw new IllegalStateException("cannot convert " + BenchModel.X1_0_LAST.onnx(), e);
            }
        }
    }
}
