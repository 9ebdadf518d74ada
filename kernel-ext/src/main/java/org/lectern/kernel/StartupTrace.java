package org.lectern.kernel;

/**
 * With {@code LECTERN_STARTUP_TRACE=1} in the kernel's environment, prints to stderr (the Jupyter server's log) how
 * long after {@code main} began each start-up step ended: what {@code bench/startup.sh} numbers are made of. (The
 * JVM's own start before main is measured apart: {@code time java -jar lectern-kernel.jar --help}.)
 */
final class StartupTrace {
    private static final boolean ON = "1".equals(System.getenv("LECTERN_STARTUP_TRACE"));
    /** The process's own stderr: once a cell runs, System.err goes to the notebook. */
    private static final java.io.PrintStream ERR = System.err;
    private static final long START = System.nanoTime();

    private StartupTrace() {}

    static void mark(String step) {
        if (ON) ERR.printf("lectern start-up: %5d ms  %s  [%s]%n", (System.nanoTime() - START) / 1_000_000, step, Thread.currentThread().getName());
    }
}
