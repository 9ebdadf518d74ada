package org.lectern.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import java.util.List;
import org.lectern.Tensor;

/**
 * A grid of grayscale images with a caption under each, to look at a dataset or at a model's mistakes.
 * Needs no display: it draws into a {@link BufferedImage}, which works with {@code -Djava.awt.headless=true}.
 *
 * <pre>{@code
 * var ds = FashionMnist.train(16);
 * BufferedImage img = Images.grid(ds.x(), FashionMnist.labelNames(ds.y()), 8, 3);
 * ImageIO.write(img, "png", new File("samples.png"));
 * }</pre>
 */
public final class Images {
    private Images() {}

    /** Gap between tiles and around the grid, in pixels. */
    static final int GAP = 2;
    static final int BACKGROUND = 48, TEXT = 255;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    /** The images as a grid without captions. */
    public static BufferedImage grid(Tensor images, int columns, int scale) {
        return grid(images, null, columns, scale);
    }

    /**
     * Images of shape [N, 1, H, W] or [N, H, W] laid out in rows of columns tiles, each pixel drawn as a
     * scale×scale square, with labels (one per image, or null for none) under the tiles. Values in [0, 1]
     * map to black..white; if any value lies outside, the whole grid is rescaled from its min..max, so
     * normalised images show too.
     */
    public static BufferedImage grid(Tensor images, List<String> labels, int columns, int scale) {
        int[] s = images.shape();
        if (!(s.length == 3 || (s.length == 4 && s[1] == 1))) {
            throw new IllegalArgumentException("Images.grid: expects images of shape [N, 1, H, W] or [N, H, W], got " + Arrays.toString(s));
        }
        int n = s[0], h = s[s.length - 2], w = s[s.length - 1];
        if (n == 0) throw new IllegalArgumentException("Images.grid: no images to draw");
        if (columns <= 0) throw new IllegalArgumentException("Images.grid: columns must be positive, got " + columns);
        if (scale <= 0) throw new IllegalArgumentException("Images.grid: scale must be positive, got " + scale);
        if (labels != null && labels.size() != n) {
            throw new IllegalArgumentException("Images.grid: " + labels.size() + " labels for " + n + " images");
        }
        int cols = Math.min(columns, n), rows = (n + cols - 1) / cols;

        // Caption size first: a cell is as wide as the widest caption, so long class names stay readable.
        int labelHeight = 0, cellWidth = w * scale;
        FontMetrics metrics = null;
        if (labels != null) {
            Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY).createGraphics();
            metrics = probe.getFontMetrics(FONT);
            probe.dispose();
            labelHeight = metrics.getHeight() + 1;
            for (String label : labels) cellWidth = Math.max(cellWidth, metrics.stringWidth(label == null ? "" : label) + 2);
        }
        int cellHeight = h * scale + labelHeight;
        BufferedImage out = new BufferedImage(cols * cellWidth + (cols + 1) * GAP, rows * cellHeight + (rows + 1) * GAP,
                BufferedImage.TYPE_BYTE_GRAY);

        Graphics2D g = out.createGraphics();
        try {
            g.setColor(new Color(BACKGROUND, BACKGROUND, BACKGROUND));
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            WritableRaster raster = out.getRaster();
            float[] v = images.toArray();
            float[] range = displayRange(v);
            int[] row = new int[w * scale];
            for (int i = 0; i < n; i++) {
                int left = GAP + (i % cols) * (cellWidth + GAP) + (cellWidth - w * scale) / 2;
                int top = GAP + (i / cols) * (cellHeight + GAP);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) Arrays.fill(row, x * scale, (x + 1) * scale, gray(v[(i * h + y) * w + x], range));
                    for (int dy = 0; dy < scale; dy++) raster.setSamples(left, top + y * scale + dy, row.length, 1, 0, row);
                }
            }
            if (labels != null) {
                g.setFont(FONT);
                g.setColor(new Color(TEXT, TEXT, TEXT));
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                for (int i = 0; i < n; i++) {
                    String label = labels.get(i) == null ? "" : labels.get(i);
                    int cellLeft = GAP + (i % cols) * (cellWidth + GAP);
                    int top = GAP + (i / cols) * (cellHeight + GAP) + h * scale;
                    g.drawString(label, cellLeft + (cellWidth - metrics.stringWidth(label)) / 2, top + metrics.getAscent());
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** [0, 1] unless some value falls outside it; then the actual min..max. */
    private static float[] displayRange(float[] v) {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            if (x < lo) lo = x;
            if (x > hi) hi = x;
        }
        return lo >= 0 && hi <= 1 ? new float[] {0, 1} : new float[] {lo, hi > lo ? hi : lo + 1};
    }

    private static int gray(float value, float[] range) {
        float t = (value - range[0]) / (range[1] - range[0]);
        if (!(t >= 0)) t = 0; // also NaN
        if (t > 1) t = 1;
        return Math.round(t * 255);
    }

    /**
     * Convolution filters [O, C, KH, KW] as a grid: one row per output channel, one tile per input channel,
     * each tile stretched to its own min..max (a filter's pattern matters, not its scale).
     */
    public static BufferedImage filters(Tensor weight, int scale) {
        int[] s = weight.shape();
        if (s.length != 4) throw new IllegalArgumentException("Images.filters: expects weights [O, C, KH, KW], got " + Arrays.toString(s));
        return grid(perTileNormalized(weight.reshape(s[0] * s[1], s[2], s[3])), null, s[1] == 1 ? Math.min(s[0], 8) : s[1], scale);
    }

    /** Feature maps [1, C, H, W] or [C, H, W] as a grid, each map stretched to its own min..max. */
    public static BufferedImage featureMaps(Tensor maps, int columns, int scale) {
        int[] s = maps.shape();
        if (s.length == 4 && s[0] == 1) maps = maps.reshape(s[1], s[2], s[3]);
        else if (s.length != 3) throw new IllegalArgumentException("Images.featureMaps: expects [1, C, H, W] or [C, H, W], got " + Arrays.toString(s));
        return grid(perTileNormalized(maps), null, columns, scale);
    }

    /** Each [H, W] tile of [N, H, W] mapped to [0, 1]; a constant tile becomes mid-gray. */
    static Tensor perTileNormalized(Tensor tiles) {
        int[] s = tiles.shape();
        int n = s[0], size = s[1] * s[2];
        float[] v = tiles.toArray();
        for (int i = 0; i < n; i++) {
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < size; j++) {
                lo = Math.min(lo, v[i * size + j]);
                hi = Math.max(hi, v[i * size + j]);
            }
            for (int j = 0; j < size; j++) v[i * size + j] = hi > lo ? (v[i * size + j] - lo) / (hi - lo) : 0.5f;
        }
        return Tensor.fromArray(v, s);
    }
}
