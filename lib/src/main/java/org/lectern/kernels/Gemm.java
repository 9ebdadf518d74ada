package org.lectern.kernels;

/**
 * Single-precision matrix multiply: C = A·B (or C += A·B).
 *
 * <p>A is m×k and B is k×n, each given by an offset and a row and a column stride, so transposed and
 * sliced views multiply without copies; C is m×n, row-major with leading dimension ldc.
 *
 * <p><b>How.</b> Small products take a direct triple loop. Larger ones follow the layered scheme of
 * GotoBLAS/BLIS, which keeps every operand in the cache level where it is reused:
 * <pre>
 *   for each column block of C, NC wide                        (B block: KC × NC, in L3 and L2)
 *     for each depth block, KC deep:  pack B[KC × NC] into slivers of NR columns
 *       for each row block of C, at most MC high (in parallel):  pack A[MC × KC] into slivers of MR rows
 *         for each B sliver (KC × NR)                          (reused by every A sliver of the block)
 *           for each A sliver (MR × KC)
 *             micro-kernel: MR × NR tile of C += A sliver · B sliver, the tile held in registers
 * </pre>
 * Packing copies each block into the order the micro-kernel reads it, one contiguous run, which is also
 * where the strides of A and B are absorbed. Slivers at the edges are padded with zeros so that the
 * micro-kernel ({@link GemmKernel}) always multiplies whole tiles; edge tiles of C go through a scratch
 * tile. The micro-kernel is the Vector API one when the module is present, else its plain-Java twin.
 *
 * <p><b>Threads.</b> Each depth block, all threads pack their share of the B block (one copy, shared), then
 * split the row blocks of C between them, each packing its own A block. When there are fewer row blocks
 * than threads (short, wide products) the B slivers are split as well.
 */
public final class Gemm {
    /** Products with m·n·k up to this take the direct loop: packing would cost more than it saves. */
    static final long SMALL = 32L * 32 * 32;

    /**
     * Depth of a block. An A sliver is MR·KC floats (6 KiB) and a B sliver KC·NR floats (64 KiB): both
     * stream from L1/L2 at a rate the kernel hardly notices, while the 2·KC flops per loaded tile of C
     * make the writes of C to memory cheap. Deeper blocks stop paying back once the slivers leave L2.
     */
    static final int KC = 256;
    /** Rows in an A block: MC·KC floats (≈ 150 KiB) stay in the 1 MiB L2 beside the B sliver. */
    static final int MC = 144;
    /** Columns in a B block: KC·NC floats (2 MiB) are shared by the threads through L3. */
    static final int NC = 2048;

    private static final GemmKernel KERNEL =
            Simd.load(GemmKernel.class, "org.lectern.kernels.VectorGemmKernel", new ScalarGemmKernel());

