package org.lectern.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sections of cell code that stop by themselves, soon, when their thread is interrupted: {@code Trainer.fit} checks
 * before every batch. While one is open, the kernel's stop button interrupts it and waits instead of forcing a stop,
 * because a forced stop could land inside an optimizer step and leave the model half-updated.
 *
 * <p>A section is an object (not just a thread), so that a second {@code fit} started by the same cell after the first
 * stopped is interrupted again.
 */
final class Cooperation {
    private static final Map<Section, Thread> OPEN = new ConcurrentHashMap<>();

    private Cooperation() {}

    /** Opens a section on the current thread; close it in a finally block. */
    static Section enter() {
        Section s = new Section();
        OPEN.put(s, Thread.currentThread());
        return s;
    }

    static Map<Section, Thread> open() {
        return Map.copyOf(OPEN);
    }

    static boolean anyOpen() {
        return !OPEN.isEmpty();
    }

    /** Drops sections whose thread is gone (a listener's onEnd never ran), so they cannot block a later stop. */
    static void forgetDeadThreads() {
        OPEN.values().removeIf(t -> !t.isAlive());
    }

    static final class Section implements AutoCloseable {
        private volatile boolean stopRequested;

        /**
         * Remembered apart from the thread's interrupt flag, which library code on the way (image encoding, message
         * sending) may consume; the section's owner re-asserts the flag from this.
         */
        void requestStop() {
            stopRequested = true;
        }

        boolean stopRequested() {
            return stopRequested;
        }

        @Override
        public void close() {
            OPEN.remove(this);
        }
    }
}
