package org.lectern;

import java.util.Arrays;
import java.util.List;
import org.lectern.kernels.BinaryOp;
import org.lectern.kernels.UnaryOp;

/**
 * An n-dimensional array of float32 values that records the ops applied to it, so that
 * {@link #backward()} can compute gradients. Names and argument orders follow PyTorch.
 *
 * <pre>{@code
 * Lectern.seed(42);
 * var w = Tensor.randn(3, 2).requiresGrad(true);
 * var x = Tensor.of(new float[][] {{1, 2, 3}});
 * var loss = x.matmul(w).relu().sum();
 * loss.backward();
 * w.grad();            // dL/dw, shape [3, 2]
 * }</pre>
 *
 * <p>Storage is row-major; views (reshape, transpose, slices, expand) share it. A tensor never changes
 * after it is made, except parameters updated in place by an optimizer. The ops themselves live in small
 * package-private classes, one per family, each forward next to its backward rule:
 * {@link Elementwise}, {@link Reductions}, {@link Views}, {@link Joins}, {@link Indexing}, {@link MatMul}.
 */
public final class Tensor {
    final float[] data;
    final int[] shape;
    final int[] strides;
    final int offset;

    private boolean requiresGrad;
    private Tensor grad;
    Node node;
    boolean retainsGrad;

    Tensor(float[] data, int[] shape, int[] strides, int offset) {
        this.data = data;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    /** A new contiguous tensor over data (not copied). */
    Tensor(float[] data, int[] shape) {
        this(data, shape, Shapes.contiguousStrides(shape), 0);
    }

    /**
     * The result of a differentiable op: records a node when gradients are on and an input needs one.
     */
    static Tensor result(Tensor out, String op, Node.Backward backward, Tensor... inputs) {
        if (!Lectern.isGradEnabled()) return out;
        for (Tensor in : inputs) {
            if (in != null && in.requiresGrad) {
                out.requiresGrad = true;
                out.node = new Node(op, inputs, backward);
                return out;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- factories

    /** A 1-D tensor of the given values. */
    public static Tensor of(float... values) {
        return new Tensor(values.clone(), new int[] {values.length});
    }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor of(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] d = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("Tensor.of: row " + i + " has " + rows[i].length + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, d, i * cols, cols);
        }
        return new Tensor(d, new int[] {rows.length, cols});
    }

    /** A 3-D tensor from equal-sized matrices. */
    public static Tensor of(float[][][] blocks) {
        Tensor[] parts = new Tensor[blocks.length];
        for (int i = 0; i < blocks.length; i++) parts[i] = of(blocks[i]);
        return blocks.length == 0 ? zeros(0, 0, 0) : stack(Arrays.asList(parts), 0);
    }

    /**
     * A tensor of the given shape over values itself, not a copy (row-major): the caller hands the array
     * over and must not change it afterwards. For loaders of large data, which would otherwise hold two
     * copies at once (Fashion-MNIST's training images are 188 MB of floats).
     */
    public static Tensor wrap(float[] values, int... shape) {
        Shapes.checkShape("wrap", shape);
        if (Shapes.numel(shape) != values.length) {
            throw new IllegalArgumentException("wrap: " + values.length + " values do not fill shape "
                    + Shapes.str(shape) + " (" + Shapes.numel(shape) + " elements)");
        }
        return new Tensor(values, shape.clone());
    }

    /** A tensor of the given shape over a copy of values (row-major). */
    public static Tensor fromArray(float[] values, int... shape) {
        Shapes.checkShape("fromArray", shape);
        if (Shapes.numel(shape) != values.length) {
            throw new IllegalArgumentException("fromArray: " + values.length + " values do not fill shape "
                    + Shapes.str(shape) + " (" + Shapes.numel(shape) + " elements)");
        }
        return new Tensor(values.clone(), shape.clone());
    }

    /** A 0-dimensional tensor holding one value. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0]);
    }

    public static Tensor zeros(int... shape) {
        Shapes.checkShape("zeros", shape);
        return new Tensor(new float[Shapes.numel(shape)], shape.clone());
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float value, int... shape) {
        Shapes.checkShape("full", shape);
        float[] d = new float[Shapes.numel(shape)];
        Arrays.fill(d, value);
        return new Tensor(d, shape.clone());
    }

    public static Tensor zerosLike(Tensor t) {
        return zeros(t.shape);
    }

    public static Tensor onesLike(Tensor t) {
        return ones(t.shape);
    }

    /** 0, 1, …, end-1. */
    public static Tensor arange(float end) {
        return arange(0, end, 1);
    }

    public static Tensor arange(float start, float end) {
        return arange(start, end, 1);
    }

    /** start, start+step, … while below end (above end for a negative step), as in PyTorch. */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0 || Float.isNaN(step)) throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
        int n = (int) Math.max(0, Math.ceil((end - start) / (double) step));
        // float32 inputs are inexact (0.3f / 0.1f > 3): drop a last value that would round onto or past end
        while (n > 0 && !(step > 0 ? (float) (start + (double) (n - 1) * step) < end : (float) (start + (double) (n - 1) * step) > end)) n--;
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = (float) (start + (double) i * step);
        return new Tensor(d, new int[] {n});
    }

