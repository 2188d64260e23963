package io.blurfilter.converter.paddle;

/** Paddle's {@code VarType.Type} element types as stored in TensorDesc (reference §4.1). */
final class PaddleDataType {
    static final int BOOL = 0;
    static final int INT16 = 1;
    static final int INT32 = 2;
    static final int INT64 = 3;
    static final int FP16 = 4;
    static final int FP32 = 5;
    static final int FP64 = 6;
    static final int UINT8 = 20;
    static final int INT8 = 21;
    static final int BF16 = 22;

    private PaddleDataType() {}

    /** Bytes per element, or -1 for a type that cannot be a parameter tensor. */
    static int size(int type) {
        switch (type) {
            case BOOL: case UINT8: case INT8:
                return 1;
            case INT16: case FP16: case BF16:
                return 2;
            case INT32: case FP32:
                return 4;
            case INT64: case FP64:
                return 8;
            default:
                return -1;
        }
    }

    static String name(int type) {
        switch (type) {
            case BOOL: return "BOOL";
            case INT16: return "INT16";
            case INT32: return "INT32";
            case INT64: return "INT64";
            case FP16: return "FP16";
            case FP32: return "FP32";
            case FP64: return "FP64";
            case UINT8: return "UINT8";
            case INT8: return "INT8";
            case BF16: return "BF16";
            default: return "type " + type;
        }
    }
}
