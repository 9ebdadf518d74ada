package org.lectern.kernel;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.lectern.kernel.display.Renderers;
import org.lectern.kernel.magic.Magics;

/**
 * Lectern's renderers and magics for any jjava-based kernel: ours installs it at start-up, a stock JJava kernel when
 * the jar is added. Uses only API present unchanged since jjava-jupyter 1.0-a6, and never lets a failure escape into
 * the host kernel.
 */
public final class LecternExtension implements Extension {
    @Override
    public void install(BaseKernel kernel) {
        try {
            Renderers.registerAll(kernel.getRenderer());
        } catch (Throwable t) {
            System.err.println("Lectern: renderers not installed: " + t);
        }
        try {
            Magics.registerAll(kernel.getMagicsRegistry());
        } catch (Throwable t) {
            System.err.println("Lectern: magics not installed: " + t);
        }
    }
}
