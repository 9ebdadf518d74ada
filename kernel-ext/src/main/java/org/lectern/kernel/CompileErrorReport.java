package org.lectern.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jshell.Diag;

/** Formats javac diagnostics as "cell line N", the offending line, and a caret under the column. */
final class CompileErrorReport {
    private CompileErrorReport() {}

    static CellError of(List<Diag> diags, CellPiece piece, CellText cell) {
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag diag : diags) {
            if (!diag.isError()) continue;
            String message = diag.getMessage(Locale.ROOT);
            if (first == null) first = message;
            long pos = diag.getPosition() >= 0 ? diag.getPosition() : diag.getStartPosition();
            int cellPos = piece.offset + (int) Math.max(0, pos);
            int line = cell.lineOf(cellPos);
            int column = cell.columnOf(cellPos);
            lines.add(Ansi.boldRed("Compile error") + " at cell line " + line + ":");
            lines.add("    " + cell.line(line));
            lines.add("    " + " ".repeat(column) + Ansi.red("^"));
            for (String m : message.split("\n")) lines.add(m);
        }
        if (first == null) first = "the snippet was rejected";
        return new CellError("CompilationError", first.split("\n")[0], lines);
    }

    static CellError unresolved(String what, List<String> missing, CellPiece piece, CellText cell) {
        int line = cell.lineOf(piece.offset);
        List<String> lines = new ArrayList<>();
        String message = what + " cannot be used until " + String.join(", ", missing) + " is defined";
        lines.add(Ansi.boldRed("Unresolved") + " at cell line " + line + ":");
        lines.add("    " + cell.line(line));
        lines.add(message);
        return new CellError("UnresolvedReference", message, lines);
    }
}
