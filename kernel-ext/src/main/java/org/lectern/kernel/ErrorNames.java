package org.lectern.kernel;

import org.lectern.kernel.magic.MagicException;

/** The {@code ename} of an error output: the simple name of what the cell threw, not of the kernel's wrapper. */
final class ErrorNames {
    private ErrorNames() {}

    static String of(Throwable e) {
        if (e instanceof CellError) return ((CellError) e).name;
        if (e instanceof MagicException) return "MagicError";
        return e.getClass().getSimpleName();
    }
}
