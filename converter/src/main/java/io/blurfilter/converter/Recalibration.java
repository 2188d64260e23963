package io.blurfilter.converter;

import io.blurfilter.engine.ModelFormatException;
import io.blurfilter.engine.ModelMetadata;
import io.blurfilter.engine.Postprocessing;
import io.blurfilter.engine.format.ModelFile;
import io.blurfilter.engine.format.ModelReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code convert --from bfm}: a converted model with new decision thresholds (and optionally a new
 * name), its graph, preprocessing and labels untouched. Thresholds are chosen on validation data after
 * training, so a model that is already packaged must be able to take them without its source file.
 */
final class Recalibration {
    private Recalibration() {}

    static ConversionResult recalibrate(Path bfm, ConvertOptions o) throws IOException, ConversionException {
        if (Files.isDirectory(bfm)) {
            throw new ConversionException(bfm + ": give the .bfm file, not a directory");
        }
        ModelFile model;
        try {
            model = ModelReader.read(bfm);
        } catch (ModelFormatException e) {
            throw new ConversionException("not a readable blurfilter model: " + e.getMessage(), e);
        }
        ModelMetadata old = model.metadata();
        if (old.labels().size() != 2) {
            throw new ConversionException(bfm + ": thresholds need a two-class model, this one has "
                    + old.labels().size() + " labels");
        }
        Postprocessing post;
        try {
            float threshold = o.threshold != null ? o.threshold
                    : old.postprocessing().kind() == Postprocessing.Kind.THRESHOLD ? old.postprocessing().threshold()
                    : 0.5f;
            post = Postprocessing.threshold(threshold, 1).withOperatingPoints(
                    o.operatingPoints.isEmpty() ? old.postprocessing().operatingPoints() : o.operatingPoints);
        } catch (IllegalArgumentException e) {
            throw new ConversionException("postprocessing: " + e.getMessage());
        }
        Map<String, String> provenance = new LinkedHashMap<>(old.provenance());
        provenance.put("recalibrated", LocalDate.now(ZoneOffset.UTC).toString());
        String name = o.name != null ? o.name : old.name();
        ModelMetadata meta = new ModelMetadata(name, old.inputShape(), old.preprocessing(), old.labels(), post,
                provenance);
        ModelFile file = new ModelFile(meta, model.graph());
        return new ConversionResult(file, new ConvertSummary("bfm", List.of(bfm.getFileName().toString()),
                Map.of(), model.graph(), meta));
    }
}
