package org.lectern.kernel;

import java.nio.charset.Charset;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.JupyterIO;

/** jjava's notebook streams, with the attach/detach steps opened up so the kernel can run its own execute handler. */
final class KernelIO extends JupyterIO {
    KernelIO(Charset encoding) {
        super(encoding);
    }

    void attach(ShellReplyEnvironment env, boolean stdinEnabled) {
        setEnv(env);
        setJupyterInEnabled(stdinEnabled);
    }

    void detach(ShellReplyEnvironment env) {
        retractEnv(env);
    }
}
