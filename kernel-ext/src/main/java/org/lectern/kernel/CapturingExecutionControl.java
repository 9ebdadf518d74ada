package org.lectern.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.LocalExecutionControl;

/**
 * Runs each snippet on a fresh worker thread in this JVM and keeps the value it produced, so the kernel can render the
 * object itself rather than JShell's string of it.
 *
 * <p>Stopping: on JDK 21+ {@link LocalExecutionControl} instruments loops in loaded classes and {@code super.stop()}
 * makes them throw; on JDK 17 that instrumentation does not exist, but {@code Thread.stop} still works, so both are
 * tried.
 */
final class CapturingExecutionControl extends LocalExecutionControl {
    private final SnippetClassLoader loader;
    private volatile Thread worker;
    private volatile Object lastValue;
    private volatile boolean stopRequested;

    CapturingExecutionControl(SnippetClassLoader loader) {
        super(new SnippetLoaderDelegate(loader));
        this.loader = loader;
    }

    Object takeLastValue() {
        Object value = lastValue;
        lastValue = null;
        return value;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        stopRequested = false;
        Thread thread = new Thread(null, () -> {
            try {
                result.set(doit.invoke(null));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "lectern-cell", 64L << 20);
        thread.setContextClassLoader(loader);
        thread.setDaemon(true);
        worker = thread;
        thread.start();
        try {
            thread.join();
        } finally {
            worker = null;
        }
        Throwable t = failure.get();
        if (t instanceof InvocationTargetException) {
            Throwable cause = t.getCause();
            if (stopRequested && isStopSignal(cause)) throw new StoppedException();
            throw (InvocationTargetException) t;
        }
        if (t != null) {
            if (stopRequested && isStopSignal(t)) throw new StoppedException();
            if (t instanceof Exception) throw (Exception) t;
            throw new InvocationTargetException(t);
        }
        lastValue = result.get();
        return ValueText.of(lastValue);
    }

    private static boolean isStopSignal(Throwable t) {
        // ThreadDeath on JDK 17; JDK 21+'s instrumentation throws ThreadDeath too, but we do not rely on the type.
        return t != null && (t.getClass().getName().equals("java.lang.ThreadDeath") || t instanceof Error);
    }

    @Override
    public void stop() {
        Thread thread = worker;
        if (thread == null) return;
        stopRequested = true;
        try {
            super.stop();
        } catch (Throwable ignored) {
            // JDK 17's implementation only knows its own thread group; we use our own worker.
        }
        thread.interrupt();
        if (Runtime.version().feature() < 20) {
            stopThread(thread);
        }
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stopThread(Thread thread) {
        try {
            Thread.class.getMethod("stop").invoke(thread);
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // Not supported on this JDK; the loop instrumentation or Thread.interrupt has to do.
        }
    }
}
