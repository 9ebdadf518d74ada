package org.lectern.train;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * What training measured, one row per epoch, as a Tablesaw {@link Table} (columns epoch, train_loss,
 * train_acc, val_loss, val_acc, lr, seconds) so a notebook can print, filter or chart it.
 * {@link #interrupted()} tells whether training was stopped early.
 */
public final class History {
    public static final String EPOCH = "epoch", TRAIN_LOSS = "train_loss", TRAIN_ACC = "train_acc",
            VAL_LOSS = "val_loss", VAL_ACC = "val_acc", LR = "lr", SECONDS = "seconds";

    private final Table table = Table.create("history",
            IntColumn.create(EPOCH), DoubleColumn.create(TRAIN_LOSS), DoubleColumn.create(TRAIN_ACC),
            DoubleColumn.create(VAL_LOSS), DoubleColumn.create(VAL_ACC), DoubleColumn.create(LR), DoubleColumn.create(SECONDS));
    private boolean interrupted;

    public History() {
        // Printed (and shown in notebooks) rounded: 0.4123 rather than 0.41231727600097656, lr 0.001 rather than the
        // float's 0.0010000000474974513. The stored values keep full precision.
        for (String c : new String[] {TRAIN_LOSS, TRAIN_ACC, VAL_LOSS, VAL_ACC}) table.doubleColumn(c).setPrintFormatter(format("0.0000"));
        table.doubleColumn(LR).setPrintFormatter(format("0.######"));
        table.doubleColumn(SECONDS).setPrintFormatter(format("0.0"));
    }

    private static NumberColumnFormatter format(String pattern) {
        return new NumberColumnFormatter(new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)));
    }

    void add(EpochResult r) {
        table.intColumn(EPOCH).append(r.epoch());
        table.doubleColumn(TRAIN_LOSS).append(r.trainLoss());
        table.doubleColumn(TRAIN_ACC).append(r.trainAccuracy());
        appendOrMissing(table.doubleColumn(VAL_LOSS), r.valLoss());
        appendOrMissing(table.doubleColumn(VAL_ACC), r.valAccuracy());
        table.doubleColumn(LR).append(Double.parseDouble(Float.toString((float) r.lr()))); // 0.001, not 0.0010000000474974513
        table.doubleColumn(SECONDS).append(r.seconds());
    }

    private static void appendOrMissing(DoubleColumn c, double v) {
        if (Double.isNaN(v)) c.appendMissing();
        else c.append(v);
    }

    void markInterrupted() {
        interrupted = true;
    }

    /** The table itself (live: it grows while training runs). */
    public Table table() {
        return table;
    }

    public int epochs() {
        return table.rowCount();
    }

    public boolean interrupted() {
        return interrupted;
    }

    /** The last value of a column, or NaN if there is none. */
    public double last(String column) {
        var c = table.numberColumn(column); // "epoch" is an IntColumn
        return c.isEmpty() || c.isMissing(c.size() - 1) ? Double.NaN : c.getDouble(c.size() - 1);
    }

    public double[] column(String name) {
        return table.numberColumn(name).asDoubleArray();
    }

    @Override
    public String toString() {
        return table.print() + (interrupted ? "\n(interrupted)" : "");
    }
}
