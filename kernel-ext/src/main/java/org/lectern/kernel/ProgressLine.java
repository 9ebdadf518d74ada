package org.lectern.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** One line of training progress: plain text for consoles and exporters, a bar and the text in HTML for notebooks. */
final class ProgressLine {
    private ProgressLine() {}

    static DisplayData of(String text, int done, int total) {
        DisplayData d = new DisplayData(text);
        int max = Math.max(1, total);
        d.putHTML("<div class=\"lectern-progress\" style=\"font-family:monospace\"><progress value=\"" + Math.min(done, max)
                + "\" max=\"" + max + "\" style=\"width:12em;vertical-align:middle\"></progress> " + escape(text) + "</div>");
        return d;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
