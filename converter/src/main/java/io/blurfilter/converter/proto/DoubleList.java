package io.blurfilter.converter.proto;

import java.util.Arrays;

/** A growable list of primitive doubles (no boxing: repeated fields can hold millions of values). */
public final class DoubleList {
    private double[] values = new double[8];
    private int size;

    public void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    public int size() {
        return size;
    }

    public double get(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return values[i];
    }

    public double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
