package org.lectern.kernel;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a cell's last value shows: arrays as their contents ({@code [1, 28, 28]}, not {@code [I@1b6d3586}),
 * and nothing for the stream {@code System.out.printf(...)} returns, whose text has already been printed.
 */
final class CellValues {
    private CellValues() {}

    static Optional<Object> shown(Optional<Object> value) {
        return value.filter(v -> !(v instanceof PrintStream)).map(CellValues::readable);
    }

    static Object readable(Object v) {
        return v != null && v.getClass().isArray() ? new ArrayText(v) : v;
    }

    /** An array whose text is its contents. */
    static final class ArrayText {
        private final Object array;

        ArrayText(Object array) {
            this.array = array;
        }

        @Override
        public String toString() {
            return Arrays.deepToString(new Object[] {array}).replaceFirst("^\\[", "").replaceFirst("]$", "");
        }
    }
}
