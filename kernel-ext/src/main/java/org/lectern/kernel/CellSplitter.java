package org.lectern.kernel;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/** Splits a cell into the snippets JShell evaluates one at a time, remembering their offsets. */
final class CellSplitter {
    private CellSplitter() {}

    static List<CellPiece> split(SourceCodeAnalysis analysis, String cell) {
        List<CellPiece> pieces = new ArrayList<>();
        int consumed = 0;
        String remaining = cell;
        while (!remaining.isBlank()) {
            int lead = leadingWhitespace(remaining);
            consumed += lead;
            remaining = remaining.substring(lead);
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) break;
            if (!info.completeness().isComplete()) {
                // Incomplete or unparsable: hand the rest to JShell whole so it reports the error in place.
                pieces.add(new CellPiece(remaining, consumed));
                break;
            }
            String source = info.source();
            int length = remaining.length() - info.remaining().length();
            pieces.add(new CellPiece(source, consumed));
            consumed += length;
            remaining = info.remaining();
        }
        return pieces;
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }
}
