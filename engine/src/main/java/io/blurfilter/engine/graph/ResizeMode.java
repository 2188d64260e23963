package io.blurfilter.engine.graph;

/** How {@link OpType#RESIZE} fills the pixels between input samples; the file spelling is {@link #fileName()}. */
public enum ResizeMode {
    /** Bilinear between the two nearest input pixels along each axis. */
    LINEAR("linear"),
    /** The input pixel at floor(j/f): each input pixel repeated f times. */
    NEAREST("nearest");

    private final String fileName;

    ResizeMode(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /** The mode with this file name, or null. */
    public static ResizeMode fromFileName(String name) {
        for (ResizeMode m : values()) {
            if (m.fileName.equals(name)) {
                return m;
            }
        }
        return null;
    }
}
