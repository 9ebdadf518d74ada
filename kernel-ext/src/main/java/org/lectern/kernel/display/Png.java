package org.lectern.kernel.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Base64 PNG, the form Jupyter wants for image/png. */
final class Png {
    private Png() {}

    static String base64(RenderedImage image) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(image, "png", bytes);
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String base64(byte[] png) {
        return Base64.getEncoder().encodeToString(png);
    }
}