    /** steps values evenly spaced from start to end, both included. */
    public static Tensor linspace(float start, float end, int steps) {
        if (steps < 0) throw new IllegalArgumentException("linspace: steps must be non-negative, got " + steps);
        float[] d = new float[steps];
        for (int i = 0; i < steps; i++) {
            d[i] = steps == 1 ? start : (float) (start + (end - (double) start) * i / (steps - 1));
        }
        return new Tensor(d, new int[] {steps});
    }

    /** The n×n identity matrix. */
    public static Tensor eye(int n) {
        return eye(n, n);
    }

    public static Tensor eye(int rows, int cols) {
        Tensor t = zeros(rows, cols);
        for (int i = 0; i < Math.min(rows, cols); i++) t.data[i * cols + i] = 1f;
        return t;
    }

    /** Uniform samples in [0, 1) from the generator seeded by {@link Lectern#seed}. */
    public static Tensor rand(int... shape) {
        Tensor t = zeros(shape);
        synchronized (Lectern.random()) {
            for (int i = 0; i < t.data.length; i++) t.data[i] = Lectern.random().nextFloat();
        }
        return t;
    }

    /** Standard normal samples from the generator seeded by {@link Lectern#seed}. */
    public static Tensor randn(int... shape) {
        Tensor t = zeros(shape);
        synchronized (Lectern.random()) {
            for (int i = 0; i < t.data.length; i++) t.data[i] = (float) Lectern.random().nextGaussian();
        }
        return t;
    }

    /** Uniform samples in [low, high). */
    public static Tensor uniform(float low, float high, int... shape) {
        return rand(shape).mul(high - low).add(low);
    }

    /** Integers drawn uniformly from [low, high), stored as floats (Lectern tensors are float32). */
    public static Tensor randint(int low, int high, int... shape) {
        if (high <= low) throw new IllegalArgumentException("randint: need low < high, got " + low + " and " + high);
        Tensor t = zeros(shape);
        synchronized (Lectern.random()) {
            for (int i = 0; i < t.data.length; i++) t.data[i] = low + Lectern.random().nextInt(high - low);
        }
        return t;
    }

    // ---------------------------------------------------------------- facts

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of one dimension (negative counts from the end). */
    public int size(int dim) {
        return shape[Shapes.axis("size", dim, shape.length)];
    }

    /** Number of dimensions. */
    public int dim() {
        return shape.length;
    }

    public int numel() {
        return Shapes.numel(shape);
    }

    /** True when the elements lie in row-major order without gaps (a view may still start at an offset). */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    /** The values in row-major order, as a new array. */
    public float[] toArray() {
        return Strided.toArray(this);
    }

