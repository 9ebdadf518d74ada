package org.lectern.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code execute NOTEBOOK [OUT_DIR]}: runs a notebook with this kernel through Debian's jupyter-nbconvert (nbclient)
 * and writes the executed notebook and an HTML rendering. If no {@code lectern} kernelspec is installed, a temporary
 * one is written and put on JUPYTER_PATH for the run.
 */
final class HeadlessRunner {
    private HeadlessRunner() {}

    static int run(List<String> args) throws IOException, InterruptedException {
        if (args.isEmpty() || args.size() > 2) {
            System.err.println("Usage: execute NOTEBOOK.ipynb [OUT_DIR]");
            return 2;
        }
        Path notebook = Path.of(args.get(0)).toAbsolutePath();
        if (!Files.isRegularFile(notebook)) {
            System.err.println("No such notebook: " + notebook);
            return 2;
        }
        Path out = args.size() == 2 ? Path.of(args.get(1)).toAbsolutePath() : notebook.getParent();
        Files.createDirectories(out);
        Path specRoot = Files.createTempDirectory("lectern-spec");
        new KernelSpecInstaller(specRoot.resolve("kernels"), KernelSpecInstaller.DEFAULT_NAME, false).install();
        String base = notebook.getFileName().toString().replaceFirst("\\.ipynb$", "");
        int code = nbconvert(specRoot, List.of("--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=lectern", "--ExecutePreprocessor.timeout=600",
                "--output-dir", out.toString(), "--output", base + ".executed", notebook.toString()));
        if (code != 0) return code;
        return nbconvert(specRoot, List.of("--to", "html", "--output-dir", out.toString(),
                out.resolve(base + ".executed.ipynb").toString()));
    }

    private static int nbconvert(Path specRoot, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("jupyter", "nbconvert"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        String path = System.getenv("JUPYTER_PATH");
        pb.environment().put("JUPYTER_PATH", specRoot + (path == null ? "" : java.io.File.pathSeparator + path));
        try {
            return pb.start().waitFor();
        } catch (IOException e) {
            System.err.println("jupyter nbconvert not found: install Debian's jupyter-nbconvert and python3-nbclient");
            return 127;
        }
    }
}
