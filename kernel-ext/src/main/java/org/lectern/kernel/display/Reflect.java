package org.lectern.kernel.display;

import java.lang.reflect.Method;

/**
 * Calls public methods by name. Renderers use it because on a stock JJava kernel the user's Tensor, chart and table
 * classes come from JShell's class loader, not from the one that loaded this extension.
 */
final class Reflect {
    private Reflect() {}

    static Object call(Object target, String method, Class<?>[] types, Object... args) {
        try {
            Method m = target.getClass().getMethod(method, types);
            m.setAccessible(true);
            return m.invoke(target, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + method + " on " + target.getClass().getName(), e);
        }
    }

    static Object call(Object target, String method) {
        return call(target, method, new Class<?>[0]);
    }

    static boolean isA(Object value, String className) {
        for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) return true;
        }
        return false;
    }

    static Class<?> sibling(Object value, String className) throws ClassNotFoundException {
        return Class.forName(className, true, value.getClass().getClassLoader());
    }
}
