package org.lectern.kernel.magic;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/** %time STATEMENT: run once, print the wall time; an expression's value is the cell's result. */
final class TimeMagic implements LineMagic<Object, BaseKernel> {
    @Override
    public Object eval(BaseKernel kernel, List<String> args) {
        String statement = String.join(" ", args).strip();
        if (statement.isEmpty()) throw MagicArgs.usage("time", Magics.LINE_USAGE.get("time"), "nothing to time");
        if (statement.endsWith(";")) statement = statement.substring(0, statement.length() - 1);
        try {
            return Hosts.eval(kernel, "org.lectern.kernel.magic.Timing.time(() -> (" + statement + "))");
        } catch (RuntimeException notAnExpression) {
            try {
                Hosts.eval(kernel, "org.lectern.kernel.magic.Timing.time(() -> { " + statement + "; return null; });");
                return null;
            } catch (RuntimeException e) {
                throw e;
            }
        }
    }
}
