package org.lectern.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.lectern.Tensor;
import org.lectern.data.FashionMnist;
import org.lectern.data.TensorDataset;

class ImagesTest {
    static {
        // As in a notebook kernel on a server: no display. Set before anything touches AWT.
        System.setProperty("java.awt.headless", "true");
    }

    /** Three 2×3 images: all black, all white, and a left-to-right ramp 0, 0.5, 1. */
    static Tensor threeImages() {
        return Tensor.fromArray(new float[] {
                0, 0, 0, 0, 0, 0,
                1, 1, 1, 1, 1, 1,
                0, 0.5f, 1, 0, 0.5f, 1}, 3, 1, 2, 3);
    }

    @Test
    void tilesAreScaledAndLaidOutInRows() throws IOException {
        assertTrue(GraphicsEnvironment.isHeadless());
        BufferedImage img = Images.grid(threeImages(), 2, 4);
        // 2 columns of 12-pixel tiles, 2 rows of 8-pixel tiles, 2-pixel gaps around and between.
        assertEquals(2 * 12 + 3 * Images.GAP, img.getWidth());
        assertEquals(2 * 8 + 3 * Images.GAP, img.getHeight());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
        assertEquals(Images.BACKGROUND, gray(img, 0, 0));
        assertEquals(0, gray(img, 2, 2));                    // first tile, black
        assertEquals(255, gray(img, 2 + 12 + 2 + 11, 2 + 7)); // second tile's far corner, white
        int rampTop = 2 + 8 + 2;
        assertEquals(0, gray(img, 2 + 3, rampTop));          // ramp: each value covers 4 pixels
        assertEquals(128, gray(img, 2 + 4, rampTop));
        assertEquals(255, gray(img, 2 + 11, rampTop + 7));
        assertEquals(Images.BACKGROUND, gray(img, 2 + 12 + 2 + 5, rampTop)); // the empty cell
        save(img, "images-grid.png");
    }

    @Test
    void labelsAreDrawnUnderTheirTiles() throws IOException {
        BufferedImage img = Images.grid(threeImages().reshape(3, 2, 3), List.of("black", "white", "ramp"), 3, 8);
        int tileHeight = 2 * 8;
        assertTrue(img.getHeight() > tileHeight + 2 * Images.GAP + 6, "room for a caption");
        assertTrue(img.getWidth() >= 3 * 24 + 4 * Images.GAP);
        int bright = 0;
        for (int y = Images.GAP + tileHeight; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) if (gray(img, x, y) > 200) bright++;
        }
        assertTrue(bright > 10, "caption pixels below the tiles, found " + bright);
        save(img, "images-grid-labels.png");
    }

    @Test
    void valuesOutsideZeroOneAreRescaledToTheirRange() {
        BufferedImage img = Images.grid(Tensor.of(-2f, 0f, 2f).reshape(1, 1, 3), 1, 1);
        assertEquals(0, gray(img, 2, 2));
        assertEquals(128, gray(img, 3, 2));
        assertEquals(255, gray(img, 4, 2));
    }

    @Test
    void badArgumentsAreExplained() {
        var e = assertThrows(IllegalArgumentException.class, () -> Images.grid(Tensor.zeros(2, 3, 4, 4), 2, 1));
        assertTrue(e.getMessage().contains("[N, 1, H, W] or [N, H, W]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Images.grid(threeImages(), List.of("a"), 2, 1));
        assertTrue(e.getMessage().contains("1 labels for 3 images"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Images.grid(threeImages(), 0, 1));
    }

    static int gray(BufferedImage img, int x, int y) {
        return img.getRaster().getSample(x, y, 0);
    }

    /** Written to target/ so a person can look at it; read back to check the PNG round trip. */
    static void save(BufferedImage img, String name) throws IOException {
        Path file = Path.of("target", name);
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, "png", file.toFile()));
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(img.getWidth(), back.getWidth());
        assertEquals(img.getHeight(), back.getHeight());
    }

    @Test
    void aGridOfSamplesWithTheirClassNames() throws IOException {
        TensorDataset first = FashionMnist.test(16);
        BufferedImage img = Images.grid(first.x(), FashionMnist.labelNames(first.y()), 8, 2);
        assertEquals(2, (img.getHeight() - Images.GAP) / (56 + Images.GAP + 1), "two rows of 56-pixel tiles with captions");
        assertTrue(img.getWidth() >= 8 * 56);
        ImagesTest.save(img, "fashion-mnist-grid.png");
    }
}
