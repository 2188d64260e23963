package io.blurfilter.engine.runtime;

/**
 * The one call to {@link Thread#onSpinWait}, in a class of its own: on Android a reference to a
 * missing method fails the verification of the class that holds it, and that class then runs
 * slower; only {@link SpinHint} calls this, after checking the method exists.
 */
final class JdkSpinWait {
    private JdkSpinWait() {}

    @GuardedApiCall
    static void onSpinWait() {
        Thread.onSpinWait();
    }
}
