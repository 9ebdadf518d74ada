package org.lectern.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/**
 * %summary MODEL DIMS...: the layer table of {@code Summary.of(model, dims)}. It runs in the cells' context, so the
 * model's own classes are used, and the result is rendered like any value (HTML table and totals).
 */
final class SummaryMagic implements LineMagic<Object, BaseKernel> {
    @Override
    public Object eval(BaseKernel kernel, List<String> args) {
        String usage = Magics.LINE_USAGE.get("summary");
        if (args.size() < 2) throw MagicArgs.usage("summary", usage, "expected a model variable and the input shape, e.g. %summary model 1 28 28");
        List<String> dims = new ArrayList<>();
        for (String d : args.subList(1, args.size())) {
            int n;
            try {
                n = Integer.parseInt(d);
            } catch (NumberFormatException e) {
                throw MagicArgs.usage("summary", usage, "'" + d + "' is not a dimension (a positive whole number)");
            }
            if (n <= 0) throw MagicArgs.usage("summary", usage, "dimension " + n + " must be positive");
            dims.add(String.valueOf(n));
        }
        String model = args.get(0);
        Variables.require(kernel, "summary", usage, model, "org.lectern.nn.Module", "a Module");
        try {
            return Hosts.eval(kernel, "org.lectern.nn.Summary.of(" + model + ", " + String.join(", ", dims) + ")");
        } catch (RuntimeException e) {
            // Typically the shape does not fit the first layer; the layer's own message says how.
            throw new MagicException("%summary: " + model + " does not accept an input of shape " + dims
                    + " (without the batch dimension): " + firstLine(e) + "\nUsage: " + usage);
        }
    }

    static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
