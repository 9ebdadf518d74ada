package org.lectern.kernel;

/** The few terminal colours tracebacks use; Jupyter front ends render ANSI escapes in error output. */
final class Ansi {
    private Ansi() {}

    static String red(String s) {
        return "\u001b[31m" + s + "\u001b[0m";
    }

    static String boldRed(String s) {
        return "\u001b[1;31m" + s + "\u001b[0m";
    }

    static String green(String s) {
        return "\u001b[32m" + s + "\u001b[0m";
    }

    static String dim(String s) {
        return "\u001b[2m" + s + "\u001b[0m";
    }
}
