package io.blurfilter.converter.onnx;

import io.blurfilter.converter.ConversionException;
import io.blurfilter.converter.lower.Value;
import io.blurfilter.converter.proto.FloatList;
import io.blurfilter.converter.proto.LongList;
import io.blurfilter.converter.proto.ProtoException;
import io.blurfilter.converter.proto.ProtoReader;
import java.util.ArrayList;
import java.util.List;

/** Decodes an ONNX ModelProto into {@link OnnxModel}; malformed bytes become ConversionExceptions. */
final class OnnxModelReader {
    private final String file;

    private OnnxModelReader(String file) {
        this.file = file;
    }

    static OnnxModel read(String file, byte[] bytes) throws ConversionException {
        try {
            return new OnnxModelReader(file).model(new ProtoReader(bytes));
        } catch (ProtoException e) {
            throw new ConversionException(file + ": not a valid ONNX model: " + e.getMessage());
        }
    }

    private OnnxModel model(ProtoReader r) throws ProtoException, ConversionException {
        OnnxModel m = new OnnxModel();
        while (r.hasNext()) {
            switch (r.next()) {
                case 1:
                    m.irVersion = r.varint();
                    break;
                case 7:
                    if (m.hasGraph) {
                        throw new ConversionException(file + ": two graphs in one model");
                    }
                    m.hasGraph = true;
                    graph(r.message(), m);
                    break;
                case 8:
                    opset(r.message(), m);
                    break;
                default:
                    r.skip();
            }
        }
        if (!m.hasGraph) {
            throw new ConversionException(file + ": no graph (is this an ONNX model?)");
        }
        return m;
    }

    private static void opset(ProtoReader r, OnnxModel m) throws ProtoException {
        String domain = "";
        long version = -1;
        while (r.hasNext()) {
            switch (r.next()) {
                case 1: domain = r.string(); break;
                case 2: version = r.varint(); break;
                default: r.skip();
            }
        }
        if (domain.isEmpty() || domain.equals("ai.onnx")) {
            m.opset = version;
        } else {
            m.otherOpsets.put(domain, version);
        }
    }

    private void graph(ProtoReader r, OnnxModel m) throws ProtoException, ConversionException {
        while (r.hasNext()) {
            switch (r.next()) {
                case 1:
                    m.nodes.add(node(r.message(), m.nodes.size()));
                    break;
                case 5: {
                    Value t = OnnxTensor.read(r.message(), "initializer_" + m.initializers.size(), file + ": initializer");
                    if (m.initializers.put(t.sourceName(), t) != null) {
                        throw new ConversionException(file + ": initializer '" + t.sourceName() + "' given twice");
                    }
                    break;
                }
                case 11:
                    m.inputs.add(valueInfo(r.message()));
                    break;
                case 12:
                    m.outputs.add(valueInfo(r.message()));
                    break;
                case 15:
                    throw new ConversionException(file + ": sparse initializers are not supported");
                default:
                    r.skip();
            }
        }
    }

    private OnnxModel.Node node(ProtoReader r, int index) throws ProtoException, ConversionException {
        OnnxModel.Node n = new OnnxModel.Node();
        List<ProtoReader> attrs = new ArrayList<>();
        while (r.hasNext()) {
            switch (r.next()) {
                case 1: n.inputs.add(r.string()); break;
                case 2: n.outputs.add(r.string()); break;
                case 3: n.name = r.string(); break;
                case 4: n.opType = r.string(); break;
                case 5: attrs.add(r.message()); break;
                case 7: n.domain = r.string(); break;
                default: r.skip();
            }
        }
        String where = file + ": node #" + index + " " + n.opType + (n.name.isEmpty() ? "" : " '" + n.name + "'");
        for (ProtoReader a : attrs) {
            OnnxModel.Attribute attr = attribute(a, where);
            if (n.attributes.put(attr.name, attr) != null) {
                throw new ConversionException(where + ": attribute '" + attr.name + "' given twice");
            }
        }
        return n;
    }

    private OnnxModel.Attribute attribute(ProtoReader r, String where) throws ProtoException, ConversionException {
        OnnxModel.Attribute a = new OnnxModel.Attribute();
        FloatList floats = new FloatList();
        LongList ints = new LongList();
        while (r.hasNext()) {
            switch (r.next()) {
                case 1: a.name = r.string(); break;
                case 2: a.f = r.float32(); a.hasF = true; break;
                case 3: a.i = r.varint(); a.hasI = true; break;
                case 4: a.s = r.bytes(); break;
                case 5: a.t = OnnxTensor.read(r.message(), "value", where); break;
                case 6: a.hasGraph = true; r.skip(); break;
                case 7: r.repeatedFloat(floats); break;
                case 8: r.repeatedVarint(ints); break;
                case 20: a.type = r.int32(); break;
                case 21: a.refAttrName = r.string(); break;
                default: r.skip();
            }
        }
        if (a.name == null) {
            throw new ConversionException(where + ": an attribute without a name");
        }
        a.floats = floats.toArray();
        a.ints = ints.toArray();
        return a;
    }

    private static OnnxModel.ValueInfo valueInfo(ProtoReader r) throws ProtoException {
        OnnxModel.ValueInfo v = new OnnxModel.ValueInfo();
        v.name = "";
        v.dims = null;
        while (r.hasNext()) {
            switch (r.next()) {
                case 1: v.name = r.string(); break;
                case 2: typeProto(r.message(), v); break;
                default: r.skip();
            }
        }
        return v;
    }

    private static void typeProto(ProtoReader r, OnnxModel.ValueInfo v) throws ProtoException {
        while (r.hasNext()) {
            if (r.next() != 1) {
                r.skip();
                continue;
            }
            ProtoReader tensor = r.message();
            while (tensor.hasNext()) {
                switch (tensor.next()) {
                    case 1:
                        v.elemType = tensor.int32();
                        break;
                    case 2: {
                        List<Integer> dims = new ArrayList<>();
                        ProtoReader shape = tensor.message();
                        while (shape.hasNext()) {
                            if (shape.next() != 1) {
                                shape.skip();
                                continue;
                            }
                            ProtoReader dim = shape.message();
                            long value = -1;
                            while (dim.hasNext()) {
                                if (dim.next() == 1) {
                                    value = dim.varint();
                                } else {
                                    dim.skip();
                                }
                            }
                            dims.add(value > 0 && value <= Integer.MAX_VALUE ? (int) value : -1);
                            if (dims.size() > 16) {
                                throw new ProtoException("input rank above 16");
                            }
                        }
                        v.dims = dims.stream().mapToInt(Integer::intValue).toArray();
                        break;
                    }
                    default:
                        tensor.skip();
                }
            }
        }
    }
}
