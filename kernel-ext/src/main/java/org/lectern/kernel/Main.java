package org.lectern.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/** {@code java -jar lectern-kernel.jar (run CONNECTION_FILE | install [...] | uninstall [...] | execute NOTEBOOK)}. */
public final class Main {
    private static final String USAGE = String.join("\n",
            "Usage: java -jar lectern-kernel.jar COMMAND",
            "  run CONNECTION_FILE                     start the kernel (Jupyter does this)",
            "  install [--user|--sys-prefix|--prefix DIR] [--name NAME]",
            "                                          write the 'lectern' kernelspec (default --user)",
            "  uninstall [--user|--sys-prefix|--prefix DIR] [--name NAME]",
            "  execute NOTEBOOK.ipynb [OUT_DIR]        run a notebook headless; writes executed .ipynb and .html",
            "  warmup                                  run a few cells and exit (used to build the CDS archive)");

    private Main() {}

    public static void main(String[] args) throws Exception {
        StartupTrace.mark("main");
        if (args.length == 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "run":
                if (rest.size() != 1) fail("run needs the connection file");
                run(Path.of(rest.get(0)));
                break;
            case "install":
                KernelSpecInstaller.fromArgs(rest).install();
                break;
            case "uninstall":
                KernelSpecInstaller.fromArgs(rest).uninstall();
                break;
            case "execute":
                System.exit(HeadlessRunner.run(rest));
                break;
            case "warmup":
                int status = 1;
                try {
                    Warmup.run();
                    status = 0;
                } finally {
                    System.exit(status); // the ZeroMQ threads would keep the JVM alive
                }
                break;
            case "--help":
            case "-h":
            case "help":
                System.out.println(USAGE);
                break;
            default:
                if (args.length == 1 && args[0].endsWith(".json")) run(Path.of(args[0]));
                else fail("unknown command '" + args[0] + "'");
        }
    }

    private static void fail(String message) {
        System.err.println(message + "\n" + USAGE);
        System.exit(2);
    }

    static void run(Path connectionFile) throws Exception {
        SessionStart session = SessionStart.begin(); // first: javac's warm-up is the longest part of start-up
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(connectionFile));
        JupyterConnection connection = new JupyterConnection(props);
        LecternKernel kernel = new KernelFactory(session).build();
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        StartupTrace.mark("connected");
        connection.waitUntilClose();
        StartupTrace.mark("connection closed");
        // Cell threads may still be alive (a user's executor, an interrupted loop): leave regardless.
        System.exit(0);
    }
}
