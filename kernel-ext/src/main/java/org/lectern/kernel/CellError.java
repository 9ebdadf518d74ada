package org.lectern.kernel;

import java.util.List;

/**
 * A cell failure that is already formatted for the notebook: compile errors, user exceptions, interrupts. The kernel
 * publishes {@link #traceback} as is, instead of a Java stack trace of the kernel.
 */
final class CellError extends RuntimeException {
    final String name;
    final List<String> traceback;

    CellError(String name, String message, List<String> traceback) {
        super(message, null, false, false);
        this.name = name;
        this.traceback = traceback;
    }
}
