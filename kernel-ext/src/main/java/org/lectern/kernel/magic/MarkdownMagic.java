package org.lectern.kernel.magic;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;

/** %%markdown: the cell body is Markdown to display. */
final class MarkdownMagic implements CellMagic<DisplayData, BaseKernel> {
    @Override
    public DisplayData eval(BaseKernel kernel, List<String> args, String body) {
        if (!args.isEmpty()) throw MagicArgs.usage("%markdown", Magics.CELL_USAGE.get("markdown"), "takes no arguments");
        DisplayData out = new DisplayData(body);
        out.putMarkdown(body);
        return out;
    }
}
