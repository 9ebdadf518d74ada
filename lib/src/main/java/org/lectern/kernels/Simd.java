package org.lectern.kernels;

/**
 * Whether the Vector API ({@code jdk.incubator.vector}) is in this JVM, and which kernels serve.
 *
 * <p>The incubator module must be requested with {@code --add-modules jdk.incubator.vector}; a jar dropped
 * into a JVM started without it still works through the plain-Java twins, and says so once on stderr.
 * The system property {@code lectern.simd=false} forces the plain-Java twins (for comparisons).
 */
public final class Simd {
    /** The JVM flag that enables the fast kernels. */
    public static final String FLAG = "--add-modules jdk.incubator.vector";

    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equalsIgnoreCase(System.getProperty("lectern.simd"));
    private static volatile boolean warned;

    private Simd() {}

    /** True when the Vector API kernels are in use. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** A one-line description for {@code %lectern}: species, bit width and lanes, or the fallback. */
    public static String description() {
        if (!AVAILABLE) return "plain Java loops (Vector API not enabled: start the JVM with " + FLAG + ")";
        return VectorInfo.describe();
    }

    /** Lanes of the preferred float species, or 1 for the plain-Java loops. */
    public static int floatLanes() {
        return AVAILABLE ? VectorInfo.lanes() : 1;
    }

    static void warnOnceIfMissing() {
        if (AVAILABLE || warned) return;
        warned = true;
        if ("false".equalsIgnoreCase(System.getProperty("lectern.simd"))) return; // asked for on purpose
        System.err.println("Lectern: the Vector API is not enabled in this JVM, so tensors use plain-Java loops"
                + " (several times slower). Add the JVM flag: " + FLAG);
    }

    /** Loads an implementation class by name so that Vector API classes are touched only when present. */
    static <T> T load(Class<T> type, String vectorImpl, T fallback) {
        warnOnceIfMissing();
        if (!AVAILABLE) return fallback;
        try {
            return type.cast(Class.forName(vectorImpl).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("Lectern: cannot load " + vectorImpl, e);
        }
    }
}
