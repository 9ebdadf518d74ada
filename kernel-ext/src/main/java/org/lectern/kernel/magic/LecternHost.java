package org.lectern.kernel.magic;

import jdk.jshell.JShell;

/**
 * What magics need from the kernel beyond jjava's BaseKernel: the JShell and the class path. Our kernel implements it;
 * on a stock JJava kernel {@link Hosts} finds the same abilities by reflection.
 */
public interface LecternHost {
    JShell jshell();

    /** Adds jars or directories (path-separator separated) to the cells' class path and installs their extensions. */
    void addToClasspath(String classpath);

    /** Evaluates Java source as a cell would and returns the object value of its last expression (or null). */
    Object evalValue(String source);
}
