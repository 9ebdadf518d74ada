package org.lectern.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The 2×2 / stride 2 fast path of max pooling agrees with the general loop, ties and NaNs included. */
class MaxPoolTest {

    @Test
    void twoByTwoMatchesTheGeneralLoop() {
        Random r = new Random(3);
        for (int[] hw : new int[][] {{2, 2}, {4, 6}, {5, 7}, {28, 28}, {10, 10}, {8, 64}, {6, 40}}) {
            int h = hw[0], w = hw[1], oh = h / 2, ow = w / 2;
            float[] x = new float[1 + h * w];
            for (int i = 0; i < x.length; i++) x[i] = r.nextInt(5); // few values: many ties
            x[1 + w + 1] = Float.NaN;                               // one window with a NaN
            if (h >= 4 && w >= 4) x[1 + 2 * w + 3] = Float.NaN;
            float[] want = new float[oh * ow], got = new float[oh * ow];
            int[] wantAt = new int[oh * ow], gotAt = new int[oh * ow];
            MaxPool.general(x, 1, h, w, 2, 2, 2, 2, 0, 0, oh, ow, want, wantAt, 0);
            MaxPool.twoByTwo(null, x, 1, w, oh, ow, got, gotAt, 0, got.length);
            assertArrayEquals(want, got, h + "×" + w + " values");
            assertArrayEquals(wantAt, gotAt, h + "×" + w + " argmax");
            if (MaxPool.VECTOR != null) { // the Vector API rows, with room for whole vectors and without
                for (int room : new int[] {0, 64}) {
                    float[] vx = java.util.Arrays.copyOf(x, x.length + room);
                    float[] vgot = new float[oh * ow + room];
                    int[] vgotAt = new int[oh * ow + room];
                    MaxPool.twoByTwo(MaxPool.VECTOR, vx, 1, w, oh, ow, vgot, vgotAt, 0, oh * ow);
                    assertArrayEquals(want, java.util.Arrays.copyOf(vgot, oh * ow), h + "×" + w + " vector values");
                    assertArrayEquals(wantAt, java.util.Arrays.copyOf(vgotAt, oh * ow), h + "×" + w + " vector argmax");
                }
            }
        }
    }
}
