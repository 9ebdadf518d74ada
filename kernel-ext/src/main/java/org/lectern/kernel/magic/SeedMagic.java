package org.lectern.kernel.magic;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/** %seed N: reproducible random tensors, initialisations and shuffles. */
final class SeedMagic implements LineMagic<String, BaseKernel> {
    @Override
    public String eval(BaseKernel kernel, List<String> args) {
        long seed = MagicArgs.parseLong("seed", Magics.LINE_USAGE.get("seed"), args);
        Hosts.eval(kernel, "org.lectern.Lectern.seed(" + seed + "L);");
        return "Seed set to " + seed;
    }
}
