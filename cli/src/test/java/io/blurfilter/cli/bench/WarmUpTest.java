package io.blurfilter.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The warm-up ends when the JIT is done with the kernels, not after a fixed count (issue 19, item
 * 13). A scripted inference drives a fake clock and a fake JIT counter, so no real time is measured.
 */
class WarmUpTest {
    /** An inference whose n-th call takes {@code nanos[n]} (the last value from then on) and compiles {@code jit[n]} ms. */
    private static final class ScriptedInference implements Runnable {
        final long[] nanos;
        final long[] jitMillis;
        long clock;
        long compiled;
        int calls;

        ScriptedInference(long[] nanos, long[] jitMillis) {
            this.nanos = nanos;
            this.jitMillis = jitMillis;
        }

        @Override
        public void run() {
            int i = Math.min(calls, nanos.length - 1);
            clock += nanos[i];
            compiled += calls < jitMillis.length ? jitMillis[calls] : 0;
            calls++;
        }

        WarmUp warmUp(long limitNanos) {
            return new WarmUp(() -> clock, () -> compiled, limitNanos);
        }
    }

    private static long[] repeat(int times, long value, long[] then) {
        long[] out = new long[times + then.length];
        java.util.Arrays.fill(out, 0, times, value);
        System.arraycopy(then, 0, out, times, then.length);
        return out;
    }

    @Test
    void goesOnWhileTheJitCompilesEvenAtASteadySpeed() {
        // 12 ms an inference throughout, but the JIT works until the 150th: a fixed 20 runs would stop
        long[] jit = repeat(150, 1, new long[0]);
        ScriptedInference inference = new ScriptedInference(new long[] {12_000_000}, jit);
        WarmUp.Result r = inference.warmUp(WarmUp.DEFAULT_LIMIT_NANOS).run(inference, 20);
        assertTrue(r.settled());
        assertEquals(160, r.runs(), "the round after the last compilation ends it");
        assertEquals(160 * 0.012, r.seconds(), 1e-9);
    }

    @Test
    void goesOnWhileTheMedianFalls() {
        // no compilation seen (a JVM that does not report it), each round faster until run 30
        long[] nanos = repeat(10, 12_000_000, repeat(10, 9_000_000, repeat(10, 7_000_000, new long[] {6_000_000})));
        ScriptedInference inference = new ScriptedInference(nanos, new long[0]);
        WarmUp.Result r = inference.warmUp(WarmUp.DEFAULT_LIMIT_NANOS).run(inference, 0);
        assertTrue(r.settled());
        assertEquals(50, r.runs(), "three falling rounds, one at 6 ms (still 14% faster), one at 6 ms again");
    }

    @Test
    void runsAtLeastTheRunsAskedFor() {
        ScriptedInference inference = new ScriptedInference(new long[] {1_000_000}, new long[0]);
        assertEquals(20, inference.warmUp(WarmUp.DEFAULT_LIMIT_NANOS).run(inference, 0).runs(), "two rounds to compare");
        ScriptedInference more = new ScriptedInference(new long[] {1_000_000}, new long[0]);
        assertEquals(300, more.warmUp(WarmUp.DEFAULT_LIMIT_NANOS).run(more, 300).runs());
    }

    @Test
    void stopsAtTheTimeLimitWhenTheJitNeverSettles() {
        long[] jit = repeat(1_000_000, 1, new long[0]);
        ScriptedInference inference = new ScriptedInference(new long[] {10_000_000}, jit);
        WarmUp.Result r = inference.warmUp(2_000_000_000L).run(inference, 20);
        assertFalse(r.settled());
        assertEquals(200, r.runs(), "2 s of 10 ms inferences");
    }

    @Test
    void withoutJavaManagementItWarmsUpOnLatenciesAloneAndSaysWhy() {
        WarmUp without = WarmUp.ofJvm(false);
        assertEquals(java.util.Optional.of(
                "this JVM has no java.management module, which reports the JIT's compilation time"),
                without.jitUnseen());
        int[] calls = {0};
        WarmUp.Result r = without.run(() -> calls[0]++, 20);
        assertEquals(calls[0], r.runs());
        assertTrue(r.runs() >= 20);
        // this JVM (HotSpot, full module graph) reports its compilation time
        assertEquals(java.util.Optional.empty(), WarmUp.ofThisJvm().jitUnseen());
    }
}
