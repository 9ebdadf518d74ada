package org.lectern.kernel.display;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** Tablesaw tables as an HTML table (head and tail when long) with the row and column counts. */
final class TableRenderer {
    static final String TABLE = "tech.tablesaw.api.Table";
    static final int HEAD = 10;
    static final int TAIL = 5;

    private TableRenderer() {}

    static boolean isTable(Object value) {
        return Reflect.isA(value, TABLE);
    }

    static void render(Object table, DisplayData out) {
        out.putHTML(html(table));
        out.putText(String.valueOf(table));
    }

    @SuppressWarnings("unchecked")
    static String html(Object table) {
        int rows = (Integer) Reflect.call(table, "rowCount");
        List<String> columns = (List<String>) Reflect.call(table, "columnNames");
        Object name = Reflect.call(table, "name");
        StringBuilder html = new StringBuilder("<div class=\"lectern-table\">");
        if (name != null && !name.toString().isBlank()) html.append("<b>").append(Html.escape(name.toString())).append("</b>");
        html.append("<table><thead><tr><th></th>");
        for (String c : columns) html.append("<th>").append(Html.escape(c)).append("</th>");
        html.append("</tr></thead><tbody>");
        boolean elide = rows > HEAD + TAIL;
        for (int r = 0; r < rows; r++) {
            if (elide && r == HEAD) {
                html.append("<tr><th>…</th>");
                for (int c = 0; c < columns.size(); c++) html.append("<td>…</td>");
                html.append("</tr>");
                r = rows - TAIL;
            }
            html.append("<tr><th>").append(r).append("</th>");
            for (int c = 0; c < columns.size(); c++) {
                Object cell = Reflect.call(table, "getString", new Class<?>[] {int.class, int.class}, r, c);
                html.append("<td>").append(Html.escape(String.valueOf(cell))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table><p>").append(rows).append(rows == 1 ? " row" : " rows").append(" × ")
                .append(columns.size()).append(columns.size() == 1 ? " column" : " columns").append("</p></div>");
        return html.toString();
    }
}
