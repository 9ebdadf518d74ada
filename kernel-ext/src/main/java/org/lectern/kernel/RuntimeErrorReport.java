package org.lectern.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Formats an exception thrown by cell code: the user's own frames first (as cell and line, with the source line), then
 * the library frames above them, and none of JShell's, reflection's or the kernel's frames.
 */
final class RuntimeErrorReport {
    private RuntimeErrorReport() {}

    static CellError of(JShellException e, Map<String, SnippetOrigin> origins) {
        List<String> lines = new ArrayList<>();
        String name = exceptionName(e);
        String message = e.getMessage() == null ? "" : e.getMessage();
        lines.add(Ansi.boldRed(name) + (message.isEmpty() ? "" : ": " + message));
        appendFrames(lines, e.getStackTrace(), origins);
        Throwable cause = e.getCause();
        int depth = 0;
        while (cause != null && depth++ < 5) {
            String causeName = cause instanceof EvalException ? ((EvalException) cause).getExceptionClassName()
                    : cause.getClass().getName();
            lines.add("Caused by: " + Ansi.red(causeName) + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            appendFrames(lines, cause.getStackTrace(), origins);
            cause = cause.getCause();
        }
        return new CellError(simpleName(name), message, lines);
    }

    private static String exceptionName(JShellException e) {
        if (e instanceof EvalException) return ((EvalException) e).getExceptionClassName();
        if (e instanceof UnresolvedReferenceException) return "UnresolvedReference";
        return e.getClass().getName();
    }

    private static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static void appendFrames(List<String> out, StackTraceElement[] frames, Map<String, SnippetOrigin> origins) {
        List<String> user = new ArrayList<>();
        List<String> library = new ArrayList<>();
        boolean seenUser = false;
        int hidden = 0;
        for (StackTraceElement frame : frames) {
            SnippetOrigin origin = originOf(frame, origins);
            if (origin != null) {
                seenUser = true;
                user.add(describeUserFrame(frame, origin));
            } else if (isInternal(frame)) {
                hidden++;
            } else if (!seenUser) {
                library.add("    at " + frame);
            } else {
                hidden++; // below the cell: the kernel and JShell calling in
            }
        }
        out.addAll(user);
        if (!library.isEmpty()) {
            out.add(Ansi.dim("  called into:"));
            int shown = Math.min(library.size(), 12);
            for (int i = library.size() - shown; i < library.size(); i++) out.add(library.get(i));
            if (shown < library.size()) out.add(Ansi.dim("    ... " + (library.size() - shown) + " deeper frames")); 
        }
        if (user.isEmpty() && library.isEmpty() && hidden > 0) out.add(Ansi.dim("    (no frames from your code)"));
    }

    private static SnippetOrigin originOf(StackTraceElement frame, Map<String, SnippetOrigin> origins) {
        String file = frame.getFileName();
        if (file != null && file.startsWith("#")) return origins.get(file.substring(1));
        return null;
    }

    private static String describeUserFrame(StackTraceElement frame, SnippetOrigin origin) {
        int line = origin.firstLine + Math.max(1, frame.getLineNumber()) - 1;
        String method = frame.getMethodName();
        String where = method.isEmpty() || method.equals("do_it$") ? "" : " in " + userClass(frame.getClassName()) + method + "()";
        return "  " + Ansi.green("cell [" + origin.cell + "] line " + line) + where + ":  " + origin.text.line(line).strip();
    }

    private static String userClass(String className) {
        // Snippet classes are nested in JShell wrappers: REPL.$JShell$12$Point -> "Point.", REPL.$JShell$12 -> "".
        int idx = className.indexOf("$JShell$");
        if (idx < 0) return "";
        String rest = className.substring(idx + "$JShell$".length());
        int dollar = rest.indexOf('$');
        return dollar < 0 ? "" : rest.substring(dollar + 1).replace('$', '.') + ".";
    }

    private static boolean isInternal(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("jdk.jshell.") || c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.")
                || c.startsWith("java.lang.Thread") || c.startsWith("org.lectern.kernel.") || c.startsWith("REPL.");
    }
}
