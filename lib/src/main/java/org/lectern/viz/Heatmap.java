package org.lectern.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lectern.Tensor;

/**
 * A 2-D tensor as a colored grid with row and column labels and, when it is small, the value in each
 * cell: confusion matrices, attention weights, kernels. Drawn with Java2D, so it needs no display.
 */
public final class Heatmap {
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Heatmap() {}

    /** A confusion matrix [C, C] (rows true, columns predicted) with class names. */
    public static BufferedImage confusionMatrix(Tensor counts, List<String> classes) {
        return render(counts, classes, classes, "true class ↓   predicted class →", 44);
    }

    /**
     * Renders m [R, C]; rowLabels/colLabels may be null. Cells of cellSize pixels; values are printed
     * when the cells are large enough.
     */
    public static BufferedImage render(Tensor m, List<String> rowLabels, List<String> colLabels, String title, int cellSize) {
        int[] s = m.shape();
        if (s.length != 2) throw new IllegalArgumentException("Heatmap: expects a 2-D tensor, got shape " + Arrays.toString(s));
        int rows = s[0], cols = s[1];
        if (rowLabels != null && rowLabels.size() != rows) throw new IllegalArgumentException("Heatmap: " + rowLabels.size() + " row labels for " + rows + " rows");
        if (colLabels != null && colLabels.size() != cols) throw new IllegalArgumentException("Heatmap: " + colLabels.size() + " column labels for " + cols + " columns");
        float[] v = m.toArray();
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        boolean whole = true;
        for (float x : v) {
            if (!Float.isFinite(x)) continue;
            min = Math.min(min, x);
            max = Math.max(max, x);
            whole &= x == Math.rint(x);
        }
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(FONT);
        FontMetrics fm = pg.getFontMetrics();
        int left = 8 + (rowLabels == null ? 0 : rowLabels.stream().mapToInt(fm::stringWidth).max().orElse(0)) + 6;
        int colLabelHeight = colLabels == null ? 0 : colLabels.stream().mapToInt(fm::stringWidth).max().orElse(0) + 6;
        pg.dispose();
        int top = 24 + colLabelHeight;
        int width = left + cols * cellSize + 12, height = top + rows * cellSize + 12;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(FONT);
        g.setColor(Color.DARK_GRAY);
        if (title != null) g.drawString(title, left, 16);
        boolean annotate = cellSize >= 28 && rows * cols <= 400;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float x = v[r * cols + c];
                float t = max > min ? (x - min) / (max - min) : 0.5f;
                g.setColor(color(Float.isFinite(x) ? t : 0f));
                g.fillRect(left + c * cellSize, top + r * cellSize, cellSize, cellSize);
                if (annotate) {
                    String text = whole ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.2f", x);
                    g.setColor(t > 0.55f ? Color.WHITE : Color.BLACK);
                    g.drawString(text, left + c * cellSize + (cellSize - fm.stringWidth(text)) / 2, top + r * cellSize + (cellSize + fm.getAscent()) / 2 - 2);
                }
            }
        }
        g.setColor(Color.BLACK);
        if (rowLabels != null) {
            for (int r = 0; r < rows; r++) {
                String l = rowLabels.get(r);
                g.drawString(l, left - 6 - fm.stringWidth(l), top + r * cellSize + (cellSize + fm.getAscent()) / 2 - 2);
            }
        }
        if (colLabels != null) { // vertical labels above the columns
            for (int c = 0; c < cols; c++) {
                var saved = g.getTransform();
                g.translate(left + c * cellSize + (cellSize + fm.getAscent()) / 2 - 2, top - 4);
                g.rotate(-Math.PI / 2);
                g.drawString(colLabels.get(c), 0, 0);
                g.setTransform(saved);
            }
        }
        g.dispose();
        return img;
    }

    /** White → deep blue, perceptually even enough for counts and weights. */
    static Color color(float t) {
        t = Math.max(0f, Math.min(1f, t));
        int r = Math.round(247 + (8 - 247) * t), gr = Math.round(251 + (48 - 251) * t), b = Math.round(255 + (107 - 255) * t);
        return new Color(r, gr, b);
    }
}
