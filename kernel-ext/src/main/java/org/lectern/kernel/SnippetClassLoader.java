package org.lectern.kernel;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the classes JShell compiles from cells, and the jars added with {@code %classpath}. One loader for both, so
 * that extensions found in added jars see the same classes as the cells do.
 */
final class SnippetClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> pending = new ConcurrentHashMap<>();

    SnippetClassLoader(ClassLoader parent) {
        super("lectern-cells", new URL[0], parent);
    }

    void declare(String name, byte[] bytes) {
        pending.put(name, bytes);
    }

    @Override
    public void addURL(URL url) {
        super.addURL(url);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = pending.remove(name);
        if (bytes != null) {
            return defineClass(name, bytes, 0, bytes.length);
        }
        return super.findClass(name);
    }
}
