package org.lectern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Error messages a student will meet: each names the op and the shapes or values involved, so the message
 * alone says what went wrong. Also: the numerically delicate ops stay finite where the naive formula fails.
 */
class TensorErrorsTest {

    /** Runs the code, expects the exception type, and checks that the message contains every fragment. */
    static <T extends Throwable> T assertMessage(Class<T> type, Executable code, String... fragments) {
        T e = assertThrows(type, code);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message lacks \"" + f + "\": " + e.getMessage());
        }
        return e;
    }

    // ------------------------------------------------------------------ shapes

    @Test
    void matmulMismatchNamesBothShapesAndTheInnerSizes() {
        var x = Tensor.zeros(64, 100);
        var w = Tensor.zeros(50, 10);
        var e = assertThrows(IllegalArgumentException.class, () -> x.matmul(w));
        assertEquals("matmul: shapes [64, 100] and [50, 10] cannot be multiplied (100 != 50)", e.getMessage());
    }

    @Test
    void matmulMismatchForVectorsAndBatches() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(3).matmul(Tensor.zeros(4)),
                "matmul", "[3]", "[4]", "3 != 4");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)),
                "matmul", "[2]", "[3]", "cannot be broadcast");
        assertMessage(IllegalArgumentException.class, () -> Tensor.scalar(2f).matmul(Tensor.zeros(3)),
                "matmul", "at least 1 dimension", "use mul");
    }

    @Test
    void broadcastFailureNamesTheOpTheShapesAndTheDimension() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)),
                "add: shapes [2, 3] and [4] cannot be broadcast", "dimension 1: 3 vs 4");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(5, 2).mul(Tensor.zeros(3, 4, 2)),
                "mul", "[5, 2]", "[3, 4, 2]", "dimension 1: 5 vs 4");
        assertMessage(IllegalArgumentException.class,
                () -> Tensor.where(Tensor.zeros(2), Tensor.zeros(3), Tensor.zeros(3)), "where", "[2]", "[3]");
    }

    @Test
    void axisOutOfRangeNamesTheOpAndTheValidRange() {
        var x = Tensor.zeros(2, 3);
        assertMessage(IllegalArgumentException.class, () -> x.sum(2),
                "sum: dimension 2 is out of range for a tensor with 2 dimensions (expected -2 to 1)");
        assertMessage(IllegalArgumentException.class, () -> x.sum(-3), "sum", "dimension -3", "-2 to 1");
        assertMessage(IllegalArgumentException.class, () -> x.softmax(2), "softmax", "dimension 2");
        assertMessage(IllegalArgumentException.class, () -> x.transpose(0, -3), "transpose", "dimension -3");
        assertMessage(IllegalArgumentException.class, () -> x.unsqueeze(3), "unsqueeze", "dimension 3", "-3 to 2");
        assertMessage(IllegalArgumentException.class, () -> x.size(5), "size", "dimension 5");
        assertMessage(IllegalArgumentException.class, () -> x.mean(new int[] {0, -2}, false), "mean", "appears twice");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(3).max(1), "max", "dimension 1");
        assertMessage(IllegalArgumentException.class, () -> Tensor.cat(List.of(x, x), 2), "cat", "dimension 2");
    }

    @Test
    void reshapeToTheWrongSizeNamesBothShapes() {
        var x = Tensor.zeros(2, 3);
        assertMessage(IllegalArgumentException.class, () -> x.reshape(4, 2),
                "reshape: shape [4, 2] is invalid for a tensor of shape [2, 3]", "6 elements");
        assertMessage(IllegalArgumentException.class, () -> x.reshape(-1, 4), "reshape", "[-1, 4]", "[2, 3]");
        assertMessage(IllegalArgumentException.class, () -> x.view(-1, -1), "view", "only one dimension can be -1");
        assertMessage(IllegalArgumentException.class, () -> x.reshape(3, -2), "reshape", "invalid size -2");
    }

    @Test
    void viewOfANonContiguousTensorSuggestsReshape() {
        var t = Tensor.zeros(2, 3).t();
        assertMessage(IllegalStateException.class, () -> t.view(6), "view", "[3, 2]", "not contiguous", "reshape");
        assertArrayEquals(new int[] {6}, t.reshape(6).shape()); // reshape copies instead
        assertArrayEquals(new int[] {6}, t.contiguous().view(6).shape());
    }

    @Test
    void catAndStackOfMismatchedShapes() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.cat(List.of(Tensor.zeros(2, 3), Tensor.zeros(2, 4)), 0),
                "cat: tensor 1 has shape [2, 4] but tensor 0 has [2, 3]", "except dimension 0");
        assertMessage(IllegalArgumentException.class, () -> Tensor.cat(List.of(Tensor.zeros(2, 3), Tensor.zeros(3)), 0),
                "cat", "[3]", "[2, 3]");
        assertMessage(IllegalArgumentException.class, () -> Tensor.stack(List.of(Tensor.zeros(2), Tensor.zeros(3)), 0),
                "stack", "[3]", "[2]", "equal shapes");
        assertMessage(IllegalArgumentException.class, () -> Tensor.cat(List.of(), 0), "cat", "at least one");
    }

    @Test
    void expandAndPermuteErrors() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(3, 2).expand(3, 4), "expand", "[3, 2]", "[3, 4]");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(3, 2).permute(0), "permute", "[3, 2]");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(3, 2).permute(1, 1), "permute", "repeats");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(3).t(), "t:", "2-D", "[3]");
    }

    @Test
    void splitSizesMustAddUp() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(5, 2).split(new int[] {2, 2}, 0),
                "split", "[2, 2]", "add up to 4", "size 5");
    }

    @Test
    void factoryErrors() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, -1), "zeros", "negative", "[2, -1]");
        assertMessage(IllegalArgumentException.class, () -> Tensor.fromArray(new float[5], 2, 3),
                "fromArray", "5 values", "[2, 3]", "6 elements");
        assertMessage(IllegalArgumentException.class, () -> Tensor.of(new float[][] {{1, 2}, {3}}), "row 1", "1 values");
        assertMessage(IllegalArgumentException.class, () -> Tensor.arange(0, 5, 0), "arange", "step");
        assertMessage(IllegalArgumentException.class, () -> Tensor.randint(3, 3, 2), "randint", "low < high");
    }

    // ------------------------------------------------------------------ indices

    @Test
    void gatherIndexOutOfBoundsNamesIndexAndSize() {
        var x = Tensor.zeros(2, 3);
        assertMessage(IndexOutOfBoundsException.class, () -> x.gather(1, Tensor.of(new float[][] {{0, 3}, {1, 1}})),
                "gather: index 3 is out of bounds for dimension 1 with size 3");
        assertMessage(IndexOutOfBoundsException.class, () -> x.gather(1, Tensor.of(new float[][] {{-4}, {0}})),
                "gather", "index -4", "size 3");
        assertMessage(IllegalArgumentException.class, () -> x.gather(1, Tensor.of(0f, 1f)), "gather", "[2]", "[2, 3]");
        assertMessage(IllegalArgumentException.class, () -> x.gather(1, Tensor.of(new float[][] {{0.5f}, {0}})),
                "gather", "0.5", "whole number");
    }

    @Test
    void indexSelectSelectAndItemOutOfBounds() {
        var x = Tensor.zeros(2, 3);
        assertMessage(IndexOutOfBoundsException.class, () -> x.indexSelect(0, Tensor.of(0f, 2f)),
                "indexSelect", "index 2", "dimension 0 with size 2");
        assertMessage(IndexOutOfBoundsException.class, () -> x.select(1, 3),
                "select: index 3 is out of bounds for dimension 1 with size 3 (shape [2, 3])");
        assertMessage(IndexOutOfBoundsException.class, () -> x.get(-3), "select", "index -3", "size 2");
        assertMessage(IndexOutOfBoundsException.class, () -> x.item(1, 5), "item", "index 5");
        assertMessage(IllegalArgumentException.class, () -> x.item(1), "item", "1 coordinates", "[2, 3]");
        assertMessage(IllegalArgumentException.class, () -> Tensor.oneHot(Tensor.of(0f, 4f), 3), "oneHot", "4.0", "0..2");
    }

    @Test
    void itemOfManyElementsNamesTheShape() {
        assertMessage(IllegalStateException.class, () -> Tensor.zeros(2, 3).item(),
                "item", "one element", "[2, 3]");
        assertEquals(5f, Tensor.full(5f, 1, 1, 1).item());
        assertEquals(5f, Tensor.scalar(5f).item());
    }

    // ------------------------------------------------------------------ domains

    @Test
    void logOfNonPositiveValuesSaysHowManyAndWhere() {
        var x = Tensor.of(new float[][] {{1, 2, 3}, {0, -1, 4}});
        var e = assertMessage(ArithmeticException.class, x::log,
                "log: 2 of 6 values in a tensor of shape [2, 3] are ≤ 0", "first: 0.0 at [1, 0]", "logSoftmax");
        assertTrue(e.getMessage().contains("clampMin"), e.getMessage());
    }

    @Test
    void sqrtOfNegativeValuesSaysHowManyAndWhere() {
        var x = Tensor.of(4f, 0f, -2f, 9f, -0.5f);
        assertMessage(ArithmeticException.class, x::sqrt, "sqrt: 2 of 5 values", "shape [5]", "< 0", "first: -2.0 at [2]");
        assertArrayEquals(new float[] {2, 0, 3}, Tensor.of(4f, 0f, 9f).sqrt().toArray()); // 0 is in the domain
    }

    @Test
    void domainErrorsReportPositionsInTheViewNotInTheStorage() {
        // the transposed view is copied before the check: the position is in the view's own coordinates
        var x = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, -6}}).t();
        assertMessage(ArithmeticException.class, x::log, "1 of 6", "shape [3, 2]", "first: -6.0 at [2, 1]");
        var s = Tensor.of(1f, 2f, -3f, 4f).slice(0, 1, 4);
        assertMessage(ArithmeticException.class, s::sqrt, "1 of 3", "shape [3]", "at [1]");
    }

    @Test
    void nanIsOutsideTheDomainToo() {
        assertMessage(ArithmeticException.class, () -> Tensor.of(1f, Float.NaN).log(), "log", "1 of 2", "NaN at [1]");
    }

    // ------------------------------------------------------------------ numerically stable softmax

    static void assertAllFinite(Tensor t) {
        for (float v : t.toArray()) assertTrue(Float.isFinite(v), () -> "not finite: " + t);
    }

    @Test
    void softmaxOfHugeLogitsIsFinite() {
        var logits = Tensor.of(new float[][] {{1e4f, -1e4f, 0f}, {-1e4f, -1e4f, -1e4f}, {1e4f, 1e4f, 1e4f}});
        var p = logits.softmax(1);
        assertAllFinite(p);
        assertArrayEquals(new float[] {1, 0, 0, 1 / 3f, 1 / 3f, 1 / 3f, 1 / 3f, 1 / 3f, 1 / 3f}, p.toArray(), 1e-6f);
        assertArrayEquals(new float[] {1, 1, 1}, p.sum(1).toArray(), 1e-6f);
    }

    @Test
    void logSoftmaxOfHugeLogitsIsFiniteAndNeverMinusInfinity() {
        var logits = Tensor.of(new float[][] {{1e4f, -1e4f, 0f}, {-1e4f, -1e4f, -1e4f}, {1e4f, 1e4f, 1e4f}});
        var lp = logits.logSoftmax(1);
        assertAllFinite(lp);
        float ln3 = (float) Math.log(3);
        // log p for the losers is -2e4 and -1e4: tiny probabilities, but finite logs (a naive log(softmax) gives -inf)
        assertArrayEquals(new float[] {0, -2e4f, -1e4f, -ln3, -ln3, -ln3, -ln3, -ln3, -ln3}, lp.toArray(), 1e-3f);
        assertAllFinite(logits.logSoftmax(0));
    }

    @Test
    void softmaxGradientOfHugeLogitsIsFinite() {
        var logits = Tensor.of(new float[][] {{1e4f, -1e4f, 0f}, {5e3f, 5e3f, -5e3f}}).requiresGrad(true);
        logits.logSoftmax(1).select(1, 0).sum().backward();
        assertAllFinite(logits.grad());
        assertArrayEquals(new float[] {0, 0, 0, 0.5f, -0.5f, 0}, logits.grad().toArray(), 1e-6f);
    }

    @Test
    void logsumexpOfHugeValuesIsFinite() {
        var x = Tensor.of(new float[][] {{1e4f, 1e4f}, {-1e4f, -1e4f}});
        float ln2 = (float) Math.log(2);
        assertArrayEquals(new float[] {1e4f + ln2, -1e4f + ln2}, x.logsumexp(1).toArray(), 1e-2f);
    }

    @Test
    void maskedPositionsGetZeroProbability() {
        // the attention-mask idiom: -inf logits are allowed as long as one value in the row is finite
        var scores = Tensor.of(new float[][] {{1, 2, 3}, {1, 1, 1}});
        var mask = Tensor.of(new float[][] {{0, 0, 1}, {1, 0, 0}});
        var p = scores.maskedFill(mask, Float.NEGATIVE_INFINITY).softmax(-1);
        assertAllFinite(p);
        assertEquals(0f, p.item(0, 2));
        assertEquals(0f, p.item(1, 0));
        assertArrayEquals(new float[] {1, 1}, p.sum(1).toArray(), 1e-6f);
        var lp = scores.maskedFill(mask, Float.NEGATIVE_INFINITY).logSoftmax(-1);
        assertEquals(Float.NEGATIVE_INFINITY, lp.item(0, 2)); // log 0, as in PyTorch
        assertEquals((float) -Math.log(2), lp.item(1, 1), 1e-6f);
    }

    @Test
    void fullyMaskedRowsGiveWhatPyTorchGives() {
        // a row of -inf has no mass: logsumexp is -inf, softmax and logSoftmax NaN (0/0), not a log domain error
        float ninf = Float.NEGATIVE_INFINITY;
        var x = Tensor.of(new float[][] {{ninf, ninf}, {0f, 0f}});
        float ln2 = (float) Math.log(2);
        assertArrayEquals(new float[] {ninf, ln2}, x.logsumexp(1).toArray(), 1e-6f);
        assertArrayEquals(new float[] {Float.NaN, Float.NaN, -ln2, -ln2}, x.logSoftmax(1).toArray(), 1e-6f);
        assertArrayEquals(new float[] {Float.NaN, Float.NaN, 0.5f, 0.5f}, x.softmax(1).toArray(), 1e-6f);
    }
}
