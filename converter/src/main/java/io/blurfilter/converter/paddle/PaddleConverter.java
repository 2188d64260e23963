package io.blurfilter.converter.paddle;

import io.blurfilter.converter.ConversionException;
import io.blurfilter.converter.lower.Dims;
import io.blurfilter.converter.lower.GraphBuilder;
import io.blurfilter.converter.lower.Value;
import io.blurfilter.engine.graph.Graph;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Lowers a {@link PaddleProgram} plus the tensors of its {@code .pdiparams} into an engine graph. */
public final class PaddleConverter {
    private PaddleConverter() {}

    public static Graph toGraph(PaddleProgram program, List<ParamTensor> params, String paramsFile)
            throws ConversionException {
        GraphBuilder b = new GraphBuilder();
        List<String> names = program.parameterNamesInFileOrder();
        if (params.size() != names.size()) {
            throw new ConversionException(paramsFile + ": holds " + params.size() + " tensors but "
                    + program.fileName + " declares " + names.size() + " parameters");
        }
        for (int i = 0; i < names.size(); i++) {
            PaddleProgram.Parameter p = program.parameter(names.get(i));
            ParamTensor t = params.get(i);
            String where = paramsFile + ": tensor #" + i + " ('" + p.name + "')";
            if (!Arrays.equals(p.dims, t.dims())) {
                throw new ConversionException(where + " has dims " + Arrays.toString(t.dims()) + " but "
                        + program.fileName + " declares " + Arrays.toString(p.dims)
                        + " (parameters are stored in sorted name order)");
            }
            b.define(p.key, t.isFloat() ? Value.floatConst(p.name, toInts(p.dims, where), t.values())
                    : Value.intConst(p.name, new int[] {0}, new long[0]));
        }
        b.input(program.inputKey, program.inputName, program.inputShape, program.fileName + ": input");
        for (Map.Entry<String, Value> c : program.constants.entrySet()) {
            b.define(c.getKey(), c.getValue());
        }
        PaddleLowering lowering = new PaddleLowering(b);
        for (PaddleOp op : program.ops) {
            lowering.lower(op);
        }
        b.output(b.get(program.outputKey, program.fileName + ": fetch"), program.fileName + ": fetch");
        return b.build(program.fileName);
    }

    private static int[] toInts(long[] dims, String where) throws ConversionException {
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Dims.MAX_DIM) {
                throw new ConversionException(where + ": invalid dim " + dims[i]);
            }
            out[i] = (int) dims[i];
        }
        return out;
    }
}
