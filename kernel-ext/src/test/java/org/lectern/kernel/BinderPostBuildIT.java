package org.lectern.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * binder/postBuild with a throwaway HOME and prefix: Jupyter must list the kernel and execute a notebook with it.
 * The Maven build inside postBuild is skipped (LECTERN_KERNEL_JAR) since this test already runs inside that build.
 */
class BinderPostBuildIT {
    @Test
    void postBuildInstallsAWorkingKernel(@TempDir Path tmp) throws Exception {
        JupyterFixture.requirePython("jupyter_client", "python3-jupyter-client");
        JupyterFixture.requirePython("nbconvert", "jupyter-nbconvert");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path prefix = tmp.resolve("prefix");
        Path postBuild = Path.of(System.getProperty("lectern.repo.root", "..")).resolve("binder/postBuild").normalize();
        Map<String, String> env = Map.of("HOME", home.toString(), "LECTERN_KERNEL_PREFIX", prefix.toString(),
                "LECTERN_KERNEL_JAR", System.getProperty("lectern.kernel.jar"),
                "JUPYTER_PATH", prefix.resolve("share/jupyter").toString(), "PYDEVD_DISABLE_FILE_VALIDATION", "1",
                "PATH", Path.of(JupyterFixture.java()).getParent() + ":/usr/bin:/bin");
        JupyterFixture.Result build = JupyterFixture.run(List.of("bash", postBuild.toString()), env, 300);
        assertEquals(0, build.code, "postBuild failed:\n" + build.output);

        JupyterFixture.Result list = JupyterFixture.run(List.of(JupyterFixture.PYTHON, "-m", "jupyter_client.kernelspecapp", "list"), env, 60);
        assertTrue(list.output.contains("lectern"), "kernel not listed:\n" + list.output);

        Path notebook = tmp.resolve("one.ipynb");
        Files.writeString(notebook, "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {\"kernelspec\": {\"name\": \"lectern\","
                + " \"display_name\": \"Java (Lectern)\", \"language\": \"java\"}}, \"cells\": [{\"cell_type\": \"code\", \"id\": \"a\","
                + " \"metadata\": {}, \"execution_count\": null, \"outputs\": [], \"source\": \"Tensor.ones(2).sum()\"}]}");
        JupyterFixture.Result run = JupyterFixture.run(List.of(JupyterFixture.PYTHON, "-m", "nbconvert", "--to", "notebook",
                "--execute", "--output", "one.out", notebook.toString()), env, 300);
        assertEquals(0, run.code, "notebook did not execute:\n" + run.output);
        String executed = Files.readString(tmp.resolve("one.out.ipynb"));
        assertTrue(executed.contains("tensor(2."), executed);
    }
}
