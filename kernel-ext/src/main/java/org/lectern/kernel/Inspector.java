package org.lectern.kernel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** Shift-Tab help: the signatures (and Javadoc, when the JDK has sources) of the symbol under the cursor. */
final class Inspector {
    private Inspector() {}

    static DisplayData inspect(SourceCodeAnalysis analysis, String code, int cursor, boolean detail) {
        int end = cursor;
        // Jupyter sends the cursor anywhere in the name; JShell documents the call at the end of it.
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        SnippetAtCursor at = SnippetAtCursor.find(analysis, code, end);
        List<Documentation> docs = analysis.documentation(at.source, at.cursor, true);
        if (docs.isEmpty() && (end >= code.length() || code.charAt(end) != '(')) {
            docs = analysis.documentation(at.source + "(", at.cursor + 1, true);
        }
        if (docs.isEmpty()) return null;
        Set<String> seen = new LinkedHashSet<>();
        StringBuilder text = new StringBuilder();
        for (Documentation d : docs) {
            if (!seen.add(d.signature())) continue;
            text.append(d.signature()).append('\n');
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                String javadoc = d.javadoc().strip();
                if (!detail && javadoc.length() > 1500) javadoc = javadoc.substring(0, 1500) + " ...";
                text.append(javadoc.indent(4)).append('\n');
            }
        }
        DisplayData data = new DisplayData(text.toString().strip());
        return data;
    }
}
