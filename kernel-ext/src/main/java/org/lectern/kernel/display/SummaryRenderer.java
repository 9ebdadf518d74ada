package org.lectern.kernel.display;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** {@code Summary.of(model, ...)}: the layer table as HTML with the parameter totals under it; the torchsummary text too. */
final class SummaryRenderer {
    static final String SUMMARY = "org.lectern.nn.Summary$ModelSummary";

    private SummaryRenderer() {}

    static boolean isSummary(Object value) {
        return Reflect.isA(value, SUMMARY);
    }

    static void render(Object summary, DisplayData out) {
        List<?> rows = (List<?>) Reflect.call(summary, "rows");
        StringBuilder html = new StringBuilder("<div class=\"lectern-summary\"><table><thead><tr>"
                + "<th>Layer</th><th>Type</th><th>Output shape</th><th>Params</th><th>Trainable</th></tr></thead><tbody>");
        for (Object row : rows) {
            long params = (Long) Reflect.call(row, "params");
            html.append("<tr><td>").append(Html.escape(String.valueOf(Reflect.call(row, "layer"))))
                    .append("</td><td>").append(Html.escape(String.valueOf(Reflect.call(row, "type"))))
                    .append("</td><td>").append(Arrays.toString((int[]) Reflect.call(row, "outputShape")))
                    .append("</td><td style=\"text-align:right\">").append(count(params))
                    .append("</td><td>").append(params == 0 ? "" : (Boolean) Reflect.call(row, "trainable") ? "yes" : "no")
                    .append("</td></tr>");
        }
        long total = (Long) Reflect.call(summary, "totalParams");
        long trainable = (Long) Reflect.call(summary, "trainableParams");
        html.append("</tbody></table><p>Input shape ").append(Arrays.toString((int[]) Reflect.call(summary, "inputShape")))
                .append(" → output shape ").append(Arrays.toString((int[]) Reflect.call(summary, "outputShape")))
                .append("<br/>Total params: <b>").append(count(total)).append("</b>")
                .append(" (trainable ").append(count(trainable)).append(", non-trainable ").append(count(total - trainable))
                .append(String.format(Locale.ROOT, "; %.2f MB as float32)", total * 4 / 1048576.0)).append("</p></div>");
        out.putHTML(html.toString());
        out.putText(String.valueOf(summary));
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
