package org.lectern.kernel.magic;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/** %threads [N]: how many threads Lectern's kernels use. */
final class ThreadsMagic implements LineMagic<String, BaseKernel> {
    @Override
    public String eval(BaseKernel kernel, List<String> args) {
        if (!args.isEmpty()) {
            int n = MagicArgs.parseInt("threads", Magics.LINE_USAGE.get("threads"), args);
            if (n < 1) throw MagicArgs.usage("threads", Magics.LINE_USAGE.get("threads"), "N must be at least 1");
            Hosts.eval(kernel, "org.lectern.Lectern.threads(" + n + ");");
        }
        return "Threads: " + Hosts.eval(kernel, "org.lectern.Lectern.threads()");
    }
}
