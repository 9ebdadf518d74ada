package org.lectern;

import java.util.Locale;

/**
 * PyTorch's print style: "tensor([[1., 2.], [3., 4.]])" with aligned columns, 4 decimals (or scientific
 * notation when magnitudes are far apart), and "..." past 1000 elements. Lectern adds the shape.
 */
final class TensorFormat {
    private static final int THRESHOLD = 1000, EDGE = 3, LINE_WIDTH = 80;

    private TensorFormat() {}

    static String format(Tensor t) {
        boolean summarize = t.numel() > THRESHOLD;
        float[] v = t.toArray();
        Style style = Style.of(v);
        StringBuilder sb = new StringBuilder("tensor(");
        if (t.dim() == 0) {
            sb.append(style.format(v[0]).trim());
        } else {
            int width = 0;
            for (float x : v) width = Math.max(width, style.format(x).length()); // fine also when summarizing: same style
            block(sb, v, t.shape, Shapes.contiguousStrides(t.shape), 0, 0, "tensor(".length(), summarize, style, width);
        }
        sb.append(", shape=").append(Shapes.str(t.shape));
        if (t.gradFn() != null) sb.append(", gradFn=").append(t.gradFn());
        else if (t.requiresGrad()) sb.append(", requiresGrad=true");
        return sb.append(')').toString();
    }

    private static void block(StringBuilder sb, float[] v, int[] shape, int[] strides, int dim, int off, int indent,
                              boolean summarize, Style style, int width) {
        int n = shape[dim];
        sb.append('[');
        boolean last = dim == shape.length - 1;
        int lineStart = sb.length() - sb.lastIndexOf("\n") - 1;
        int col = lineStart;
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE && i == EDGE) {
                sb.append(last ? "..., " : "...,\n" + newlines(shape.length - dim - 2) + " ".repeat(indent + 1));
                col += 5;
                i = n - EDGE - 1;
                continue;
            }
            if (last) {
                String s = pad(style.format(v[off + i * strides[dim]]), width);
                if (i > 0 && col + s.length() + 2 > LINE_WIDTH) {
                    sb.append('\n').append(" ".repeat(indent + 1));
                    col = indent + 1;
                }
                sb.append(s);
                col += s.length();
                if (i < n - 1) {
                    sb.append(", ");
                    col += 2;
                }
            } else {
                block(sb, v, shape, strides, dim + 1, off + i * strides[dim], indent + 1, summarize, style, width);
                if (i < n - 1) sb.append(",\n").append(newlines(shape.length - dim - 2)).append(" ".repeat(indent + 1));
            }
        }
        sb.append(']');
    }

    private static String newlines(int count) {
        return "\n".repeat(Math.max(0, count));
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** How numbers print: whole numbers as "3.", else 4 decimals, or scientific when ranges are wide. */
    private enum Style {
        INTEGER, FIXED, SCIENTIFIC;

        static Style of(float[] v) {
            boolean allInt = true;
            double maxAbs = 0, minAbs = Double.MAX_VALUE;
            for (float x : v) {
                if (!Float.isFinite(x)) continue;
                if (x != Math.rint(x)) allInt = false;
                double a = Math.abs(x);
                if (a > 0) {
                    maxAbs = Math.max(maxAbs, a);
                    minAbs = Math.min(minAbs, a);
                }
            }
            if (maxAbs == 0) return allInt ? INTEGER : FIXED;
            if (allInt) return maxAbs > 1e8 ? SCIENTIFIC : INTEGER;
            return maxAbs / minAbs > 1000 || maxAbs > 1e8 || minAbs < 1e-4 ? SCIENTIFIC : FIXED;
        }

        String format(float x) {
            if (Float.isNaN(x)) return "nan";
            if (Float.isInfinite(x)) return x > 0 ? "inf" : "-inf";
            switch (this) {
                case INTEGER: return String.format(Locale.ROOT, "%.0f.", x);
                case FIXED: return String.format(Locale.ROOT, "%.4f", x);
                default: return String.format(Locale.ROOT, "%.4e", x).replace("e+0", "e+0").replaceAll("e([+-])(\\d)$", "e$10$2");
            }
        }
    }
}
