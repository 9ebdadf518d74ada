package org.lectern.kernel.display;

import java.awt.image.RenderedImage;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.lectern.Tensor;

/**
 * Registers Lectern's renderers. Types are matched by class name, through one registration on {@code Object}, because
 * the classes a stock JJava kernel's cells use are not the ones this extension's loader sees; on our kernel they are,
 * and the direct Tensor registration wins first.
 */
public final class Renderers {
    private Renderers() {}

    public static void registerAll(Renderer renderer) {
        renderer.createRegistration(Tensor.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((value, context) -> TensorRenderer.render(value, context.getOutputContainer()));
        renderer.createRegistration(RenderedImage.class)
                .preferring(MIMEType.IMAGE_PNG)
                .register((value, context) -> {
                    context.getOutputContainer().putData("image/png", Png.base64(value));
                    context.getOutputContainer().putText("image " + value.getWidth() + "×" + value.getHeight());
                });
        renderer.createRegistration(Object.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG, MIMEType.IMAGE_SVG, MIMEType.TEXT_PLAIN)
                .register(Renderers::byName);
    }

    private static void byName(Object value, RenderContext context) {
        DisplayData out = context.getOutputContainer();
        try {
            if (value instanceof RenderedImage) {
                RenderedImage image = (RenderedImage) value;
                out.putData("image/png", Png.base64(image));
                out.putText("image " + image.getWidth() + "×" + image.getHeight());
            } else if (TensorView.isTensor(value)) {
                TensorRenderer.render(value, out);
            } else if (ChartRenderer.isChart(value)) {
                ChartRenderer.render(value, out);
            } else if (TableRenderer.isTable(value)) {
                TableRenderer.render(value, out);
            } else if (HistoryRenderer.isHistory(value)) {
                HistoryRenderer.render(value, out);
            } else if (SummaryRenderer.isSummary(value)) {
                SummaryRenderer.render(value, out);
            } else if (ModuleRenderer.isModule(value)) {
                ModuleRenderer.render(value, out);
            }
        } catch (Throwable t) {
            // A renderer bug must not lose the result: fall back to text, and say why.
            out.putText(String.valueOf(value) + "\n(rich display failed: " + t + ")");
        }
    }
}
