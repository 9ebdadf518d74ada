package org.lectern.kernel.display;

import java.awt.image.BufferedImage;

/** Paints a matrix as a heatmap, or a (C,H,W) tensor as a grey/RGB picture, scaled to a readable size. */
final class Heatmap {
    private static final int MIN_SIDE = 160;
    private static final int MAX_SIDE = 640;

    private Heatmap() {}

    static BufferedImage matrix(float[] values, int rows, int cols) {
        float[] range = range(values);
        int scale = scale(rows, cols);
        BufferedImage image = new BufferedImage(cols * scale, rows * scale, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int rgb = viridis(normalise(values[r * cols + c], range));
                fill(image, r, c, scale, rgb);
            }
        }
        return image;
    }

    /** channels 1 (grey) or 3 (RGB), channel-first like PyTorch. */
    static BufferedImage picture(float[] values, int channels, int height, int width) {
        float[] range = range(values);
        int scale = scale(height, width);
        int plane = height * width;
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int r = grey(values[i], range);
                int g = channels == 3 ? grey(values[plane + i], range) : r;
                int b = channels == 3 ? grey(values[2 * plane + i], range) : r;
                fill(image, y, x, scale, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    private static int scale(int rows, int cols) {
        int longest = Math.max(rows, cols);
        int scale = Math.max(1, MIN_SIDE / Math.max(1, Math.min(rows, cols)));
        while (scale > 1 && longest * scale > MAX_SIDE) scale--;
        return scale;
    }

    private static void fill(BufferedImage image, int row, int col, int scale, int rgb) {
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) image.setRGB(col * scale + dx, row * scale + dy, rgb);
        }
    }

    private static float[] range(float[] values) {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) return new float[] {0, 1};
        return new float[] {lo, hi};
    }

    private static float normalise(float v, float[] range) {
        if (!Float.isFinite(v)) return 0;
        return range[1] > range[0] ? (v - range[0]) / (range[1] - range[0]) : 0.5f;
    }

    private static int grey(float v, float[] range) {
        return Math.round(normalise(v, range) * 255);
    }

    /** A small piecewise-linear approximation of matplotlib's viridis: perceptually ordered, colour-blind safe. */
    private static int viridis(float t) {
        float[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        float x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min((int) x, stops.length - 2);
        float f = x - i;
        int r = Math.round(stops[i][0] + f * (stops[i + 1][0] - stops[i][0]));
        int g = Math.round(stops[i][1] + f * (stops[i + 1][1] - stops[i][1]));
        int b = Math.round(stops[i][2] + f * (stops[i + 1][2] - stops[i][2]));
        return (r << 16) | (g << 8) | b;
    }
}
