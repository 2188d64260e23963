package io.blurfilter.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The bytes the creating thread has allocated, through com.sun.management.ThreadMXBean, reached
 * reflectively (the engine module reads only java.base) by a method handle of exact type, so reading
 * it boxes nothing. For allocation tests.
 */
public final class ThreadAllocation {
    private final Object bean;
    private final MethodHandle allocated;
    private final long thread = Thread.currentThread().getId();

    public ThreadAllocation() throws ReflectiveOperationException {
        bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        allocated = MethodHandles.publicLookup().unreflect(Class.forName("com.sun.management.ThreadMXBean")
                .getMethod("getThreadAllocatedBytes", long.class))
                .asType(MethodType.methodType(long.class, Object.class, long.class));
    }

    /** This thread's allocated bytes so far. */
    public long bytes() {
        try {
            return (long) allocated.invokeExact(bean, thread);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
