package org.lectern.kernel.magic;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/** %timeit [-n LOOPS] [-r RUNS] STATEMENT, as in IPython: mean ± standard deviation per loop. */
final class TimeitMagic implements LineMagic<Object, BaseKernel> {
    @Override
    public Object eval(BaseKernel kernel, List<String> args) {
        String usage = Magics.LINE_USAGE.get("timeit");
        int loops = 0;
        int runs = 7;
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) throw MagicArgs.usage("timeit", usage, flag + " needs a number");
            int value = MagicArgs.parseInt("timeit", usage, List.of(args.get(i + 1)));
            if (value < 1) throw MagicArgs.usage("timeit", usage, flag + " must be at least 1");
            if (flag.equals("-n")) loops = value;
            else if (flag.equals("-r")) runs = value;
            else throw MagicArgs.usage("timeit", usage, "unknown option " + flag);
            i += 2;
        }
        String statement = String.join(" ", args.subList(i, args.size())).strip();
        if (statement.isEmpty()) throw MagicArgs.usage("timeit", usage, "nothing to time");
        if (statement.endsWith(";")) statement = statement.substring(0, statement.length() - 1);
        String call = "org.lectern.kernel.magic.Timing.timeit(() -> { %s; }, " + loops + ", " + runs + ")";
        Object result;
        try {
            result = Hosts.eval(kernel, String.format(call, statement));
        } catch (RuntimeException notAStatement) {
            // Expressions like "a + b" are not statements; time them as a discarded value.
            try {
                result = Hosts.eval(kernel, String.format(call, "var $timed = (" + statement + ")"));
            } catch (RuntimeException ignored) {
                throw notAStatement;
            }
        }
        System.out.println(result);
        return null;
    }
}
