package org.lectern.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
    private final int before = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(before);
    }

    @Test
    void everyTaskRunsExactlyOnceOnSeveralThreads() {
        Parallel.setThreads(3);
        for (int round = 0; round < 200; round++) {
            int tasks = 1 + round % 17;
            AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
            Parallel.forEach(tasks, runs::incrementAndGet);
            int[] got = new int[tasks];
            for (int i = 0; i < tasks; i++) got[i] = runs.get(i);
            int[] once = new int[tasks];
            java.util.Arrays.fill(once, 1);
            assertArrayEquals(once, got, "round " + round);
        }
    }

    @Test
    void theCallerTakesPartAndWorkersHelp() {
        Parallel.setThreads(2);
        Set<String> names = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 50 && names.size() < 2; round++) {
            Parallel.forEach(64, i -> {
                names.add(Thread.currentThread().getName());
                long until = System.nanoTime() + 20_000;
                while (System.nanoTime() < until) Thread.onSpinWait();
            });
        }
        assertTrue(names.contains(Thread.currentThread().getName()), "caller ran tasks: " + names);
        assertTrue(names.contains("lectern-1"), "a worker ran tasks: " + names);
    }

    @Test
    void aFailureInAnyTaskReachesTheCaller() {
        Parallel.setThreads(2);
        for (int bad = 0; bad < 8; bad++) {
            int b = bad;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Parallel.forEach(8, i -> { if (i == b) throw new IllegalArgumentException("task " + i); }));
            assertEquals("task " + bad, e.getMessage());
        }
        // and the pool still works afterwards
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        Parallel.forEach(4, runs::incrementAndGet);
        for (int i = 0; i < 4; i++) assertEquals(1, runs.get(i));
    }

    @Test
    void nestedLoopsAndConcurrentCallersRunToCompletion() throws InterruptedException {
        Parallel.setThreads(2);
        AtomicIntegerArray inner = new AtomicIntegerArray(16);
        Parallel.forEach(4, i -> Parallel.forEach(4, j -> inner.incrementAndGet(i * 4 + j)));
        for (int i = 0; i < 16; i++) assertEquals(1, inner.get(i));

        AtomicIntegerArray a = new AtomicIntegerArray(1000), b = new AtomicIntegerArray(1000);
        Thread other = new Thread(() -> { for (int r = 0; r < 100; r++) { int rr = r; Parallel.forEach(10, i -> b.incrementAndGet(rr * 10 + i)); } });
        other.start();
        for (int r = 0; r < 100; r++) { int rr = r; Parallel.forEach(10, i -> a.incrementAndGet(rr * 10 + i)); }
        other.join();
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, a.get(i));
            assertEquals(1, b.get(i));
        }
    }

    @Test
    void threadCountIsChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }
}
