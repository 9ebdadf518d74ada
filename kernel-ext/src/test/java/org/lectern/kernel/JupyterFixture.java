package org.lectern.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs real Jupyter clients against the packaged kernel jar: installs a kernelspec into a throwaway prefix and runs
 * Debian's /usr/bin/python3 with JUPYTER_PATH pointing there. Installs no packages; fails naming what is missing.
 */
final class JupyterFixture {
    static final String PYTHON = "/usr/bin/python3";
    static final String KERNEL_NAME = "lectern-test";

    /** Where a second, newer JDK is looked for; the kernel must work there too. */
    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    final Path prefix;
    final Path jar;

    JupyterFixture(Path tempDir) throws Exception {
        this(tempDir, java());
    }

    /** Installs the kernelspec with the given {@code java}, so the kernel runs on that JDK. */
    JupyterFixture(Path tempDir, String java) throws Exception {
        String jarProp = System.getProperty("lectern.kernel.jar");
        if (jarProp == null || !Files.isRegularFile(Path.of(jarProp))) {
            fail("kernel jar not built (run through 'mvn verify'): " + jarProp);
        }
        jar = Path.of(jarProp);
        prefix = tempDir.resolve("prefix");
        Result r = run(List.of(java, "-jar", jar.toString(), "install", "--prefix", prefix.toString(),
                "--name", KERNEL_NAME, "--no-archive"), Map.of(), 120);
        if (r.code != 0) fail("kernelspec install failed:\n" + r.output);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void requirePython(String module, String debianPackage) throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) fail(PYTHON + " not found: install Debian package python3");
        Result r = run(List.of(PYTHON, "-c", "import " + module), Map.of(), 60);
        if (r.code != 0) fail("Python module '" + module + "' missing: apt-get install " + debianPackage + "\n" + r.output);
    }

    Map<String, String> env() {
        return Map.of("JUPYTER_PATH", prefix.resolve("share/jupyter").toString(),
                "LECTERN_KERNEL_NAME", KERNEL_NAME, "PYDEVD_DISABLE_FILE_VALIDATION", "1");
    }

    static Path source(String relative) {
        return Path.of(System.getProperty("lectern.repo.root", ".."), "kernel-ext", "src", "test", relative).normalize();
    }

    static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds) throws IOException, InterruptedException {
        return run(cmd, env, timeoutSeconds, null);
    }

    static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true);
        if (dir != null) pb.directory(dir.toFile());
        pb.environment().putAll(env);
        Path log = Files.createTempFile("lectern-it", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Result(done ? p.exitValue() : -1, output + (done ? "" : "\n[timed out after " + timeoutSeconds + " s]"));
    }

    static final class Result {
        final int code;
        final String output;

        Result(int code, String output) {
            this.code = code;
            this.output = output;
        }
    }
}
