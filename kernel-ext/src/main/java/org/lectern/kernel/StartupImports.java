package org.lectern.kernel;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import org.lectern.Tensor;

/**
 * The imports every session starts with: the JDK packages the jshell tool imports, Lectern's public packages that
 * exist in this build (so {@code org.lectern.nn.*} appears once the nn package ships, without a kernel change), and the
 * notebook helpers {@code display}/{@code updateDisplay}.
 */
final class StartupImports {
    private static final List<String> JDK = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*", "java.util.concurrent.*",
            "java.util.function.*", "java.util.regex.*", "java.util.stream.*");
    /** Packages that are implementation detail, not API for notebooks. */
    private static final Set<String> HIDDEN = Set.of("org.lectern.kernel", "org.lectern.kernels", "org.lectern.examples");

    private StartupImports() {}

    static List<String> all() {
        List<String> imports = new ArrayList<>();
        // First: JShell files the combined snippet (see combined()) under its first import, and a user importing
        // that same name again would replace all of them. Nobody types this one.
        imports.add("import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;");
        for (String p : JDK) imports.add("import " + p + ";");
        Set<String> lectern = lecternPackages();
        for (String p : lectern) imports.add("import " + p + ".*;");
        // java.lang.Module would make the name Module ambiguous; a single-type import wins over java.lang
        if (lectern.contains("org.lectern.nn")) imports.add("import org.lectern.nn.Module;");
        return imports;
    }

    /**
     * All imports as one snippet. JShell compiles every snippet it is given, and at start-up one compile per import
     * costs about half a second in total; one snippet holding them all is compiled once, and JShell pastes its whole
     * source into every later wrapper, so all the imports apply.
     */
    static String combined() {
        return String.join(" ", all());
    }

    static Set<String> lecternPackages() {
        Set<String> packages = new TreeSet<>();
        packages.add("org.lectern");
        try {
            Path location = Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (var files = Files.walk(location.resolve("org/lectern"))) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .map(f -> location.relativize(f.getParent()).toString().replace(java.io.File.separatorChar, '.'))
                            .forEach(packages::add);
                }
            } else {
                try (ZipFile jar = new ZipFile(location.toFile())) {
                    jar.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith("org/lectern/") && n.endsWith(".class"))
                            .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.'))
                            .forEach(packages::add);
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // Keep the root package; cells can still import the rest by hand.
        }
        packages.removeIf(p -> HIDDEN.stream().anyMatch(h -> p.equals(h) || p.startsWith(h + ".")));
        packages.removeIf(p -> p.contains("internal"));
        return packages;
    }
}
