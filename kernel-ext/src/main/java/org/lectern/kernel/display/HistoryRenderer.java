package org.lectern.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A training {@code History}: its loss/accuracy chart above its table, in one HTML output (a notebook shows only one
 * MIME type per output, and both are wanted), plus the chart alone as image/png and the table as text.
 */
final class HistoryRenderer {
    static final String HISTORY = "org.lectern.train.History";

    private HistoryRenderer() {}

    static boolean isHistory(Object value) {
        return Reflect.isA(value, HISTORY);
    }

    static void render(Object history, DisplayData out) throws Exception {
        Object chart = Reflect.sibling(history, "org.lectern.viz.Charts")
                .getMethod("history", Reflect.sibling(history, HISTORY)).invoke(null, history);
        DisplayData image = new DisplayData();
        ChartRenderer.render(chart, image);
        Object png = image.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG);
        boolean interrupted = (Boolean) Reflect.call(history, "interrupted");
        StringBuilder html = new StringBuilder("<div class=\"lectern-history\">");
        html.append("<img alt=\"training history chart\" src=\"data:image/png;base64,").append(png).append("\"/>");
        html.append(TableRenderer.html(Reflect.call(history, "table")));
        if (interrupted) html.append("<p><i>Training was interrupted; the last row may be a partial epoch.</i></p>");
        out.putHTML(html.append("</div>").toString());
        out.putData("image/png", png);
        out.putText(String.valueOf(history));
    }
}
