package org.lectern.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** (a) Jupyter's kernel conformance suite, jupyter_kernel_test, subclassed for our kernel. */
class KernelConformanceIT {
    @Test
    void passesJupyterKernelTest(@TempDir Path tmp) throws Exception {
        JupyterFixture.requirePython("jupyter_kernel_test", "python3-jupyter-kernel-test");
        JupyterFixture jupyter = new JupyterFixture(tmp);
        Path tests = JupyterFixture.source("python");
        JupyterFixture.Result r = JupyterFixture.run(
                List.of(JupyterFixture.PYTHON, "-m", "unittest", "-v", "test_lectern_kernel"), jupyter.env(), 600, tests);
        System.out.println(r.output);
        assertEquals(0, r.code, "jupyter_kernel_test failed:\n" + r.output);
    }
}
