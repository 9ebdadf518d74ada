package org.lectern.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.LocalExecutionControl;

/**
 * Runs each snippet on a fresh worker thread in this JVM and keeps the value it produced, so the kernel can render the
 * object itself rather than JShell's string of it.
 *
 * <p>Stopping is a {@link StopRequest}: interrupt first, force later. On JDK 21+ {@link LocalExecutionControl} still
 * rewrites loaded snippet classes to call {@code REPL.$Cancel$.stopCheck()}; since this class replaces its
 * {@code invoke}, the kernel supplies that helper class itself and flips its flag to force a stop.
 */
final class CapturingExecutionControl extends LocalExecutionControl {
    private final SnippetClassLoader loader;
    private volatile Thread worker;
    private volatile Object lastValue;
    private volatile boolean stopRequested;
    private volatile StopRequest stop;
    private volatile boolean forcedStop;

    CapturingExecutionControl(SnippetClassLoader loader) {
        super(new SnippetLoaderDelegate(loader));
        this.loader = loader;
    }

    /** Whether a snippet since the last call ended by a forced stop (rather than finishing after an interrupt). */
    boolean takeForcedStop() {
        boolean f = forcedStop;
        forcedStop = false;
        return f;
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
        REPL.$Cancel$.allStop = false; // a forced stop of the previous cell must not hit this one
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
            StopRequest r = stop;
            if (r != null) r.finish();
            stop = null;
            Cooperation.forgetDeadThreads();
        }
        Throwable t = failure.get();
        if (t instanceof InvocationTargetException) {
            Throwable cause = t.getCause();
            if (stopRequested && isStopSignal(cause)) throw stopped();
            throw (InvocationTargetException) t;
        }
        if (t != null) {
            if (stopRequested && isStopSignal(t)) throw stopped();
            if (t instanceof Exception) throw (Exception) t;
            throw new InvocationTargetException(t);
        }
        lastValue = result.get();
        return ValueText.of(lastValue);
    }

    private StoppedException stopped() {
        forcedStop = true;
        return new StoppedException();
    }

    private static boolean isStopSignal(Throwable t) {
        // ThreadDeath on JDK 17; JDK 21+'s instrumentation throws ThreadDeath too, but we do not rely on the type.
        return t != null && (t.getClass().getName().equals("java.lang.ThreadDeath") || t instanceof Error);
    }

    /** The kernel's interrupt: a first request stops politely (see {@link StopRequest}), a repeated one forcibly. */
    @Override
    public synchronized void stop() {
        Thread thread = worker;
        if (thread == null) return;
        stopRequested = true;
        StopRequest current = stop;
        if (current != null && current.isFor(thread)) {
            current.escalate();
        } else {
            stop = StopRequest.start(thread);
        }
    }
}
