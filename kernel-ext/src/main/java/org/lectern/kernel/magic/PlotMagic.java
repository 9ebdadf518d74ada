package org.lectern.kernel.magic;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/** %plot HISTORY [COLUMNS...]: redraws a training history's columns (default loss and accuracy) as a chart. */
final class PlotMagic implements LineMagic<Object, BaseKernel> {
    @Override
    public Object eval(BaseKernel kernel, List<String> args) {
        String usage = Magics.LINE_USAGE.get("plot");
        if (args.isEmpty()) throw MagicArgs.usage("plot", usage, "expected a History variable, e.g. %plot history train_loss val_loss");
        String history = args.get(0);
        Variables.require(kernel, "plot", usage, history, "org.lectern.train.History", "a History (what Trainer.fit returns)");
        StringBuilder call = new StringBuilder("org.lectern.viz.Charts.history(").append(history);
        for (String column : args.subList(1, args.size())) {
            if (!column.matches("[A-Za-z0-9_]+")) throw MagicArgs.usage("plot", usage, "'" + column + "' is not a column name");
            call.append(", \"").append(column).append('"');
        }
        try {
            return Hosts.eval(kernel, call.append(')').toString());
        } catch (RuntimeException e) {
            // Charts names the columns that exist when one does not.
            throw new MagicException("%plot: " + SummaryMagic.firstLine(e) + "\nUsage: " + usage);
        }
    }
}
