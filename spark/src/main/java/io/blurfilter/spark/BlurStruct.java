package io.blurfilter.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The struct a scored image becomes: the fields of a {@code blurfilter scan} row less the path.
 * A failed image has only {@code error}; a scored one has everything else and a null error.
 */
final class BlurStruct {
    static final StructType SCHEMA = new StructType()
            .add("blur_score", DataTypes.FloatType)
            .add("label", DataTypes.StringType)
            .add("width", DataTypes.IntegerType)
            .add("height", DataTypes.IntegerType)
            .add("error", DataTypes.StringType);

    private BlurStruct() {}

    static Row scored(float blurScore, String label, int width, int height) {
        return RowFactory.create(blurScore, label, width, height, null);
    }

    static Row failed(String error) {
        return RowFactory.create(null, null, null, null, error);
    }
}
