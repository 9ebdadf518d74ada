package org.lectern.kernel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * The smallest jjava kernel around a plain JShell, standing in for a stock JJava kernel: it knows nothing of Lectern
 * and gets everything through the Extension SPI.
 */
final class BareJShellHost extends BaseKernel {
    final JShell shell;

    BareJShellHost(String classpath) {
        super("bare", "0", null, List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(),
                new Renderer(), null, new MagicsRegistry(), true, new StringStyler.Builder().build());
        shell = JShell.builder().executionEngine("local").compilerOptions("--add-modules", "jdk.incubator.vector").build();
        shell.addToClasspath(classpath);
    }

    void installFrom(String classpath) {
        installExtensions(classpath);
    }

    /** As a stock JJava kernel names it; Lectern's magics find variables through it. */
    public JShell getShell() {
        return shell;
    }

    @Override
    public Object evalRaw(String source) {
        String value = null;
        for (SnippetEvent e : shell.eval(source)) {
            if (e.exception() != null) throw new IllegalStateException(e.exception());
            if (e.status() == jdk.jshell.Snippet.Status.REJECTED) {
                throw new IllegalStateException("rejected: " + source + " " + shell.diagnostics(e.snippet()).toList());
            }
            value = e.value();
        }
        return value;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return null;
    }

    @Override
    public String isComplete(String code) {
        return IS_COMPLETE_MAYBE;
    }
}
