package org.lectern.kernel;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One press of the stop button while a cell runs. First it asks politely: the cell thread is interrupted, and so is
 * every open {@link Cooperation} section. Code that is cooperating (a Trainer finishing its batch) is waited for as
 * long as it stays open; other code gets a short grace period. Then the stop is forced: JShell's loop checks throw
 * ({@code REPL.$Cancel$}, JDK 21+) and, where it still exists, {@code Thread.stop} (JDK 17). A second press forces at
 * once, the escape hatch for a batch that never ends.
 */
final class StopRequest {
    /** Long enough for code that polls {@code isInterrupted()} to notice; short enough that a busy loop stops in ~1 s. */
    static final long GRACE_MILLIS = 750;
    private static final long POLL_MILLIS = 20;

    private final Thread cell;
    private volatile boolean forceNow;
    private volatile boolean finished;

    private StopRequest(Thread cell) {
        this.cell = cell;
    }

    static StopRequest start(Thread cell) {
        StopRequest r = new StopRequest(cell);
        Thread stopper = new Thread(r::run, "lectern-stop");
        stopper.setDaemon(true);
        stopper.start();
        return r;
    }

    boolean isFor(Thread thread) {
        return cell == thread && !finished;
    }

    /** A repeated request: stop without waiting for cooperating code. */
    void escalate() {
        forceNow = true;
    }

    /** The cell ended; nothing more to do. */
    void finish() {
        finished = true;
    }

    private void run() {
        Set<Cooperation.Section> asked = new HashSet<>();
        cell.interrupt();
        long deadline = System.currentTimeMillis() + GRACE_MILLIS;
        while (!finished && cell.isAlive()) {
            Cooperation.forgetDeadThreads();
            Map<Cooperation.Section, Thread> open = Cooperation.open();
            for (Map.Entry<Cooperation.Section, Thread> e : open.entrySet()) {
                if (asked.add(e.getKey())) {
                    e.getKey().requestStop();
                    e.getValue().interrupt();
                }
            }
            long now = System.currentTimeMillis();
            if (!open.isEmpty()) {
                deadline = now + GRACE_MILLIS; // what runs after the section (assigning its result) gets a grace too
            }
            if (forceNow || (open.isEmpty() && now >= deadline)) {
                force();
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void force() {
        if (finished) return;
        REPL.$Cancel$.allStop = true;
        cell.interrupt();
        if (Runtime.version().feature() < 20) stopThread(cell);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stopThread(Thread thread) {
        try {
            Thread.class.getMethod("stop").invoke(thread);
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // Not supported on this JDK; the loop checks have to do.
        }
    }
}