    private Gemm() {}

    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRowStride, int aColStride,
                             float[] b, int bOff, int bRowStride, int bColStride,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        sgemm(KERNEL, Parallel.threads(), m, n, k, a, aOff, aRowStride, aColStride,
                b, bOff, bRowStride, bColStride, c, cOff, ldc, accumulate);
    }

    /** The same, with the micro-kernel and the thread count given (tests run both twins). */
    static void sgemm(GemmKernel kernel, int threads, int m, int n, int k,
                      float[] a, int aOff, int aRowStride, int aColStride,
                      float[] b, int bOff, int bRowStride, int bColStride,
                      float[] c, int cOff, int ldc, boolean accumulate) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: negative size " + m + "×" + k + " · " + k + "×" + n);
        }
        if (m == 0 || n == 0) return;
        if (k == 0) { // an empty sum: C = 0, or C unchanged
            if (!accumulate) {
                for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
            return;
        }
        if ((long) m * n * k <= SMALL) {
            direct(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride, c, cOff, ldc,
                    accumulate);
            return;
        }
        new Blocked(kernel, threads, m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
                c, cOff, ldc, accumulate).run();
    }

    /**
     * The small-product path: for each row of C, add up rows of B scaled by the entries of A. With unit
     * column strides the inner loop is an axpy over contiguous floats, which C2 compiles to SIMD code.
     */
    static void direct(int m, int n, int k,
                       float[] a, int aOff, int aRowStride, int aColStride,
                       float[] b, int bOff, int bRowStride, int bColStride,
                       float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc, ai = aOff + i * aRowStride;
            if (!accumulate) java.util.Arrays.fill(c, ci, ci + n, 0f);
            for (int p = 0; p < k; p++) {
                float aip = a[ai + p * aColStride];
                int bp = bOff + p * bRowStride;
                if (bColStride == 1) {
                    for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
                } else {
                    for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j * bColStride];
                }
            }
        }
    }

    /** Per-thread packing buffers, grown once and then reused by every call on that thread. */
    private static final class Workspace {
        float[] a = new float[0];
        float[] b = new float[0];
        float[] tile = new float[0];
        /** The B buffer is in use by a call on this thread (a nested call must not share it). */
        boolean bBusy;

        static float[] atLeast(float[] buf, int size) {
            return buf.length >= size ? buf : new float[size];
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** One blocked product: the operands, the block sizes and the loops over blocks. */
    private static final class Blocked {
        final GemmKernel kernel;
        final int mr, nr, threads;
        final int m, n, k;
        final float[] a, b, c;
        final int aOff, aRs, aCs, bOff, bRs, bCs, cOff, ldc;
        final boolean accumulate;

        /** Rows of C per task (a multiple of MR) and the tasks along M and along the B slivers. */
        final int rowsPerTask, mTasks, nTasks;

        // the current block: columns [jc, jc + nc), depth [pc, pc + kc), packed into bPacked
        int jc, nc, pc, kc;
        float[] bPacked;

        Blocked(GemmKernel kernel, int threads, int m, int n, int k,
                float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
                float[] c, int cOff, int ldc, boolean accumulate) {
            this.kernel = kernel;
            this.mr = kernel.mr();
            this.nr = kernel.nr();
            this.threads = threads;
            this.m = m; this.n = n; this.k = k;
            this.a = a; this.aOff = aOff; this.aRs = aRs; this.aCs = aCs;
            this.b = b; this.bOff = bOff; this.bRs = bRs; this.bCs = bCs;
            this.c = c; this.cOff = cOff; this.ldc = ldc;
            this.accumulate = accumulate;

            // Row blocks of at most MC rows; with several threads, a multiple of the thread count of them,
            // all of nearly the same height so that no thread waits for another at the end of a block.
            int blocks = ceilDiv(m, MC);
            if (threads > 1) blocks = ceilDiv(blocks, threads) * threads;
            int rows = roundUp(ceilDiv(m, blocks), mr);
            this.rowsPerTask = rows;
            this.mTasks = ceilDiv(m, rows);
            // Too few rows to keep every thread busy: split the B slivers of each block too.
            this.nTasks = threads > 1 && mTasks < threads ? ceilDiv(threads, mTasks) : 1;
        }

        void run() {
            Workspace caller = WORKSPACE.get();
            boolean own = !caller.bBusy;
            int bSize = roundUp(Math.min(n, NC), nr) * Math.min(k, KC);
            float[] bBuf = own ? (caller.b = Workspace.atLeast(caller.b, bSize)) : new float[bSize];
            caller.bBusy |= own;
            try {
                bPacked = bBuf;
                for (jc = 0; jc < n; jc += NC) {
                    nc = Math.min(NC, n - jc);
                    for (pc = 0; pc < k; pc += KC) {
                        kc = Math.min(KC, k - pc);
                        int slivers = ceilDiv(nc, nr);
                        int packers = Math.min(threads, slivers);
                        Parallel.forEach(packers, t -> packB(slivers * t / packers, slivers * (t + 1) / packers));
                        Parallel.forEach(mTasks * nTasks, this::multiplyBlock);
                    }
                }
            } finally {
                if (own) caller.bBusy = false;
            }
        }

        /** Task t of the current block: one row block of C times a share of the packed B slivers. */
        void multiplyBlock(int t) {
            int i0 = (t / nTasks) * rowsPerTask;
            int mc = Math.min(rowsPerTask, m - i0);
            int slivers = ceilDiv(nc, nr), part = t % nTasks;
            int from = slivers * part / nTasks, to = slivers * (part + 1) / nTasks;
            if (from == to) return;

            Workspace ws = WORKSPACE.get();
            float[] ap = ws.a = Workspace.atLeast(ws.a, roundUp(rowsPerTask, mr) * KC);
            float[] tile = ws.tile = Workspace.atLeast(ws.tile, mr * nr);
            packA(i0, mc, ap);

            boolean add = accumulate || pc > 0; // later depth blocks add to what the first one wrote
            for (int s = from; s < to; s++) {       // one B sliver (kc × nr) ...
                int j = jc + s * nr, nw = Math.min(nr, n - j);
                int bp = s * nr * kc;
                for (int ir = 0; ir < mc; ir += mr) { // ... against every A sliver (mr × kc) of the block
                    int mw = Math.min(mr, mc - ir);
                    int ci = cOff + (i0 + ir) * ldc + j;
                    if (mw == mr && nw == nr) {
                        kernel.multiply(kc, ap, ir * kc, bPacked, bp, c, ci, ldc, add);
                    } else { // edge of C: multiply a whole tile into scratch, keep the part inside C
                        kernel.multiply(kc, ap, ir * kc, bPacked, bp, tile, 0, nr, false);
                        for (int i = 0; i < mw; i++) {
                            for (int jj = 0; jj < nw; jj++) {
                                int at = ci + i * ldc + jj;
                                c[at] = (add ? c[at] : 0f) + tile[i * nr + jj];
                            }
                        }
                    }
                }
            }
        }

        /**
         * Packs rows [i0, i0 + mc) × depth [pc, pc + kc) of A into slivers of mr rows:
         * {@code ap[sliver*mr*kc + p*mr + i]}, rows past the edge zero.
         */
        void packA(int i0, int mc, float[] ap) {
            int base = aOff + i0 * aRs + pc * aCs;
            boolean alongRows = Math.abs(aCs) <= Math.abs(aRs); // read A in the direction it is contiguous
            for (int ir = 0; ir < mc; ir += mr) {
                int dst = ir * kc, rows = Math.min(mr, mc - ir);
                int src = base + ir * aRs;
                if (alongRows) {
                    for (int i = 0; i < rows; i++) {
                        int s = src + i * aRs;
                        for (int p = 0; p < kc; p++) ap[dst + p * mr + i] = a[s + p * aCs];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        int s = src + p * aCs, d = dst + p * mr;
                        for (int i = 0; i < rows; i++) ap[d + i] = a[s + i * aRs];
                    }
                }
                for (int i = rows; i < mr; i++) {
                    for (int p = 0; p < kc; p++) ap[dst + p * mr + i] = 0f;
                }
            }
        }

        /**
         * Packs B slivers [from, to) of the current block: depth [pc, pc + kc) × nr columns each, as
         * {@code bPacked[sliver*kc*nr + p*nr + j]}, columns past the edge zero.
         */
        void packB(int from, int to) {
            float[] bp = bPacked;
            boolean alongRows = Math.abs(bCs) <= Math.abs(bRs);
            for (int s = from; s < to; s++) {
                int j = jc + s * nr, cols = Math.min(nr, n - j);
                int dst = s * nr * kc, src = bOff + pc * bRs + j * bCs;
                if (alongRows) {
                    for (int p = 0; p < kc; p++) {
                        int sp = src + p * bRs, d = dst + p * nr;
                        if (bCs == 1) {
                            for (int jj = 0; jj < cols; jj++) bp[d + jj] = b[sp + jj];
                        } else {
                            for (int jj = 0; jj < cols; jj++) bp[d + jj] = b[sp + jj * bCs];
                        }
                        for (int jj = cols; jj < nr; jj++) bp[d + jj] = 0f;
                    }
                } else {
                    for (int jj = 0; jj < cols; jj++) {
                        int sj = src + jj * bCs;
                        for (int p = 0; p < kc; p++) bp[dst + p * nr + jj] = b[sj + p * bRs];
                    }
                    for (int jj = cols; jj < nr; jj++) {
                        for (int p = 0; p < kc; p++) bp[dst + p * nr + jj] = 0f;
                    }
                }
            }
        }
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }
}
