package org.lectern.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * (b) A notebook executed headless through nbclient: text, PNG chart, HTML table, display update, compile error, an
 * interrupted busy loop and a working cell after it.
 */
class NotebookExecutionIT {
    @Test
    void smokeNotebookProducesExpectedOutputs(@TempDir Path tmp) throws Exception {
        JupyterFixture.requirePython("nbclient", "python3-nbclient");
        JupyterFixture jupyter = new JupyterFixture(tmp);
        JupyterFixture.Result r = JupyterFixture.run(List.of(JupyterFixture.PYTHON,
                JupyterFixture.source("python/run_smoke_notebook.py").toString(),
                JupyterFixture.source("notebooks/smoke.ipynb").toString(), JupyterFixture.KERNEL_NAME,
                tmp.resolve("smoke.executed.ipynb").toString()), jupyter.env(), 300);
        System.out.println(r.output);
        assertEquals(0, r.code, "notebook checks failed:\n" + r.output);
    }
}