    /** The value of a tensor with one element. */
    public float item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: only a tensor with one element has an item, this one has shape " + Shapes.str(shape));
        }
        return data[offset];
    }

    /** The value at the given index (negative indices count from the end). */
    public float item(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("item: index " + Arrays.toString(index) + " has " + index.length
                    + " coordinates but the tensor has shape " + Shapes.str(shape));
        }
        int off = offset;
        for (int d = 0; d < index.length; d++) off += Views.checkIndex("item", index[d], d, shape) * strides[d];
        return data[off];
    }

    // ---------------------------------------------------------------- autograd

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf tensor as one whose gradient backward() should compute. Returns this tensor. */
    public Tensor requiresGrad(boolean flag) {
        if (node != null && !flag) {
            throw new IllegalStateException("requiresGrad: " + node.op + " made this tensor from tensors that require"
                    + " grad; use detach() for a copy without a graph");
        }
        requiresGrad = flag;
        return this;
    }

    /** dL/d(this) after backward(), or null. Leaves get it; intermediates only after retainGrad(). */
    public Tensor grad() {
        return grad;
    }

    /** Keeps the gradient of this intermediate tensor at the next backward() (e.g. dL/dh_t in an RNN). */
    public Tensor retainGrad() {
        if (!requiresGrad) throw new IllegalStateException("retainGrad: this tensor does not require grad");
        retainsGrad = true;
        return this;
    }

    /** Clears the gradient (set to none, as PyTorch does by default). */
    public void zeroGrad() {
        grad = null;
    }

    /** True for tensors made by the user rather than by an op that records gradients. */
    public boolean isLeaf() {
        return node == null;
    }

    /** The name of the op that made this tensor, e.g. "mul", or null for a leaf. */
    public String gradFn() {
        return node == null ? null : node.op;
    }

    /** Backpropagates from this scalar: fills grad() of every leaf that requires it. Frees the graph. */
    public void backward() {
        Autograd.backward(this, null, false);
    }

    /** Backpropagates with an explicit dL/d(this) of this tensor's shape. */
    public void backward(Tensor gradient) {
        Autograd.backward(this, gradient, false);
    }

    /** As {@link #backward(Tensor)}; gradient may be null for a scalar; retainGraph keeps the graph for another call. */
    public void backward(Tensor gradient, boolean retainGraph) {
        Autograd.backward(this, gradient, retainGraph);
    }

    void accumulateGrad(Tensor g) {
        // always a fresh dense array: a backward rule may hand the same tensor to several inputs (a + b),
        // the seed is the caller's, and optimizers and clipping change gradients in place
        grad = grad == null ? g.copy() : grad.add(g);
    }

    /** A tensor sharing this one's values but cut off from the graph. */
    public Tensor detach() {
        return new Tensor(data, shape, strides, offset);
    }

    /** A copy of the values with no graph. */
    public Tensor copy() {
        return new Tensor(toArray(), shape.clone());
    }

    // ---------------------------------------------------------------- elementwise arithmetic (broadcasting)

    public Tensor add(Tensor other) { return Elementwise.binary(BinaryOp.ADD, this, other); }
    public Tensor sub(Tensor other) { return Elementwise.binary(BinaryOp.SUB, this, other); }
    public Tensor mul(Tensor other) { return Elementwise.binary(BinaryOp.MUL, this, other); }
    public Tensor div(Tensor other) { return Elementwise.binary(BinaryOp.DIV, this, other); }
    /** Elementwise this^exponent. */
    public Tensor pow(Tensor exponent) { return Elementwise.binary(BinaryOp.POW, this, exponent); }
    /** Elementwise larger value (torch.maximum). */
    public Tensor maximum(Tensor other) { return Elementwise.binary(BinaryOp.MAX, this, other); }
    /** Elementwise smaller value (torch.minimum). */
    public Tensor minimum(Tensor other) { return Elementwise.binary(BinaryOp.MIN, this, other); }

    public Tensor add(float value) { return Elementwise.unary(UnaryOp.ADD_SCALAR, value, this); }
    public Tensor sub(float value) { return Elementwise.unary(UnaryOp.ADD_SCALAR, -value, this); }
    public Tensor mul(float value) { return Elementwise.unary(UnaryOp.MUL_SCALAR, value, this); }
    public Tensor div(float value) { return Elementwise.unary(UnaryOp.MUL_SCALAR, 1f / value, this); }
    public Tensor pow(float exponent) { return Elementwise.unary(UnaryOp.POW_SCALAR, exponent, this); }
    /** value - this. */
    public Tensor rsub(float value) { return neg().add(value); }
    public Tensor neg() { return Elementwise.unary(UnaryOp.NEG, 0f, this); }

    // comparisons give 1 where true and 0 where false; they record no gradient
    public Tensor eq(Tensor other) { return Elementwise.binary(BinaryOp.EQ, this, other); }
    public Tensor ne(Tensor other) { return Elementwise.binary(BinaryOp.NE, this, other); }
    public Tensor lt(Tensor other) { return Elementwise.binary(BinaryOp.LT, this, other); }
    public Tensor le(Tensor other) { return Elementwise.binary(BinaryOp.LE, this, other); }
    public Tensor gt(Tensor other) { return Elementwise.binary(BinaryOp.GT, this, other); }
    public Tensor ge(Tensor other) { return Elementwise.binary(BinaryOp.GE, this, other); }
    public Tensor eq(float value) { return eq(scalar(value)); }
    public Tensor ne(float value) { return ne(scalar(value)); }
    public Tensor lt(float value) { return lt(scalar(value)); }
    public Tensor le(float value) { return le(scalar(value)); }
    public Tensor gt(float value) { return gt(scalar(value)); }
    public Tensor ge(float value) { return ge(scalar(value)); }

    /** condition != 0 ? a : b, elementwise with broadcasting (torch.where). */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Elementwise.where(condition, a, b);
    }

    /** Replaces the values where mask != 0 by value (torch.masked_fill). */
    public Tensor maskedFill(Tensor mask, float value) {
        return Elementwise.where(mask, scalar(value), this);
    }

    // ---------------------------------------------------------------- elementwise functions

    public Tensor exp() { return Elementwise.unary(UnaryOp.EXP, 0f, this); }
    /** Natural logarithm. Throws for values ≤ 0 instead of silently returning -inf or NaN. */
    public Tensor log() { return Elementwise.unary(UnaryOp.LOG, 0f, this); }
    /** Square root. Throws for negative values instead of silently returning NaN. */
    public Tensor sqrt() { return Elementwise.unary(UnaryOp.SQRT, 0f, this); }
    public Tensor abs() { return Elementwise.unary(UnaryOp.ABS, 0f, this); }
    public Tensor square() { return Elementwise.unary(UnaryOp.SQUARE, 0f, this); }
    public Tensor reciprocal() { return Elementwise.unary(UnaryOp.RECIPROCAL, 0f, this); }
    public Tensor sign() { return Elementwise.unary(UnaryOp.SIGN, 0f, this); }
    public Tensor tanh() { return Elementwise.unary(UnaryOp.TANH, 0f, this); }
    public Tensor sigmoid() { return Elementwise.unary(UnaryOp.SIGMOID, 0f, this); }
    public Tensor relu() { return Elementwise.unary(UnaryOp.RELU, 0f, this); }
    /** x for x &gt; 0, slope·x otherwise (PyTorch's default slope is 0.01). */
    public Tensor leakyRelu(float negativeSlope) { return Elementwise.unary(UnaryOp.LEAKY_RELU, negativeSlope, this); }
    public Tensor leakyRelu() { return leakyRelu(0.01f); }
    /** Gaussian error linear unit, x·Φ(x), exact (erf) form as PyTorch's default. */
    public Tensor gelu() { return Elementwise.unary(UnaryOp.GELU, 0f, this); }

    /** Limits values to [min, max]; gradient flows only where the value was inside. */
    public Tensor clamp(float min, float max) {
        if (min > max) throw new IllegalArgumentException("clamp: min " + min + " is larger than max " + max);
        return clampMin(min).clampMax(max);
    }
    public Tensor clampMin(float min) { return Elementwise.unary(UnaryOp.CLAMP_MIN, min, this); }
    public Tensor clampMax(float max) { return Elementwise.unary(UnaryOp.CLAMP_MAX, max, this); }

    /** exp(x_i) / Σ_j exp(x_j) along dim; stable for large logits (the max is subtracted first). */
    public Tensor softmax(int dim) { return Reductions.softmax(this, dim); }
    /** log(softmax(x)) along dim, computed as x - max - log Σ exp(x - max): never -inf for finite input. */
    public Tensor logSoftmax(int dim) { return Reductions.logSoftmax(this, dim); }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements (a 0-d tensor). */
    public Tensor sum() { return Reductions.sum(this, null, false); }
    public Tensor sum(int dim) { return Reductions.sum(this, new int[] {dim}, false); }
    public Tensor sum(int dim, boolean keepdim) { return Reductions.sum(this, new int[] {dim}, keepdim); }
    public Tensor sum(int[] dims, boolean keepdim) { return Reductions.sum(this, dims, keepdim); }

    public Tensor mean() { return Reductions.mean(this, null, false); }
    public Tensor mean(int dim) { return Reductions.mean(this, new int[] {dim}, false); }
    public Tensor mean(int dim, boolean keepdim) { return Reductions.mean(this, new int[] {dim}, keepdim); }
    public Tensor mean(int[] dims, boolean keepdim) { return Reductions.mean(this, dims, keepdim); }

    /** Unbiased variance (divides by n - 1) of all elements, as torch.var. */
    public Tensor var() { return Reductions.var(this, null, true, false); }
    public Tensor var(int dim) { return Reductions.var(this, new int[] {dim}, true, false); }
    public Tensor var(int dim, boolean unbiased, boolean keepdim) { return Reductions.var(this, new int[] {dim}, unbiased, keepdim); }
    public Tensor var(int[] dims, boolean unbiased, boolean keepdim) { return Reductions.var(this, dims, unbiased, keepdim); }
    public Tensor std() { return var().sqrt(); }
    public Tensor std(int dim) { return var(dim).sqrt(); }

    /** log Σ exp(x) along dim, computed stably. */
    public Tensor logsumexp(int dim) { return Reductions.logsumexp(this, dim, false); }
    public Tensor logsumexp(int dim, boolean keepdim) { return Reductions.logsumexp(this, dim, keepdim); }

    /** Largest element (a 0-d tensor). */
    public Tensor max() { return Reductions.extreme(this, true); }
    /** Largest values along dim and where they are (the first on ties). */
    public ValuesIndices max(int dim) { return Reductions.extreme(this, dim, false, true); }
    public ValuesIndices max(int dim, boolean keepdim) { return Reductions.extreme(this, dim, keepdim, true); }
    public Tensor min() { return Reductions.extreme(this, false); }
    public ValuesIndices min(int dim) { return Reductions.extreme(this, dim, false, false); }
    public ValuesIndices min(int dim, boolean keepdim) { return Reductions.extreme(this, dim, keepdim, false); }
    /** Flat index of the largest element. */
    public Tensor argmax() { return reshape(-1).max(0).indices(); }
    public Tensor argmax(int dim) { return max(dim).indices(); }
    public Tensor argmax(int dim, boolean keepdim) { return max(dim, keepdim).indices(); }
    public Tensor argmin() { return reshape(-1).min(0).indices(); }
    public Tensor argmin(int dim) { return min(dim).indices(); }

    /** Values and their indices along a dimension (torch.return_types.max). Indices are stored as floats. */
    public record ValuesIndices(Tensor values, Tensor indices) {}

    // ---------------------------------------------------------------- linear algebra

    /**
     * Matrix product with PyTorch's rules: 1-D·1-D is a dot product, 2-D·2-D a matrix product, a 1-D
     * operand is treated as a row (left) or column (right) vector, and leading batch dimensions broadcast.
     */
    public Tensor matmul(Tensor other) { return MatMul.matmul(this, other); }
    /** Transpose of a matrix (dims 0 and 1 of a 2-D tensor). */
    public Tensor t() {
        if (dim() != 2) throw new IllegalArgumentException("t: expects a 2-D tensor, got shape " + Shapes.str(shape) + "; use transpose(d0, d1)");
        return transpose(0, 1);
    }
    /** Transpose of the last two dimensions (batched matrices). */
    public Tensor mT() {
        if (dim() < 2) throw new IllegalArgumentException("mT: needs at least 2 dimensions, got shape " + Shapes.str(shape));
        return transpose(-2, -1);
    }

    // ---------------------------------------------------------------- views and shapes

    /** Same values in a new shape; one size may be -1 (inferred). A view when the layout allows, else a copy. */
    public Tensor reshape(int... newShape) { return Views.reshape(this, newShape, false); }
    /** As reshape, but only as a view: throws for a non-contiguous tensor, as PyTorch does. */
    public Tensor view(int... newShape) { return Views.reshape(this, newShape, true); }
    /** All dimensions flattened into one. */
    public Tensor flatten() { return reshape(-1); }
    /** Dimensions startDim..endDim (inclusive) flattened into one. */
    public Tensor flatten(int startDim, int endDim) { return Views.flatten(this, startDim, endDim); }
    public Tensor transpose(int dim0, int dim1) { return Views.transpose(this, dim0, dim1); }
    public Tensor permute(int... dims) { return Views.permute(this, dims); }
    /** Removes all dimensions of size 1. */
    public Tensor squeeze() { return Views.squeeze(this, null); }
    /** Removes dim if its size is 1. */
    public Tensor squeeze(int dim) { return Views.squeeze(this, dim); }
    /** Inserts a dimension of size 1 at dim. */
    public Tensor unsqueeze(int dim) { return Views.unsqueeze(this, dim); }
    /** A broadcast view; -1 keeps a size. Repeated values share storage. */
    public Tensor expand(int... sizes) { return Views.expand(this, sizes); }
    public Tensor expandAs(Tensor other) { return expand(other.shape); }
    public Tensor broadcastTo(int... sizes) { return expand(sizes); }
    /** This tensor, or a copy in row-major order if it is a strided view. */
    public Tensor contiguous() { return Views.contiguous(this); }

    /** The elements start..start+length-1 along dim (a view). */
    public Tensor narrow(int dim, int start, int length) { return Views.slice(this, dim, start, start + length, 1); }
    /** Elements start (inclusive) to end (exclusive) along dim, like x[:, start:end]; negative values count from the end. */
    public Tensor slice(int dim, int start, int end) { return Views.slice(this, dim, start, end, 1); }
    /** As x[..., start:end:step]. */
    public Tensor slice(int dim, int start, int end, int step) { return Views.slice(this, dim, start, end, step); }
    /** The sub-tensor at index along dim, with that dimension removed (x[:, i]). */
    public Tensor select(int dim, int index) { return Views.select(this, dim, index); }
    /** Indexes leading dimensions: get(i) is x[i], get(i, j) is x[i, j]. */
    public Tensor get(int... index) {
        Tensor t = this;
        for (int i : index) t = t.select(0, i);
        return t;
    }

    // ---------------------------------------------------------------- joining and splitting

    /** Concatenates along an existing dimension (torch.cat). */
    public static Tensor cat(List<Tensor> tensors, int dim) { return Joins.cat(tensors, dim); }
    /** Stacks along a new dimension (torch.stack). */
    public static Tensor stack(List<Tensor> tensors, int dim) { return Joins.stack(tensors, dim); }
    /** Pieces of splitSize along dim (the last may be smaller). */
    public List<Tensor> split(int splitSize, int dim) { return Joins.split(this, splitSize, dim); }
    /** Pieces of the given sizes along dim. */
    public List<Tensor> split(int[] sizes, int dim) { return Joins.split(this, sizes, dim); }
    /** chunks pieces of (nearly) equal size along dim. */
    public List<Tensor> chunk(int chunks, int dim) { return Joins.chunk(this, chunks, dim); }

    // ---------------------------------------------------------------- indexing

    /** out[i][j] = x[i][index[i][j]] for dim 1 (torch.gather); index holds integer values. */
    public Tensor gather(int dim, Tensor index) { return Indexing.gather(this, dim, index); }
    /** The entries at the given 1-D indices along dim (torch.index_select). */
    public Tensor indexSelect(int dim, Tensor index) { return Indexing.indexSelect(this, dim, index); }
    /** A tensor with a new last dimension of size numClasses holding 1 at each index (torch.nn.functional.one_hot). */
    public static Tensor oneHot(Tensor indices, int numClasses) { return Indexing.oneHot(indices, numClasses); }

    // ---------------------------------------------------------------- convolution and pooling

    /**
     * 2-D convolution of input [N, C, H, W] with weight [O, C, KH, KW] and optional bias [O]
     * (torch.nn.functional.conv2d). stride, padding and dilation are {rows, cols}.
     */
    public Tensor conv2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation) {
        return Convolution.conv2d(this, weight, bias, pair("conv2d", "stride", stride), pair("conv2d", "padding", padding),
                pair("conv2d", "dilation", dilation));
    }

    /**
     * this·weightᵀ + bias, for this [..., in], weight [out, in] and bias [out] or null: the affine map of a
     * Linear layer, as one op (torch.nn.functional.linear).
     */
    public Tensor linear(Tensor weight, Tensor bias) {
        return MatMul.linear(this, weight, bias);
    }

    /**
     * relu(conv2d(...)) as one op, like PyTorch's fused ConvReLU2d: the same numbers, without storing the
     * pre-activation or making a pass of its own for the relu and its gradient. {@code nn.Sequential}
     * runs a Conv2d followed by a ReLU this way.
     */
    public Tensor conv2dRelu(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation) {
        return Convolution.conv2dRelu(this, weight, bias, pair("conv2d", "stride", stride), pair("conv2d", "padding", padding),
                pair("conv2d", "dilation", dilation));
    }

    public Tensor conv2d(Tensor weight, Tensor bias, int stride, int padding) {
        return conv2d(weight, bias, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {1, 1});
    }

    public Tensor conv2d(Tensor weight) {
        return conv2d(weight, null, 1, 0);
    }

    /** Max over kernel×kernel windows of [N, C, H, W] (torch.nn.functional.max_pool2d). */
    public Tensor maxPool2d(int[] kernel, int[] stride, int[] padding) {
        return Pooling.maxPool2d(this, pair("maxPool2d", "kernel", kernel), pair("maxPool2d", "stride", stride), pair("maxPool2d", "padding", padding));
    }

    /** Max pooling with a square window and stride equal to the window (the usual 2×2, stride 2). */
    public Tensor maxPool2d(int kernel) {
        return maxPool2d(new int[] {kernel, kernel}, new int[] {kernel, kernel}, new int[] {0, 0});
    }

    /** Average over windows of [N, C, H, W] (torch.nn.functional.avg_pool2d; padding counts as zeros). */
    public Tensor avgPool2d(int[] kernel, int[] stride, int[] padding) {
        return Pooling.avgPool2d(this, pair("avgPool2d", "kernel", kernel), pair("avgPool2d", "stride", stride), pair("avgPool2d", "padding", padding));
    }

    public Tensor avgPool2d(int kernel) {
        return avgPool2d(new int[] {kernel, kernel}, new int[] {kernel, kernel}, new int[] {0, 0});
    }

    private static int[] pair(String op, String what, int[] v) {
        if (v.length == 1) return new int[] {v[0], v[0]};
        if (v.length != 2) throw new IllegalArgumentException(op + ": " + what + " needs 1 or 2 values, got " + Arrays.toString(v));
        return v;
    }

    // ---------------------------------------------------------------- in place (optimizers, running statistics)

    /**
     * this += alpha · other, in place. Like PyTorch's {@code add_}: for parameter updates inside
     * {@link Lectern#noGrad()} or on tensors that record no gradient.
     */
    public Tensor add_(Tensor other, float alpha) {
        if (inPlaceOver(other)) { // an optimizer's update: no temporaries (same arithmetic, add of the product)
            checkAssignable("add_");
            float[] x = other.data;
            for (int i = 0, n = Shapes.numel(shape), o = other.offset; i < n; i++) {
                data[offset + i] = data[offset + i] + x[o + i] * alpha;
            }
            return this;
        }
        return assign("add_", add(other.mul(alpha)));
    }

    public Tensor add_(Tensor other) {
        if (inPlaceOver(other)) {
            checkAssignable("add_");
            float[] x = other.data;
            for (int i = 0, n = Shapes.numel(shape), o = other.offset; i < n; i++) data[offset + i] = data[offset + i] + x[o + i];
            return this;
        }
        return assign("add_", add(other));
    }

    public Tensor mul_(float factor) {
        if (inPlaceOver(this)) {
            checkAssignable("mul_");
            for (int i = 0, n = Shapes.numel(shape); i < n; i++) data[offset + i] = data[offset + i] * factor;
            return this;
        }
        return assign("mul_", mul(factor));
    }

    /** Both contiguous and of one shape, so that an in-place op is one loop over the two runs of floats. */
    private boolean inPlaceOver(Tensor other) {
        return Arrays.equals(shape, other.shape) && isContiguous() && other.isContiguous();
    }

    /** this += value · a · b (Adam's second moment). */
    public Tensor addcmul_(Tensor a, Tensor b, float value) {
        return assign("addcmul_", add(a.mul(b).mul(value)));
    }

    /** this += value · a / b (Adam's step). */
    public Tensor addcdiv_(Tensor a, Tensor b, float value) {
        return assign("addcdiv_", add(a.div(b).mul(value)));
    }

    /** Copies src's values (broadcast to this shape) into this tensor. */
    public Tensor copy_(Tensor src) {
        return assign("copy_", src.expand(shape).contiguous());
    }

    public Tensor zero_() {
        return assign("zero_", zerosLike(this));
    }

    public Tensor fill_(float value) {
        return assign("fill_", full(value, shape));
    }

    private Tensor assign(String op, Tensor value) {
        checkAssignable(op);
        if (!Arrays.equals(value.shape, shape)) {
            throw new IllegalArgumentException(op + ": result of shape " + Shapes.str(value.shape) + " does not fit this tensor of shape " + Shapes.str(shape));
        }
        Strided.copyInto(this, value);
        return this;
    }

    private void checkAssignable(String op) {
        if (requiresGrad && Lectern.isGradEnabled()) {
            throw new IllegalStateException(op + ": in-place change of a tensor that requires grad; wrap the update in"
                    + " try (var s = Lectern.noGrad()) { ... } as optimizers do");
        }
        if (node != null) throw new IllegalStateException(op + ": in-place change of a tensor made by " + node.op + " would corrupt its graph");
    }

    // ---------------------------------------------------------------- comparisons of whole tensors

    /** True when shapes match and |a - b| ≤ atol + rtol·|b| everywhere (torch.allclose). */
    public boolean allclose(Tensor other, float rtol, float atol) {
        if (!Arrays.equals(shape, other.shape)) return false;
        float[] a = toArray(), b = other.toArray();
        for (int i = 0; i < a.length; i++) {
            if (Float.isNaN(a[i]) || Float.isNaN(b[i]) || Math.abs(a[i] - b[i]) > atol + rtol * Math.abs(b[i])) return false;
        }
        return true;
    }

    public boolean allclose(Tensor other) {
        return allclose(other, 1e-5f, 1e-8f);
    }

    /** Prints like PyTorch: the values (elided when large) and the shape. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
