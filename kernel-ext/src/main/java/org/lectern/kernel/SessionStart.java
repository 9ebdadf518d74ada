package org.lectern.kernel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The JShell session, started on its own thread as the very first thing the kernel does, so javac warms up while
 * the JVM loads the messaging classes and Jupyter connects.
 *
 * <p>Once the imports are compiled the session is usable. If no cell is waiting yet (someone is reading the notebook),
 * one trivial cell is run so the first real one is quick; if a cell is already waiting ("Run all", a headless run),
 * that warm-up would only delay it, so it is skipped.
 */
final class SessionStart {
    private final CompletableFuture<JShellSession> future = new CompletableFuture<>();
    private volatile boolean cellWaiting;

    private SessionStart() {}

    static SessionStart begin() {
        SessionStart start = new SessionStart();
        Thread t = new Thread(start::run, "lectern-jshell-start");
        t.setDaemon(true);
        t.start();
        return start;
    }

    private void run() {
        try {
            JShellSession s = new JShellSession();
            if (!cellWaiting) {
                s.eval("int $warmup = 1 + 1;", 0);
                StartupTrace.mark("warm-up cell");
            }
            future.complete(s);
        } catch (Throwable t) {
            future.completeExceptionally(t);
        }
    }

    boolean isDone() {
        return future.isDone();
    }

    /** Waits for the session; call {@link #cellWaiting()} first when a cell is what is waiting. */
    JShellSession get() {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while JShell was starting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("JShell failed to start: " + e.getCause(), e.getCause());
        }
    }

    void cellWaiting() {
        cellWaiting = true;
    }
}
