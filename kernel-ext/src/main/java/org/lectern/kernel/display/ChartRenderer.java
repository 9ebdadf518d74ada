package org.lectern.kernel.display;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** XChart charts as image/png and image/svg+xml, drawn in the kernel: no JavaScript, nothing fetched from a CDN. */
final class ChartRenderer {
    static final String CHART = "org.knowm.xchart.internal.chartpart.Chart";

    private ChartRenderer() {}

    /**
     * The svg element alone, without the XML declaration and doctype before it: the SVG goes inline into
     * HTML, and nbconvert's HTML export rejects a string that declares its own encoding (lxml: "Unicode
     * strings with encoding declaration are not supported").
     */
    static String inlineSvg(String svg) {
        int at = svg.indexOf("<svg");
        return at > 0 ? svg.substring(at) : svg;
    }

    static boolean isChart(Object value) {
        return Reflect.isA(value, CHART);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void render(Object chart, DisplayData out) throws Exception {
        Class<?> chartType = Reflect.sibling(chart, CHART);
        Class<?> bitmap = Reflect.sibling(chart, "org.knowm.xchart.BitmapEncoder");
        Class<? extends Enum> bitmapFormat = (Class<? extends Enum>) Reflect.sibling(chart, "org.knowm.xchart.BitmapEncoder$BitmapFormat");
        byte[] png = (byte[]) bitmap.getMethod("getBitmapBytes", chartType, bitmapFormat)
                .invoke(null, chart, Enum.valueOf(bitmapFormat, "PNG"));
        out.putData("image/png", Png.base64(png));
        try {
            Class<?> vector = Reflect.sibling(chart, "org.knowm.xchart.VectorGraphicsEncoder");
            Class<? extends Enum> vectorFormat = (Class<? extends Enum>) Reflect.sibling(chart, "org.knowm.xchart.VectorGraphicsEncoder$VectorGraphicsFormat");
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            vector.getMethod("saveVectorGraphic", chartType, java.io.OutputStream.class, vectorFormat)
                    .invoke(null, chart, svg, Enum.valueOf(vectorFormat, "SVG"));
            out.putSVG(inlineSvg(svg.toString(StandardCharsets.UTF_8)));
        } catch (ReflectiveOperationException | LinkageError e) {
            // SVG needs VectorGraphics2D; the PNG alone is fine.
        }
        out.putText(chart.getClass().getSimpleName() + " \"" + Reflect.call(chart, "getTitle") + "\"");
    }
}
