package org.lectern.kernel.magic;

import java.util.List;
import java.util.TreeSet;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/** %help: every magic the kernel knows, with usage for Lectern's. */
final class HelpMagic implements LineMagic<String, BaseKernel> {
    @Override
    public String eval(BaseKernel kernel, List<String> args) {
        StringBuilder b = new StringBuilder("Line magics:\n");
        for (String name : new TreeSet<>(kernel.getMagicsRegistry().getLineMagicNames())) {
            b.append("  ").append(Magics.LINE_USAGE.getOrDefault(name, "%" + name)).append('\n');
        }
        b.append("Cell magics (first line of a cell):\n");
        for (String name : new TreeSet<>(kernel.getMagicsRegistry().getCellMagicNames())) {
            b.append("  ").append(Magics.CELL_USAGE.getOrDefault(name, "%%" + name)).append('\n');
        }
        return b.toString().stripTrailing();
    }
}
