package org.lectern.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.lectern.Tensor;

/** (c) The kernel jar loaded through the Extension SPI into a bare JShell host: magics and renderers work. */
class ExtensionSpiIT {
    static BareJShellHost host;

    @BeforeAll
    static void install() {
        String jar = System.getProperty("lectern.kernel.jar");
        assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "kernel jar not built: " + jar);
        host = new BareJShellHost(jar);
        host.installFrom(jar);
    }

    @Test
    void registersMagics() {
        assertTrue(host.getMagicsRegistry().getLineMagicNames().containsAll(
                List.of("lectern", "classpath", "jars", "seed", "threads", "timeit", "time", "vars", "summary", "plot", "help")));
        assertTrue(host.getMagicsRegistry().getCellMagicNames().containsAll(List.of("html", "markdown")));
    }

    @Test
    void magicsRunThroughTheHost() throws Exception {
        assertEquals("Seed set to 7", host.getMagicsRegistry().evalLineMagic(host, "seed", List.of("7")));
        String info = host.getMagicsRegistry().evalLineMagic(host, "lectern", List.of());
        assertTrue(info.contains("SIMD"), info);
        String help = host.getMagicsRegistry().evalLineMagic(host, "help", List.of());
        assertTrue(help.contains("%timeit"), help);
        DisplayData html = host.getMagicsRegistry().evalCellMagic(host, "html", List.of(), "<b>x</b>");
        assertEquals("<b>x</b>", html.getData(MIMEType.TEXT_HTML));
    }

    @Test
    void wrongArgumentsGiveUsage() {
        Exception e = assertThrows(RuntimeException.class,
                () -> host.getMagicsRegistry().evalLineMagic(host, "seed", List.of("x")));
        assertTrue(e.getMessage().contains("Usage: %seed"), e.getMessage());
        e = assertThrows(RuntimeException.class,
                () -> host.getMagicsRegistry().evalLineMagic(host, "threads", List.of("0")));
        assertTrue(e.getMessage().contains("Usage: %threads"), e.getMessage());
    }

    @Test
    void summaryAndPlotMagics() throws Exception {
        host.evalRaw("var net = new org.lectern.nn.Sequential(new org.lectern.nn.Linear(8, 4), new org.lectern.nn.ReLU());");
        host.evalRaw("var notAModel = \"text\";");
        Object summary = host.getMagicsRegistry().evalLineMagic(host, "summary", List.of("net", "8"));
        assertTrue(String.valueOf(summary).contains("Total params: 36"), String.valueOf(summary));
        assertUsage("summary", List.of("nosuch", "1", "28", "28"), "unknown variable 'nosuch'");
        assertUsage("summary", List.of("notAModel", "8"), "'notAModel' is not a Module (it is String)");
        assertUsage("summary", List.of("net", "x"), "'x' is not a dimension");
        assertUsage("summary", List.of("net", "0"), "dimension 0 must be positive");
        assertUsage("summary", List.of("net"), "expected a model variable and the input shape");
        assertUsage("summary", List.of("net", "3", "5"), "does not accept an input of shape [3, 5]");
        host.evalRaw("var h = new org.lectern.train.History();");
        Object chart = host.getMagicsRegistry().evalLineMagic(host, "plot", List.of("h", "train_loss"));
        assertTrue(String.valueOf(chart).contains("XYChart"), String.valueOf(chart));
        assertUsage("plot", List.of("h", "nope"), "no column 'nope'");
        assertUsage("plot", List.of("net"), "'net' is not a History");
        String help = host.getMagicsRegistry().evalLineMagic(host, "help", List.of());
        assertTrue(help.contains("%summary MODEL DIMS") && help.contains("%plot HISTORY"), help);
    }

    private static void assertUsage(String magic, List<String> args, String expected) {
        Exception e = assertThrows(RuntimeException.class, () -> host.getMagicsRegistry().evalLineMagic(host, magic, args));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains("Usage: %" + magic), e.getMessage());
    }

    @Test
    void rendersHistorySummaryAndModule() {
        var model = new org.lectern.nn.Sequential(new org.lectern.nn.Linear(8, 4), new org.lectern.nn.ReLU());
        DisplayData module = host.getRenderer().render(model);
        assertTrue(String.valueOf(module.getData(MIMEType.TEXT_PLAIN)).contains("Linear("));
        DisplayData summary = host.getRenderer().render(org.lectern.nn.Summary.of(model, 8));
        String html = String.valueOf(summary.getData(MIMEType.TEXT_HTML));
        assertTrue(html.contains("<table") && html.contains("Total params: <b>36</b>"), html);
        DisplayData history = host.getRenderer().render(new org.lectern.train.History());
        String h = String.valueOf(history.getData(MIMEType.TEXT_HTML));
        assertTrue(h.contains("<img") && h.contains("<table") && h.contains("0 rows"), h);
        assertTrue(history.hasDataForType(MIMEType.IMAGE_PNG));
    }

    @Test
    void rendersTensorsChartsAndImages() {
        DisplayData small = host.getRenderer().render(Tensor.ones(2, 2));
        assertTrue(String.valueOf(small.getData(MIMEType.TEXT_HTML)).contains("<table"));
        DisplayData large = host.getRenderer().render(Tensor.rand(100, 120));
        assertTrue(large.hasDataForType(MIMEType.IMAGE_PNG));
        DisplayData picture = host.getRenderer().render(Tensor.rand(3, 28, 28));
        assertTrue(picture.hasDataForType(MIMEType.IMAGE_PNG));
        XYChart chart = new XYChartBuilder().width(200).height(150).title("t").build();
        chart.addSeries("s", new double[] {1, 2}, new double[] {2, 1});
        DisplayData plot = host.getRenderer().render(chart);
        assertTrue(plot.hasDataForType(MIMEType.IMAGE_PNG));
        // the svg element alone: inline in HTML, nbconvert rejects an XML declaration naming an encoding
        assertTrue(String.valueOf(plot.getData(MIMEType.IMAGE_SVG)).startsWith("<svg"), String.valueOf(plot.getData(MIMEType.IMAGE_SVG)));
        DisplayData image = host.getRenderer().render(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB));
        assertTrue(image.hasDataForType(MIMEType.IMAGE_PNG));
    }
}
