package io.blurfilter.converter.proto;

import java.util.Arrays;

/** A growable list of primitive floats (no boxing: repeated fields can hold millions of values). */
public final class FloatList {
    private float[] values = new float[8];
    private int size;

    public void add(float v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    public int size() {
        return size;
    }

    public float get(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return values[i];
    }

    public float[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
