package org.lectern.kernel;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * One JShell, executing in this JVM, and the bookkeeping around it: which cell each snippet came from and the value
 * of the last expression.
 */
final class JShellSession implements AutoCloseable {
    private final JShell shell;
    private final CapturingExecutionControl control;
    private final SnippetClassLoader loader;
    private final Map<String, SnippetOrigin> origins = new ConcurrentHashMap<>();
    private volatile boolean interrupted;

    JShellSession() {
        loader = new SnippetClassLoader(JShellSession.class.getClassLoader());
        control = new CapturingExecutionControl(loader);
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        shell = JShell.builder()
                .executionEngine(new CapturingExecutionProvider(control), Map.of())
                .compilerOptions("--add-modules", "jdk.incubator.vector", "--class-path", System.getProperty("java.class.path"))
                .in(new ByteArrayInputStream(new byte[0]))
                .out(discard)
                .err(discard)
                .build();
        StartupTrace.mark("JShell built");
        boolean combined = shell.eval(StartupImports.combined()).stream()
                .allMatch(e -> e.status() == Snippet.Status.VALID);
        if (!combined) {
            // One import not resolving (a package missing from a custom build) must not cost the others.
            shell.snippets().forEach(shell::drop);
            for (String imp : StartupImports.all()) shell.eval(imp);
        }
        StartupTrace.mark("imports");
    }

    JShell shell() {
        return shell;
    }

    SnippetClassLoader loader() {
        return loader;
    }

    SourceCodeAnalysis analysis() {
        return shell.sourceCodeAnalysis();
    }

    void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    /** Runs a cell; returns the value of its last expression, or empty when it ends in a statement or declaration. */
    Optional<Object> eval(String cell, int cellNumber) {
        interrupted = false;
        control.takeForcedStop();
        CellText text = new CellText(cell);
        List<CellPiece> pieces = CellSplitter.split(analysis(), cell);
        List<PendingDeclaration> pending = new ArrayList<>();
        Optional<Object> last = Optional.empty();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            for (CellPiece piece : pieces) {
                last = Optional.empty();
                List<SnippetEvent> events = shell.eval(piece.source);
                if (interrupted) throw interruptedError();
                for (SnippetEvent event : events) {
                    Snippet snippet = event.snippet();
                    if (event.causeSnippet() != null) continue; // an update of an older snippet this one fixed
                    origins.put(snippet.id(), new SnippetOrigin(cellNumber, text.lineOf(piece.offset), text));
                    if (event.exception() != null) {
                        throw RuntimeErrorReport.of(event.exception(), origins);
                    }
                    switch (event.status()) {
                        case REJECTED:
                            List<Diag> diags = shell.diagnostics(snippet).toList();
                            throw CompileErrorReport.of(diags, piece, text);
                        case RECOVERABLE_NOT_DEFINED:
                        case RECOVERABLE_DEFINED:
                            // May be fixed by a later snippet of this cell (classes that refer to each other).
                            pending.add(new PendingDeclaration((DeclarationSnippet) snippet, piece));
                            break;
                        default:
                            if (producesValue(snippet)) {
                                last = Optional.ofNullable(control.takeLastValue()).or(() -> Optional.of(NullValue.INSTANCE));
                            }
                    }
                }
            }
            reportStillUnresolved(pending, text);
            return CellValues.shown(last.map(v -> v == NullValue.INSTANCE ? null : v));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Evaluates a single expression for a magic, returning its object value. */
    Object evalExpression(String source) {
        Optional<Object> value = eval(source, -1);
        return value.orElse(null);
    }

    private void reportStillUnresolved(List<PendingDeclaration> pending, CellText text) {
        for (PendingDeclaration p : pending) {
            if (shell.status(p.snippet) == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                List<String> missing = shell.unresolvedDependencies(p.snippet).toList();
                throw CompileErrorReport.unresolved(p.snippet.name(), missing, p.piece, text);
            }
        }
    }

    private static boolean producesValue(Snippet snippet) {
        if (snippet instanceof ExpressionSnippet) return true;
        return snippet instanceof VarSnippet && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private CellError interruptedError() {
        if (control.takeForcedStop()) {
            return new CellError("Interrupted", "the cell was stopped",
                    List.of(Ansi.boldRed("Interrupted") + ": the cell was stopped; variables it was assigning may be stale."));
        }
        // Code that watches for interrupts (Trainer.fit) wound up by itself, so what it returned was assigned. Still an
        // error, so that Jupyter skips the cells queued after this one, as the user asked it to stop.
        return new CellError("Interrupted", "the cell was interrupted and wound up by itself",
                List.of(Ansi.boldRed("Interrupted") + ": stopped early at your request; the cell finished cleanly"
                        + " (training keeps its model and history), and its variables are assigned."));
    }

    void interrupt() {
        interrupted = true;
        control.stop(); // directly, not via JShell.stop(), which would make it a second (forcing) request
    }

    @Override
    public void close() {
        shell.close();
    }

    private static final class PendingDeclaration {
        final DeclarationSnippet snippet;
        final CellPiece piece;

        PendingDeclaration(DeclarationSnippet snippet, CellPiece piece) {
            this.snippet = snippet;
            this.piece = piece;
        }
    }

    /** Marks "the expression evaluated to null", as opposed to "there was no expression". */
    private enum NullValue { INSTANCE }
}
