package org.lectern.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/** %vars: the session's variables, with the shape of each tensor. */
final class VarsMagic implements LineMagic<DisplayData, BaseKernel> {
    @Override
    public DisplayData eval(BaseKernel kernel, List<String> args) {
        if (!args.isEmpty()) throw MagicArgs.usage("vars", Magics.LINE_USAGE.get("vars"), "takes no arguments");
        JShell shell = Hosts.jshell(kernel).orElseThrow(() -> new MagicException("%vars needs a JShell-based kernel"));
        List<String[]> rows = new ArrayList<>();
        shell.variables()
                .filter(v -> shell.status(v) == Snippet.Status.VALID)
                .filter(v -> !v.name().startsWith("$"))
                .forEach(v -> rows.add(new String[] {v.name(), v.typeName(), shapeOf(kernel, v)}));
        DisplayData out = new DisplayData();
        if (rows.isEmpty()) {
            out.putText("No variables defined.");
            return out;
        }
        StringBuilder text = new StringBuilder(String.format("%-20s %-30s %s%n", "Name", "Type", "Shape"));
        StringBuilder html = new StringBuilder("<table><thead><tr><th>Name</th><th>Type</th><th>Shape</th></tr></thead><tbody>");
        for (String[] r : rows) {
            text.append(String.format("%-20s %-30s %s%n", r[0], r[1], r[2]));
            html.append("<tr><td>").append(escape(r[0])).append("</td><td>").append(escape(r[1]))
                    .append("</td><td>").append(escape(r[2])).append("</td></tr>");
        }
        out.putText(text.toString().stripTrailing());
        out.putHTML(html.append("</tbody></table>").toString());
        return out;
    }

    private static String shapeOf(BaseKernel kernel, VarSnippet v) {
        String type = v.typeName();
        if (!type.equals("Tensor") && !type.equals("org.lectern.Tensor")) return "";
        try {
            return String.valueOf(Hosts.eval(kernel, "java.util.Arrays.toString(" + v.name() + ".shape())")).replace("\"", "");
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
