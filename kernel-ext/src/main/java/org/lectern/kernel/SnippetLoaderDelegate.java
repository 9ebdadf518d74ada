package org.lectern.kernel;

import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.EngineTerminationException;
import jdk.jshell.spi.ExecutionControl.InternalException;
import jdk.jshell.spi.ExecutionControl.NotImplementedException;

/** Hands JShell's compiled snippet classes to our {@link SnippetClassLoader}. */
final class SnippetLoaderDelegate implements LoaderDelegate {
    private final SnippetClassLoader loader;
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    SnippetLoaderDelegate(SnippetClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, EngineTerminationException {
        boolean[] installed = new boolean[classes.length];
        for (ClassBytecodes c : classes) {
            loader.declare(binaryName(c.name()), c.bytecodes());
        }
        try {
            for (int i = 0; i < classes.length; i++) {
                String name = binaryName(classes[i].name());
                Class<?> type = loader.loadClass(name);
                loaded.put(name, type);
                installed[i] = true;
                // Initialise eagerly, as JShell's own delegate does, so static state is ready when invoked.
                type.getDeclaredMethods();
            }
        } catch (Throwable e) {
            throw new ClassInstallException("Load failure: " + e, installed);
        }
    }

    /** JDK 21+'s loop-cancel helper class arrives with an internal name (REPL/$Cancel$); loaders want dots. */
    private static String binaryName(String name) {
        return name.replace('/', '.');
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        // Snippet classes are never redefined in place: JShell falls back to loading new wrappers.
    }

    @Override
    public void addToClasspath(String classpath) throws EngineTerminationException, InternalException {
        try {
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) loader.addURL(Path.of(entry).toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new InternalException(e.toString());
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> type = loaded.get(binaryName(name));
        if (type == null) throw new ClassNotFoundException(name + " not found");
        return type;
    }
}
