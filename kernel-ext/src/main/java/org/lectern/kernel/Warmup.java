package org.lectern.kernel;

import java.io.IOException;
import java.net.ServerSocket;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Exercises the start-up path without Jupyter (JShell and javac, the imports, the kernel and its renderers and magics,
 * the ZeroMQ sockets), so a class-data-sharing archive recorded during this run covers what a real kernel start loads.
 */
final class Warmup {
    private Warmup() {}

    static void run() throws Exception {
        SessionStart session = SessionStart.begin();
        LecternKernel kernel = new KernelFactory(session).build();
        kernel.onStartup();
        JupyterConnection connection = new JupyterConnection(new KernelConnectionProperties("127.0.0.1", freePort(),
                freePort(), freePort(), freePort(), freePort(), "tcp", "hmac-sha256", "warmup-key"));
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        kernel.eval("1 + 1");
        kernel.eval("var t = Tensor.ones(2, 3).add(1f);\nt");
        kernel.eval("class Point { int x; Point(int x) { this.x = x; } }\nnew Point(3).x");
        kernel.eval("%lectern");
        kernel.complete("t.sh", 4);
        kernel.isComplete("for (int i = 0; i < 3; i++) {");
        connection.close();
        session.get().close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
