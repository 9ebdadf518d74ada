package org.lectern.kernel;

/** Line arithmetic on cell source, for pointing errors at the cell line and column. */
final class CellText {
    private final String text;

    CellText(String text) {
        this.text = text;
    }

    /** 1-based line of a 0-based character position. */
    int lineOf(int position) {
        int line = 1;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') line++;
        }
        return line;
    }

    int columnOf(int position) {
        int start = text.lastIndexOf('\n', Math.max(0, Math.min(position, text.length()) - 1)) + 1;
        return Math.max(0, position - start);
    }

    String line(int oneBasedLine) {
        String[] lines = text.split("\n", -1);
        return oneBasedLine >= 1 && oneBasedLine <= lines.length ? lines[oneBasedLine - 1] : "";
    }
}
