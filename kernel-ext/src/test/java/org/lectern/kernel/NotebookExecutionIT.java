package org.lectern.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * (b) A notebook executed headless through nbclient: text, PNG chart, HTML table, display update, compile error, an
 * interrupted busy loop and a working cell after it, live training stopped by an interrupt with its model and history
 * kept, and the CNN-lecture magics. Once on the JDK running the build, and once more on JDK 25 where it is installed.
 */
class NotebookExecutionIT {
    @Test
    void smokeNotebookProducesExpectedOutputs(@TempDir Path tmp) throws Exception {
        runSmokeNotebook(tmp, JupyterFixture.java());
    }

    @Test
    void smokeNotebookOnJdk25(@TempDir Path tmp) throws Exception {
        Path java = JupyterFixture.JDK25.resolve("bin/java");
        // Only a machine without that JDK skips this; wherever it is installed the check runs and must pass.
        assumeTrue(Files.isExecutable(java), "JDK 25 not installed at " + JupyterFixture.JDK25 + ": second-JDK notebook run not possible here");
        System.out.println("Running the smoke notebook on JDK 25: " + java);
        runSmokeNotebook(tmp, java.toString());
    }

    private static void runSmokeNotebook(Path tmp, String java) throws Exception {
        JupyterFixture.requirePython("nbclient", "python3-nbclient");
        JupyterFixture jupyter = new JupyterFixture(tmp, java);
        JupyterFixture.Result r = JupyterFixture.run(List.of(JupyterFixture.PYTHON,
                JupyterFixture.source("python/run_smoke_notebook.py").toString(),
                JupyterFixture.source("notebooks/smoke.ipynb").toString(), JupyterFixture.KERNEL_NAME,
                tmp.resolve("smoke.executed.ipynb").toString()), jupyter.env(), 300);
        System.out.println(r.output);
        assertEquals(0, r.code, "notebook checks failed on " + java + ":\n" + r.output);
    }
}
