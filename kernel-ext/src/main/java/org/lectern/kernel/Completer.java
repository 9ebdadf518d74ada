package org.lectern.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Suggestion;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;

/** Tab completion: magic names after {@code %}, otherwise JShell's suggestions for the snippet under the cursor. */
final class Completer {
    private Completer() {}

    static ReplacementOptions complete(SourceCodeAnalysis analysis, Set<String> lineMagics, Set<String> cellMagics,
                                       String code, int cursor) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, cursor - 1)) + 1;
        String linePrefix = code.substring(lineStart, cursor);
        if (linePrefix.matches("\\s*%%?\\w*")) {
            return completeMagic(linePrefix, lineStart, cursor, lineMagics, cellMagics);
        }
        SnippetAtCursor at = SnippetAtCursor.find(analysis, code, cursor);
        int[] anchor = new int[1];
        List<Suggestion> suggestions = analysis.completionSuggestions(at.source, at.cursor, anchor);
        Set<String> options = new LinkedHashSet<>();
        // Suggestions that match the expected type come first, as JShell ranks them.
        for (Suggestion s : suggestions) if (s.matchesType()) options.add(s.continuation());
        for (Suggestion s : suggestions) options.add(s.continuation());
        int start = at.offset + anchor[0];
        return new ReplacementOptions(new ArrayList<>(options), start, cursor);
    }

    private static ReplacementOptions completeMagic(String linePrefix, int lineStart, int cursor,
                                                    Set<String> lineMagics, Set<String> cellMagics) {
        String trimmed = linePrefix.strip();
        boolean cell = trimmed.startsWith("%%");
        String typed = trimmed.substring(cell ? 2 : 1);
        List<String> options = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(cell ? cellMagics : lineMagics)) {
            if (name.startsWith(typed)) options.add((cell ? "%%" : "%") + name);
        }
        int start = lineStart + linePrefix.indexOf('%');
        return new ReplacementOptions(options, start, cursor);
    }
}
