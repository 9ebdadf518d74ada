package org.lectern.kernel.magic;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/** %classpath / %jars PATH...: adds jars or class directories (globs like lib/*.jar allowed) and their extensions. */
final class ClasspathMagic implements LineMagic<String, BaseKernel> {
    private final String name;

    ClasspathMagic(String name) {
        this.name = name;
    }

    @Override
    public String eval(BaseKernel kernel, List<String> args) throws IOException {
        String usage = Magics.LINE_USAGE.get(name);
        if (args.isEmpty()) throw MagicArgs.usage(name, usage, "give at least one jar or directory");
        List<String> found = new ArrayList<>();
        for (String arg : args) {
            List<Path> matches = expand(arg);
            if (matches.isEmpty()) throw MagicArgs.usage(name, usage, "nothing found at '" + arg + "'");
            for (Path p : matches) found.add(p.toAbsolutePath().toString());
        }
        Hosts.addToClasspath(kernel, String.join(java.io.File.pathSeparator, found));
        return "Added to class path:\n  " + String.join("\n  ", found);
    }

    private static List<Path> expand(String pattern) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!pattern.contains("*") && !pattern.contains("?")) {
            Path p = Path.of(pattern);
            if (Files.exists(p)) out.add(p);
            return out;
        }
        Path dir = Path.of(pattern).getParent();
        if (dir == null) dir = Path.of(".");
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + Path.of(pattern).getFileName());
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> matcher.matches(f.getFileName())).sorted().forEach(out::add);
        }
        return out;
    }
}
