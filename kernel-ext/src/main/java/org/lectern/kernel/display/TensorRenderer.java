package org.lectern.kernel.display;

import java.util.Arrays;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Tensors: always the PyTorch-like text; small matrices also as an HTML table; large matrices as a heatmap; tensors
 * shaped like images, (1|3,H,W) or (H,W) with both sides at least 8 and large, as a picture.
 */
final class TensorRenderer {
    static final int TABLE_MAX_ROWS = 40;
    static final int TABLE_MAX_COLS = 24;
    static final int IMAGE_MIN_SIDE = 8;

    private TensorRenderer() {}

    static void render(Object value, DisplayData out) {
        TensorView t = TensorView.of(value);
        out.putText(t.text());
        int[] s = t.shape;
        if (s.length == 2 && s[0] <= TABLE_MAX_ROWS && s[1] <= TABLE_MAX_COLS) {
            out.putHTML(table(t.values(), s[0], s[1]));
        } else if (s.length == 2 && s[0] > 0 && s[1] > 0) {
            out.putData("image/png", Png.base64(Heatmap.matrix(t.values(), s[0], s[1])));
        } else if (s.length == 3 && (s[0] == 1 || s[0] == 3) && s[1] >= IMAGE_MIN_SIDE && s[2] >= IMAGE_MIN_SIDE) {
            out.putData("image/png", Png.base64(Heatmap.picture(t.values(), s[0], s[1], s[2])));
        }
    }

    private static String table(float[] values, int rows, int cols) {
        StringBuilder html = new StringBuilder();
        html.append("<table class=\"lectern-tensor\" style=\"font-family:monospace\">");
        html.append("<caption style=\"caption-side:bottom;text-align:left\">tensor ")
                .append(Html.escape(Arrays.toString(new int[] {rows, cols}))).append("</caption>");
        html.append("<thead><tr><th></th>");
        for (int c = 0; c < cols; c++) html.append("<th>").append(c).append("</th>");
        html.append("</tr></thead><tbody>");
        for (int r = 0; r < rows; r++) {
            html.append("<tr><th>").append(r).append("</th>");
            for (int c = 0; c < cols; c++) {
                html.append("<td style=\"text-align:right\">").append(format(values[r * cols + c])).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static String format(float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) return String.valueOf((long) v) + ".";
        return String.format("%.4g", v);
    }
}
