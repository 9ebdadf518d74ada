package org.lectern.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lectern.Lectern;
import org.lectern.Tensor;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A torchsummary-style table of a model: each layer in the order the forward pass runs it, its output
 * shape for one example of the given input shape, its parameter count and whether it trains.
 *
 * <pre>{@code
 * System.out.println(Summary.of(model, 1, 28, 28));   // input shape without the batch dimension
 * }</pre>
 */
public final class Summary {
    private Summary() {}

    /** One row: a layer call. */
    public record Row(String layer, String type, int[] outputShape, long params, boolean trainable) {}

    /** The rows and totals; {@link #table()} gives them as a Tablesaw table. */
    public record ModelSummary(List<Row> rows, int[] inputShape, int[] outputShape, long totalParams, long trainableParams) {
        public long nonTrainableParams() {
            return totalParams - trainableParams;
        }

        public Table table() {
            Table t = Table.create("summary", StringColumn.create("layer"), StringColumn.create("type"),
                    StringColumn.create("output_shape"), LongColumn.create("params"), BooleanColumn.create("trainable"));
            for (Row r : rows) {
                t.stringColumn("layer").append(r.layer());
                t.stringColumn("type").append(r.type());
                t.stringColumn("output_shape").append(Arrays.toString(r.outputShape()));
                t.longColumn("params").append(r.params());
                t.booleanColumn("trainable").append(r.trainable());
            }
            return t;
        }

        @Override
        public String toString() {
            String line = "-".repeat(78) + "\n", dline = "=".repeat(78) + "\n";
            StringBuilder sb = new StringBuilder(line);
            sb.append(String.format(Locale.ROOT, "%-32s %-24s %12s  %s%n", "Layer (type)", "Output Shape", "Param #", "Trainable"));
            sb.append(dline);
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, "%-32s %-24s %,12d  %s%n", r.layer() + " (" + r.type() + ")",
                        Arrays.toString(r.outputShape()), r.params(), r.params() == 0 ? "" : r.trainable() ? "yes" : "no"));
            }
            sb.append(dline);
            sb.append(String.format(Locale.ROOT, "Input shape: %s%n", Arrays.toString(inputShape)));
            sb.append(String.format(Locale.ROOT, "Output shape: %s%n", Arrays.toString(outputShape)));
            sb.append(String.format(Locale.ROOT, "Total params: %,d%n", totalParams));
            sb.append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainableParams));
            sb.append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", nonTrainableParams()));
            sb.append(String.format(Locale.ROOT, "Params size (MB): %.2f%n", totalParams * 4 / 1048576.0));
            return sb.append(line).toString();
        }
    }

    /** Runs one example of inputShape (no batch dimension) through model in eval mode and lists its layers. */
    public static ModelSummary of(Module model, int... inputShape) {
        int[] batched = new int[inputShape.length + 1];
        batched[0] = 1;
        System.arraycopy(inputShape, 0, batched, 1, inputShape.length);
        Map<Module, String> paths = new IdentityHashMap<>();
        collectPaths(model, "", paths);
        List<Row> rows = new ArrayList<>();
        Set<Module> counted = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        boolean wasTraining = model.isTraining();
        Tensor out;
        Module.TRACER.set((m, output) -> {
            if (!m.children().isEmpty()) return; // containers: their layers have rows of their own
            boolean first = counted.add(m);
            long params = first ? m.numParameters(false) : 0;
            boolean trainable = m.numParameters(true) > 0;
            String path = paths.getOrDefault(m, m.name().isEmpty() ? "?" : m.name());
            rows.add(new Row(first ? path : path + " (again)", m.getClass().getSimpleName(), output.shape(), params, trainable));
        });
        try (var off = Lectern.noGrad()) {
            model.eval();
            out = model.forward(Tensor.zeros(batched));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("summary: the model does not accept input of shape " + Arrays.toString(batched)
                    + " (one example of " + Arrays.toString(inputShape) + "): " + e.getMessage(), e);
        } finally {
            Module.TRACER.remove();
            model.train(wasTraining);
        }
        return new ModelSummary(rows, batched, out.shape(), model.numParameters(false), model.numParameters(true));
    }

    private static void collectPaths(Module m, String prefix, Map<Module, String> paths) {
        for (var e : m.namedChildren().entrySet()) {
            String path = prefix + e.getKey();
            paths.putIfAbsent(e.getValue(), path);
            collectPaths(e.getValue(), path + ".", paths);
        }
    }
}
