package org.lectern;

import java.util.Arrays;

/** Shape arithmetic shared by the ops: sizes, strides, broadcasting, axis checks. */
final class Shapes {
    private Shapes() {}

    static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("tensor of shape " + str(shape) + " has "
                + n + " elements; Lectern tensors hold at most " + Integer.MAX_VALUE);
        return (int) n;
    }

    static int[] contiguousStrides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Normalises a possibly negative axis, or throws naming the op and the shape. */
    static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.max(rank, 1) || (rank == 0 && a != 0)) {
            throw new IllegalArgumentException(op + ": dimension " + axis + " is out of range for a tensor with "
                    + rank + " dimension" + (rank == 1 ? "" : "s") + " (expected " + (rank == 0 ? "0" : -rank + " to " + (rank - 1)) + ")");
        }
        return a;
    }

    /** Sorted, distinct, normalised axes; an empty list means all axes. */
    static int[] axes(String op, int[] axes, int rank) {
        if (axes == null || axes.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) all[i] = i;
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) out[i] = axis(op, axes[i], rank);
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) throw new IllegalArgumentException(op + ": dimension " + out[i] + " appears twice in " + Arrays.toString(axes));
        }
        return out;
    }

    /** NumPy broadcasting: align on the right; sizes must match or be 1. */
    static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast (dimension " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    static void checkShape(String op, int[] shape) {
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(op + ": negative size in shape " + str(shape));
        }
    }
}
