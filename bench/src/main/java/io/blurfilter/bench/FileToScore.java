package io.blurfilter.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.blurfilter.cli.image.DecodeSettings;
import io.blurfilter.cli.image.DecodedImage;
import io.blurfilter.cli.image.ImageDecoder;
import io.blurfilter.converter.ConvertOptions;
import io.blurfilter.converter.Converter;
import io.blurfilter.engine.Image;
import io.blurfilter.engine.Model;
import io.blurfilter.engine.Session;
import io.blurfilter.engine.Tensor;
import io.blurfilter.engine.format.ModelFile;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * One thread's pipeline from a JPEG file to the blur score (probability of class 1) of PP-LCNet x1_0
 * with PaddleClas preprocessing (resize short side 256, center crop 224, ImageNet mean/std).
 * blurfilter: the CLI's decoder (reduced-size decoding keeping 4x the resize target, or full size)
 * and the engine's session. ONNX Runtime: plain {@code ImageIO.read} at full size, the same
 * preprocessing code, then ONNX Runtime with one intra-op thread.
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

    /** "blurfilter" (reduced-size decoding), "blurfilter-full" (full size) or "onnxruntime". */
    static FileToScore of(String engine) throws OrtException {
        Model model = Model.of(model());
        Session session = model.newSession();
        if (engine.startsWith("blurfilter")) {
            DecodeSettings settings = engine.equals("blurfilter-full") ? DecodeSettings.fullSize()
                    : new DecodeSettings(DecodeSettings.DEFAULT_MAX_PIXELS, 4 * RESIZE_SHORT, 0, 0);
            ImageDecoder decoder = new ImageDecoder(settings);
            return new FileToScore() {
                @Override
                public float score(Path jpeg) throws Exception {
                    DecodedImage d = decoder.decode(jpeg);
                    return session.classify(Image.ofArgb(d.argb(), d.width(), d.height())).probability(1);
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
                BufferedImage img = ImageIO.read(jpeg.toFile());
                int w = img.getWidth();
                int h = img.getHeight();
                Tensor x = session.preprocess(Image.ofArgb(img.getRGB(0, 0, w, h, null, 0, w), w, h));
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
