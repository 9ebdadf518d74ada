package org.lectern.kernel;

/** JShell's textual form of a value: strings quoted, everything else via {@code toString}. */
final class ValueText {
    private ValueText() {}

    static String of(Object value) {
        if (value == null) return "null";
        if (value instanceof String) return '"' + ((String) value) + '"';
        if (value instanceof Character) return "'" + value + "'";
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return value.getClass().getName() + " (toString threw " + e + ")";
        }
    }
}
