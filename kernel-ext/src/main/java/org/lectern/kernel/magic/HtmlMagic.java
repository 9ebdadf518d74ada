package org.lectern.kernel.magic;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;

/** %%html: the cell body is HTML to display. */
final class HtmlMagic implements CellMagic<DisplayData, BaseKernel> {
    @Override
    public DisplayData eval(BaseKernel kernel, List<String> args, String body) {
        if (!args.isEmpty()) throw MagicArgs.usage("%html", Magics.CELL_USAGE.get("html"), "takes no arguments");
        DisplayData out = new DisplayData(body);
        out.putHTML(body);
        return out;
    }
}
