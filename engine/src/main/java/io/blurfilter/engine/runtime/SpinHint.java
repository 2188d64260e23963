package io.blurfilter.engine.runtime;

/**
 * {@link Thread#onSpinWait} where the platform has it. HotSpot turns it into the CPU's pause
 * instruction, which spares the core's other hyperthread while a worker spins; Android API level 26
 * lacks the method, and calling it there would throw {@link NoSuchMethodError}.
 */
final class SpinHint {
    private static final boolean AVAILABLE = available();

    private SpinHint() {}

    /** One turn of a spin-wait loop. */
    static void pause() {
        if (AVAILABLE) {
            JdkSpinWait.onSpinWait();
        }
    }

    private static boolean available() {
        try {
            Thread.class.getMethod("onSpinWait");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
