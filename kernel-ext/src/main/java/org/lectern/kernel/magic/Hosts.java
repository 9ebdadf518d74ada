package org.lectern.kernel.magic;

import java.lang.reflect.Method;
import java.util.Optional;
import jdk.jshell.JShell;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/** Reaches kernel abilities magics need, on our kernel directly and on a stock JJava kernel by its public methods. */
final class Hosts {
    private Hosts() {}

    /** Evaluates Java in the cells' context, so it sees the same classes (and Lectern state) as the user's code. */
    static Object eval(BaseKernel kernel, String source) {
        if (kernel instanceof LecternHost) return ((LecternHost) kernel).evalValue(source);
        return kernel.evalRaw(source);
    }

    static Optional<JShell> jshell(BaseKernel kernel) {
        if (kernel instanceof LecternHost) return Optional.of(((LecternHost) kernel).jshell());
        try {
            Method m = kernel.getClass().getMethod("getShell");
            return Optional.ofNullable((JShell) m.invoke(kernel));
        } catch (ReflectiveOperationException | ClassCastException e) {
            return Optional.empty();
        }
    }

    static void addToClasspath(BaseKernel kernel, String classpath) {
        if (kernel instanceof LecternHost) {
            ((LecternHost) kernel).addToClasspath(classpath);
            return;
        }
        try {
            kernel.getClass().getMethod("addToClasspath", String.class).invoke(kernel, classpath);
        } catch (ReflectiveOperationException e) {
            throw new MagicException("this kernel cannot add to its class path: " + e);
        }
    }
}
