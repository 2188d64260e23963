package io.blurfilter.engine.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Unmodifiable copies that refuse nulls, as {@code List.copyOf} (which Android API 26 lacks) does. */
final class ListCopies {
    private ListCopies() {}

    static <T> List<T> of(Collection<? extends T> items, String what) {
        List<T> copy = new ArrayList<>(items);
        for (T item : copy) {
            if (item == null) {
                throw new NullPointerException("a null among the " + what);
            }
        }
        return Collections.unmodifiableList(copy);
    }
}
