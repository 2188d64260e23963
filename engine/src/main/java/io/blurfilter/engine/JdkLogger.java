package io.blurfilter.engine;

import io.blurfilter.engine.runtime.GuardedApiCall;

/**
 * The engine's one use of {@link System.Logger}, in a class of its own for the same reason as
 * {@code runtime.JdkSpinWait}: Android API level 26 lacks it; only {@link VectorFallbackNotice} calls this,
 * after checking it exists.
 */
final class JdkLogger {
    private JdkLogger() {}

    @GuardedApiCall
    static void log(boolean warning, String message) {
        System.getLogger("io.blurfilter.engine")
                .log(warning ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG, message);
    }
}
