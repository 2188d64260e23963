package io.blurfilter.engine.runtime;

import java.util.ArrayList;
import java.util.List;

/** Hands out workspace slots, reusing released ones (best fit) and growing them when needed. */
public final class SlotAllocator {
    private final List<Integer> sizes = new ArrayList<>();
    private final List<Integer> free = new ArrayList<>();

    public int take(int size) {
        int best = -1;
        for (int i = 0; i < free.size(); i++) {
            int s = free.get(i);
            if (best < 0 || fitsBetter(sizes.get(s), sizes.get(free.get(best)), size)) {
                best = i;
            }
        }
        if (best < 0) {
            return takeFresh(size);
        }
        int slot = free.remove(best);
        sizes.set(slot, Math.max(sizes.get(slot), size));
        return slot;
    }

    public int takeFresh(int size) {
        sizes.add(size);
        return sizes.size() - 1;
    }

    /** Prefer a slot already large enough and as small as possible; else the largest one. */
    private static boolean fitsBetter(int candidate, int current, int need) {
        boolean cFits = candidate >= need;
        boolean bFits = current >= need;
        if (cFits != bFits) {
            return cFits;
        }
        return cFits ? candidate < current : candidate > current;
    }

    public void release(int slot) {
        if (!free.contains(slot)) {
            free.add(slot);
        }
    }

    public int[] sizes() {
        int[] out = new int[sizes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = sizes.get(i);
        }
        return out;
    }
}
