package org.lectern.kernel;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/** Answers is_complete: complete, incomplete (with an indent for the next line), or invalid. */
final class CompletenessCheck {
    private CompletenessCheck() {}

    static String check(SourceCodeAnalysis analysis, String code) {
        if (code.strip().startsWith("%")) return BaseKernel.IS_COMPLETE_YES;
        String rest = code;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                    rest = info.remaining();
                    continue;
                case EMPTY:
                    return BaseKernel.IS_COMPLETE_YES;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return indentFor(rest);
                case UNKNOWN:
                default:
                    return BaseKernel.IS_COMPLETE_BAD;
            }
        }
        return BaseKernel.IS_COMPLETE_YES;
    }

    private static String indentFor(String code) {
        String lastLine = code.substring(code.lastIndexOf('\n') + 1);
        String indent = lastLine.substring(0, lastLine.length() - lastLine.stripLeading().length());
        return lastLine.strip().endsWith("{") || lastLine.strip().endsWith("(") ? indent + "    " : indent;
    }
}
