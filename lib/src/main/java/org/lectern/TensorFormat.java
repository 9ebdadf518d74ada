package org.lectern;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's print style: "tensor([[1., 2.], [3., 4.]])" with aligned columns, 4 decimals (or scientific
 * notation when magnitudes are far apart), and "..." past 1000 elements. Lectern adds the shape.
 *
 * <p>The rules, as PyTorch applies them: the number style and the column width come from the nonzero finite
 * values (only the printed edge values when the tensor is elided); whole numbers print as "3." unless
 * their magnitudes span more than a factor 1000 or exceed 1e8, other values as "%.4f" unless they also go
 * below 1e-4; otherwise "%.4e". Rows wrap at 80 characters with as many columns per line as fit.
 */
final class TensorFormat {
    private static final int THRESHOLD = 1000, EDGE = 3, LINE_WIDTH = 80;
    private static final String PREFIX = "tensor(";

    private TensorFormat() {}

    static String format(Tensor t) {
        float[] v = t.toArray();
        boolean summarize = v.length > THRESHOLD;
        StringBuilder sb = new StringBuilder(PREFIX);
        if (t.dim() == 0) {
            sb.append(new Style(v).format(v[0]));
        } else if (v.length == 0) {
            sb.append("[]");
        } else {
            Style style = new Style(summarize ? edgeValues(v, t.shape) : v);
            sb.append(block(v, t.shape, Shapes.contiguousStrides(t.shape), 0, 0, PREFIX.length(), summarize, style));
        }
        sb.append(", shape=").append(Shapes.str(t.shape));
        if (t.gradFn() != null) sb.append(", gradFn=").append(t.gradFn());
        else if (t.requiresGrad()) sb.append(", requiresGrad=true");
        return sb.append(')').toString();
    }

    /** Indices printed along a dimension of size n: all of them, or the first and last EDGE when eliding. */
    private static int[] shown(int n, boolean summarize) {
        boolean elide = summarize && n > 2 * EDGE;
        int[] idx = new int[elide ? 2 * EDGE : n];
        for (int i = 0; i < idx.length; i++) idx[i] = elide && i >= EDGE ? n - 2 * EDGE + i : i;
        return idx;
    }

    /** The values that will be printed when eliding: they alone decide the style, as in PyTorch. */
    private static float[] edgeValues(float[] v, int[] shape) {
        List<Float> out = new ArrayList<>();
        collect(v, shape, Shapes.contiguousStrides(shape), 0, 0, out);
        float[] r = new float[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = out.get(i);
        return r;
    }

    private static void collect(float[] v, int[] shape, int[] strides, int dim, int off, List<Float> out) {
        for (int i : shown(shape[dim], true)) {
            if (dim == shape.length - 1) out.add(v[off + i * strides[dim]]);
            else collect(v, shape, strides, dim + 1, off + i * strides[dim], out);
        }
    }

    /** One bracketed level; indent is the column of its opening bracket. */
    private static String block(float[] v, int[] shape, int[] strides, int dim, int off, int indent, boolean summarize,
                                Style style) {
        int n = shape[dim];
        boolean elide = summarize && n > 2 * EDGE;
        List<String> items = new ArrayList<>();
        for (int i : shown(n, summarize)) {
            if (elide && i == n - EDGE) items.add(dim == shape.length - 1 ? " ..." : "...");
            if (dim == shape.length - 1) items.add(style.format(v[off + i * strides[dim]]));
            else items.add(block(v, shape, strides, dim + 1, off + i * strides[dim], indent + 1, summarize, style));
        }
        String next = ",\n" + " ".repeat(indent + 1);
        if (dim < shape.length - 1) {
            return "[" + String.join(",\n" + "\n".repeat(shape.length - dim - 2) + " ".repeat(indent + 1), items) + "]";
        }
        int perLine = Math.max(1, (LINE_WIDTH - indent) / (style.width + 2));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i += perLine) {
            lines.add(String.join(", ", items.subList(i, Math.min(items.size(), i + perLine))));
        }
        return "[" + String.join(next, lines) + "]";
    }

    /** How numbers print: whole numbers as "3.", else 4 decimals, or scientific when ranges are wide. */
    private static final class Style {
        final boolean integer, scientific;
        final int width;

        Style(float[] v) {
            boolean allInt = true, any = false;
            double maxAbs = 0, minAbs = Double.MAX_VALUE;
            for (float x : v) {
                if (!Float.isFinite(x) || x == 0) continue;
                any = true;
                if (x != Math.rint(x)) allInt = false;
                double a = Math.abs((double) x);
                maxAbs = Math.max(maxAbs, a);
                minAbs = Math.min(minAbs, a);
            }
            integer = allInt;
            scientific = any && (maxAbs / minAbs > 1000 || maxAbs > 1e8 || (!allInt && minAbs < 1e-4));
            int w = 1;
            for (float x : v) if (Float.isFinite(x) && x != 0) w = Math.max(w, raw(x).length());
            width = w;
        }

        /** The value right-aligned in the column width. */
        String format(float x) {
            String s = raw(x);
            return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
        }

        private String raw(float x) {
            if (Float.isNaN(x)) return "nan";
            if (Float.isInfinite(x)) return x > 0 ? "inf" : "-inf";
            // exact decimal rounding, half to even as Python's format does (Java's %f rounds ties up)
            String sign = x < 0 || (x == 0 && 1 / x < 0) ? "-" : "";
            BigDecimal a = new BigDecimal(Math.abs((double) x));
            if (scientific) {
                if (x == 0) return sign + "0.0000e+00";
                BigDecimal r = a.round(new MathContext(5, RoundingMode.HALF_EVEN));
                int exp = r.precision() - r.scale() - 1;
                String mantissa = r.movePointLeft(exp).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
                String e = String.valueOf(Math.abs(exp));
                return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
            }
            if (integer) return sign + a.setScale(0, RoundingMode.HALF_EVEN).toPlainString() + ".";
            return sign + a.setScale(4, RoundingMode.HALF_EVEN).toPlainString();
        }
    }
}
