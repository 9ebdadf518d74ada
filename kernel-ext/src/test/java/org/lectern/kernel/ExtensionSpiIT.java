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
                List.of("lectern", "classpath", "jars", "seed", "threads", "timeit", "time", "vars", "help")));
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
        assertTrue(String.valueOf(plot.getData(MIMEType.IMAGE_SVG)).contains("<svg"));
        DisplayData image = host.getRenderer().render(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB));
        assertTrue(image.hasDataForType(MIMEType.IMAGE_PNG));
    }
}
