package org.lectern.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every lecture notebook in {@code notebooks/} runs headless through nbclient against the built kernel jar, in smoke
 * mode ({@code LECTERN_SMOKE=1}: the notebooks shrink their data and epochs). A test per notebook fails on the first
 * error output or cell timeout and names the notebook and the cell. The committed notebooks are not touched: copies
 * are executed in {@code target/lecture-notebooks/}, where the executed results stay for inspection.
 */
class LectureNotebooksIT {
    static final int CELL_TIMEOUT_SECONDS = 300;
    static final int NOTEBOOK_TIMEOUT_SECONDS = 900;

    @TempDir
    static Path tmp;
    static JupyterFixture jupyter;

    @BeforeAll
    static void installKernel() throws Exception {
        JupyterFixture.requirePython("nbclient", "python3-nbclient");
        jupyter = new JupyterFixture(tmp);
    }

    @TestFactory
    Stream<DynamicTest> everyLectureNotebookRunsWithoutErrors() throws Exception {
        Path dir = Path.of(System.getProperty("lectern.repo.root", "..")).resolve("notebooks").normalize();
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(dir)) {
            notebooks = files.filter(f -> f.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
        assertFalse(notebooks.isEmpty(), "no notebooks in " + dir);
        Path out = Path.of("target", "lecture-notebooks").toAbsolutePath();
        Files.createDirectories(out);
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> run(nb, out)));
    }

    private static void run(Path notebook, Path outDir) throws Exception {
        Path copy = outDir.resolve(notebook.getFileName());
        Files.copy(notebook, copy, StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> env = new HashMap<>(jupyter.env());
        env.put("LECTERN_SMOKE", "1");
        long start = System.nanoTime();
        JupyterFixture.Result r = JupyterFixture.run(List.of(JupyterFixture.PYTHON,
                JupyterFixture.source("python/run_lecture_notebook.py").toString(), copy.toString(),
                JupyterFixture.KERNEL_NAME, copy.toString(), String.valueOf(CELL_TIMEOUT_SECONDS)), env,
                NOTEBOOK_TIMEOUT_SECONDS, outDir);
        System.out.printf("%s: %.1f s in smoke mode%n%s%n", notebook.getFileName(), (System.nanoTime() - start) / 1e9, r.output);
        assertEquals(0, r.code, notebook.getFileName() + " failed in smoke mode:\n" + r.output);
    }
}
