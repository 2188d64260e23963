package io.blurfilter.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Says once per JVM, and once for each way of asking, that the Vector API kernels are not running and
 * why ({@link KernelSelector#vectorUnavailableReason()}), instead of falling back silently: at WARNING
 * when they were asked for by name, at DEBUG when the automatic choice fell back (a JVM without the
 * module, Android say, is a normal place to run; the CLI prints the reason itself where it matters).
 * Through {@link System.Logger} where the platform has it; Android has not, and keeps only the reason.
 */
final class VectorFallbackNotice {
    private static final boolean CAN_LOG = canLog();
    private static final Set<Boolean> SAID = ConcurrentHashMap.newKeySet();

    private VectorFallbackNotice() {}

    /**
     * Notes that the vector family was wanted ({@code byName}: asked for explicitly) but is not here;
     * true when this call said so, false when it had been said before.
     */
    static boolean once(boolean byName) {
        if (!SAID.add(byName)) {
            return false;
        }
        if (CAN_LOG) {
            JdkLogger.log(byName, message());
        }
        return true;
    }

    /** What is said. */
    static String message() {
        return "blurfilter: running the plain-Java kernels, not the Vector API ones ("
                + KernelSelector.vectorUnavailableReason() + ")";
    }

    /** Forgets what was said, so a test can watch it being said. */
    static void forget() {
        SAID.clear();
    }

    private static boolean canLog() {
        try {
            System.class.getMethod("getLogger", String.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
