package org.lectern.kernel;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Writes (or removes) the {@code lectern} kernelspec without pip or jupyter-client: a directory holding kernel.json,
 * a copy of this jar, and a class-data-sharing archive recorded by a warm-up run so the kernel starts faster.
 */
final class KernelSpecInstaller {
    static final String DEFAULT_NAME = "lectern";
    static final String JAR_NAME = "lectern-kernel.jar";
    static final String ARCHIVE_NAME = "lectern.jsa";

    private final Path kernelsDir;
    private final String name;
    private final boolean archive;

    KernelSpecInstaller(Path kernelsDir, String name, boolean archive) {
        this.kernelsDir = kernelsDir;
        this.name = name;
        this.archive = archive;
    }

    static KernelSpecInstaller fromArgs(List<String> args) throws IOException, InterruptedException {
        Path kernels = null;
        String name = DEFAULT_NAME;
        boolean archive = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--user": kernels = userDataDir().resolve("kernels"); break;
                case "--sys-prefix": kernels = pythonPrefix().resolve("share/jupyter/kernels"); break;
                case "--prefix":
                    if (i + 1 >= args.size()) throw new IllegalArgumentException("--prefix needs a directory");
                    kernels = Path.of(args.get(++i)).toAbsolutePath().resolve("share/jupyter/kernels");
                    break;
                case "--name":
                    if (i + 1 >= args.size()) throw new IllegalArgumentException("--name needs a value");
                    name = args.get(++i);
                    break;
                case "--no-archive": archive = false; break;
                default: throw new IllegalArgumentException("unknown option " + a
                        + " (expected --user, --sys-prefix, --prefix DIR, --name NAME, --no-archive)");
            }
        }
        if (kernels == null) kernels = userDataDir().resolve("kernels");
        return new KernelSpecInstaller(kernels, name, archive);
    }

    Path directory() {
        return kernelsDir.resolve(name);
    }

    void install() throws IOException, InterruptedException {
        Path dir = directory();
        Files.createDirectories(dir);
        Path jar = dir.resolve(JAR_NAME);
        Files.copy(ownJar(), jar, StandardCopyOption.REPLACE_EXISTING);
        Path jsa = dir.resolve(ARCHIVE_NAME);
        Files.deleteIfExists(jsa);
        Files.writeString(dir.resolve("kernel.json"), kernelJson(jar, archive ? jsa : null), StandardCharsets.UTF_8);
        if (archive) recordArchive(jar, jsa);
        System.out.println("Installed kernelspec " + name + " in " + dir);
    }

    void uninstall() throws IOException {
        Path dir = directory();
        if (!Files.exists(dir)) {
            System.out.println("No kernelspec " + name + " in " + kernelsDir);
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
        System.out.println("Removed kernelspec " + name + " from " + dir);
    }

    /** JVM flags shared by the kernel and the archive-recording run; CDS needs them to match. */
    static List<String> jvmFlags() {
        return List.of(
                "--add-modules=jdk.incubator.vector",
                "-XX:MaxRAMPercentage=60", // notebooks hold datasets and activations: most of the machine, not 1/4
                "-Xss16m", // deep autograd graphs recurse
                // the JVM's default collector, G1: it reuses the memory of its young regions, so the ~9 MB a
                // LeNet step allocates stay in cache. ParallelGC (tried first, for a faster start) let its
                // young generation grow through fresh pages: LeNet steps took 6.2 ms instead of 3.5 on one
                // thread, an epoch 6.9 s instead of 2.6, and the process grew to 3.7 GB.
                "-Djava.awt.headless=true",
                "-Dslf4j.internal.verbosity=WARN");
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static boolean autoArchive() {
        return Runtime.version().feature() >= 19;
    }

    static List<String> archiveFlags(Path jsa) {
        List<String> flags = new ArrayList<>();
        if (jsa == null) return flags;
        if (autoArchive()) flags.add("-XX:+AutoCreateSharedArchive");
        flags.add("-XX:SharedArchiveFile=" + jsa);
        flags.add("-Xshare:auto");
        flags.add("-Xlog:cds=off,cds+dynamic=off");
        return flags;
    }

    static String kernelJson(Path jar, Path jsa) {
        List<String> argv = new ArrayList<>();
        argv.add(javaExecutable());
        argv.addAll(jvmFlags());
        argv.addAll(archiveFlags(jsa));
        argv.addAll(List.of("-jar", jar.toString(), "run", "{connection_file}"));
        StringBuilder json = new StringBuilder("{\n  \"argv\": [");
        for (int i = 0; i < argv.size(); i++) json.append(i == 0 ? "" : ", ").append(Json.quote(argv.get(i)));
        json.append("],\n");
        json.append("  \"display_name\": \"Java (Lectern)\",\n");
        json.append("  \"language\": \"java\",\n");
        json.append("  \"interrupt_mode\": \"message\",\n");
        json.append("  \"env\": {},\n");
        json.append("  \"metadata\": {\"debugger\": false}\n}\n");
        return json.toString();
    }

    private static void recordArchive(Path jar, Path jsa) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(jvmFlags());
        if (autoArchive()) cmd.addAll(archiveFlags(jsa));
        else cmd.add("-XX:ArchiveClassesAtExit=" + jsa);
        cmd.add("-Xlog:cds=off,cds+dynamic=off");
        cmd.addAll(List.of("-jar", jar.toString(), "warmup"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            System.err.println("Warm-up run timed out; the kernel will start without a CDS archive.");
        } else if (p.exitValue() != 0 || !Files.exists(jsa)) {
            System.err.println("Could not record a CDS archive (exit " + p.exitValue() + "); the kernel still works.");
        }
    }

    static Path ownJar() throws IOException {
        try {
            Path p = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(p)) throw new IOException("install must be run from the kernel jar, not " + p);
            return p;
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    static Path userDataDir() {
        String jupyterData = System.getenv("JUPYTER_DATA_DIR");
        if (jupyterData != null && !jupyterData.isBlank()) return Path.of(jupyterData);
        String home = System.getProperty("user.home");
        if (System.getProperty("os.name", "").toLowerCase().contains("mac")) return Path.of(home, "Library", "Jupyter");
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("jupyter");
    }

    static Path pythonPrefix() throws IOException, InterruptedException {
        String python = System.getenv().getOrDefault("LECTERN_PYTHON", "python3");
        Process p = new ProcessBuilder(python, "-c", "import sys; print(sys.prefix)").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || out.isEmpty()) throw new IOException("could not ask " + python + " for sys.prefix: " + out);
        return Path.of(out);
    }
}
