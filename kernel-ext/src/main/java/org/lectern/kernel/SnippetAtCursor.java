package org.lectern.kernel;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/** The snippet of a multi-snippet cell the cursor is in, since JShell completes and documents one snippet at a time. */
final class SnippetAtCursor {
    final String source;
    final int offset;
    final int cursor;

    private SnippetAtCursor(String source, int offset, int cursor) {
        this.source = source;
        this.offset = offset;
        this.cursor = cursor;
    }

    static SnippetAtCursor find(SourceCodeAnalysis analysis, String code, int cursor) {
        int start = 0;
        while (start < cursor) {
            String rest = code.substring(start, cursor);
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete() || info.remaining().isBlank()) break;
            int consumed = rest.length() - info.remaining().length();
            if (consumed <= 0) break;
            start += consumed;
        }
        while (start < cursor && Character.isWhitespace(code.charAt(start))) start++;
        return new SnippetAtCursor(code.substring(start, cursor), start, cursor - start);
    }
}
