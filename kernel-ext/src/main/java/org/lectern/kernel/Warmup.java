package org.lectern.kernel;

import org.lectern.kernel.display.Renderers;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

/**
 * Exercises the start-up path (JShell, javac, a Tensor, the renderers) without Jupyter, so a class-data-sharing
 * archive recorded during this run covers what a real kernel start loads.
 */
final class Warmup {
    private Warmup() {}

    static void run() {
        JShellSession session = new JShellSession();
        session.eval("int $warmup = 1 + 1;", 0);
        session.eval("var t = Tensor.ones(2, 3).add(1f);\nt", 1);
        session.eval("class Point { int x; Point(int x) { this.x = x; } }\nnew Point(3).x", 2);
        session.analysis().completionSuggestions("t.sh", 4, new int[1]);
        Renderer renderer = new Renderer();
        Renderers.registerAll(renderer);
        renderer.render(session.evalExpression("Tensor.ones(2, 2)"));
        session.close();
    }
}
