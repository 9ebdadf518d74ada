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
 * <p><b>Threads.</b> The tasks are the row blocks of C: a multiple of the thread count of them, of nearly
 * equal height, handed out by the pool as threads come free (so a core slowed by another process simply does
 * fewer). Each task packs its own A block; all share one packed B block. The next B block is packed by the
 * same tasks into a second buffer while they multiply with the current one, so one fork/join per block is
 * the only synchronization. When there are fewer row blocks
 * than threads (short, wide products) the B slivers are split between tasks as well.
 */
public final class Gemm {
    /** Products with m·n·k up to this take the direct loop: packing would cost more than it saves. */
    static final long SMALL = 32L * 32 * 32;

    /**
     * Greatest depth of a block (depths are split evenly: k = 768 gives two blocks of 384). Each tile of C
     * is loaded and stored once per depth block, and those accesses often miss the caches, so a deep block
     * amortizes them over more FMAs (2·MR·NR·KC flops per tile). The slivers grow with it: an A sliver is
     * MR·KC floats (12 KiB) and a B sliver KC·NR floats (128 KiB), which the kernel still streams from L2 at
     * full speed. Measured here (1 thread, best of runs, n = 512 / 1024): KC = 512 gave 104 / 101 GFLOP/s,
     * 384 gave 106 / 98, 256 gave 100 / 95.
     */
    static final int KC = 512;
    /**
     * Rows in an A block, and so in a task: MC·KC floats (96 KiB) stay in L2 beside the B sliver. Anything
     * from 48 to 192 measured the same within noise here (≈ 100 GFLOP/s, 1 thread, n = 512..2048); the
     * smaller blocks give the pool more tasks to balance between threads.
     */
    static final int MC = 48;
    /** Columns in a B block: KC·NC floats (2 MiB) are shared by the threads through L3. */
    static final int NC = 1024;

    /**
     * Least m·n·k worth a thread: 2^20 multiply-adds take ≈ 20 µs on one core, and handing work to the
     * pool's already spinning workers costs about a microsecond (see {@link WorkerPool}). Measured here
     * with a second thread: 128³ 86 → 103 GFLOP/s, 512³ 91 → 177. (With a ForkJoinPool, whose wake-ups
     * cost tens of microseconds, the threshold had to be 2^24.)
     */
    static final long WORK_PER_THREAD = 1L << 20;

    private static final GemmKernel KERNEL =
            Simd.load(GemmKernel.class, "org.lectern.kernels.VectorGemmKernel", new ScalarGemmKernel());

    private Gemm() {}

    public static void sgemm(int m, int n, int k,
                             float[] a, int aOff, int aRowStride, int aColStride,
                             float[] b, int bOff, int bRowStride, int bColStride,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        long work = (long) m * n * k;
        int threads = (int) Math.max(1, Math.min(Parallel.threads(), work / WORK_PER_THREAD));
        sgemm(KERNEL, threads, m, n, k, a, aOff, aRowStride, aColStride,
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
        if (threads == 1 && bColStride == 1 && (long) m * k <= DIRECT_B_A && (long) k * n <= DIRECT_B_B) {
            directB(kernel, m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, c, cOff, ldc, accumulate);
            return;
        }
        new Blocked(kernel, threads, m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride,
                c, cOff, ldc, accumulate).run();
    }

    /** Rows and columns of the micro-kernel's tile in use (callers of {@link #sgemmAt} size C by them). */
    public static int mr() {
        return KERNEL.mr();
    }

    public static int nr() {
        return KERNEL.nr();
    }

    /** A [m × k] packed whole into slivers of {@link #mr()} rows for {@link #sgemmAt}: packed once, used by
     * many products (a convolution's weights, for every group of images). */
    public static float[] packA(int m, int k, float[] a, int aOff, int aRs, int aCs) {
        return packA(KERNEL, m, k, a, aOff, aRs, aCs);
    }

    static float[] packA(GemmKernel kernel, int m, int k, float[] a, int aOff, int aRs, int aCs) {
        float[] ap = new float[roundUp(m, kernel.mr()) * k];
        packA(a, aOff, aRs, aCs, 0, m, 0, k, kernel.mr(), ap);
        return ap;
    }

    /**
     * C = A·B where A was packed by {@link #packA(int, int, float[], int, int, int)} and row p of B is the
     * n floats at {@code b[bOff + bRows[p]]}: the implicit GEMM of a stride-1 convolution, whose B rows
     * (one per kernel tap) are shifted views of one padded image (see {@link DirectConv}). Nothing of B is
     * copied. Whole tiles only, so that the loop has no edge cases: C must have room for roundUp(m, MR) rows
     * of roundUp(n, NR) columns, and every row of B is read that far (the caller pads with slack).
     */
    public static void sgemmAt(int m, int n, int k, float[] ap, float[] b, int bOff, int[] bRows,
                               float[] c, int cOff, int ldc) {
        sgemmAt(KERNEL, m, n, k, ap, b, bOff, bRows, c, cOff, ldc);
    }

    static void sgemmAt(GemmKernel kernel, int m, int n, int k, float[] ap, float[] b, int bOff, int[] bRows,
                        float[] c, int cOff, int ldc) {
        int mr = kernel.mr(), nr = kernel.nr();
        // one B sliver (k rows of NR) is reused by every row tile while it is in L1/L2
        for (int j = 0; j < n; j += nr) {
            for (int i = 0; i < m; i += mr) {
                kernel.multiplyAt(k, ap, i * k, b, bOff + j, bRows, 0, c, cOff + i * ldc + j, ldc, false);
            }
        }
    }

    /**
     * C[cRows[i] + j] += (A·B)[i][j] for A packed by {@link #packA(int, int, float[], int, int, int)} (m × k)
     * and a row-major B (k × n, read in place): each row of the product is added to C at its own offset,
     * and the rows may overlap. This is the adjoint of {@link #sgemmAt}: a stride-1 convolution's input
     * gradient, every kernel tap's share added onto the padded image at that tap's shift. Whole slivers
     * along n: B is read, and C written, up to roundUp(n, NR) past each row's start (the caller keeps zeros
     * in B there).
     */
    public static void sgemmAddTo(int m, int n, int k, float[] ap, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int[] cRows) {
        sgemmAddTo(KERNEL, m, n, k, ap, b, bOff, ldb, c, cOff, cRows);
    }

    static void sgemmAddTo(GemmKernel kernel, int m, int n, int k, float[] ap, float[] b, int bOff, int ldb,
                           float[] c, int cOff, int[] cRows) {
        // The product is made a block of ADD_TO_BLOCK columns at a time by the plain kernel into a dense
        // scratch block, whose rows are then added to C one after another (they may overlap). With depths
        // as small as a convolution's output channels (16 for LeNet), adding each 6×64 tile's rows as it
        // was made cost as much as the multiplication: two short axpy calls per tile row. A kernel that
        // added its registers straight into C lost C2's inlining budget at its last rows, whose stores then
        // ran in the Vector API's Java fallback. Measured here, m = 150, k = 16, n = 8960 (LeNet's second
        // convolution, one thread): tile by tile 653 µs, by blocks of 256 columns 575 (128: 627, 1024: 587);
        // the plain product into a dense C takes 370-390. The rest is adding rows at unaligned shifts.
        int mr = kernel.mr(), nr = kernel.nr(), width = roundUp(Math.min(ADD_TO_BLOCK, Math.max(n, 1)), nr);
        Workspace ws = WORKSPACE.get();
        float[] part = ws.part = Workspace.atLeast(ws.part, roundUp(m, mr) * width);
        FloatKernels add = Kernels.floats();
        for (int j = 0; j < n; j += width) {
            int w = Math.min(width, roundUp(n - j, nr));
            for (int i = 0; i < m; i += mr) {
                for (int jj = 0; jj < w; jj += nr) kernel.multiply(k, ap, i * k, b, bOff + j + jj, ldb, part, i * width + jj, width, false);
            }
            for (int r = 0; r < m; r++) add.axpy(1f, part, r * width, c, cOff + j + cRows[r], w);
        }
    }

    /** Columns per block of {@link #sgemmAddTo}: the block of the product, m × 256 floats, stays in L2. */
    static final int ADD_TO_BLOCK = 256;

    /** Largest A (floats) of the direct-B path: packed whole, it stays in L2 beside B. */
    static final int DIRECT_B_A = 1 << 16;
    /** Largest B (floats) of the direct-B path: read in place, it must stay in L2 (1 MiB here). */
    static final int DIRECT_B_B = 1 << 18;

    /**
     * The path for small products with a row-major B, such as those of a convolution (per image: 6 or 16
     * output channels × 25..150 taps · taps × positions): B is not packed at all. A whole B sliver of NR
     * columns is already kc rows of NR consecutive floats, only ldb apart instead of NR, and the
     * micro-kernel reads it in place; only the last, partial sliver is copied into a zero-padded buffer.
     * Packing B would cost as much as the multiplication here, since every B value is used by only
     * ⌈m / MR⌉ tiles. A is packed whole (all of its depth at once: no depth blocks, so each tile of C is
     * loaded and stored once).
     */
    static void directB(GemmKernel kernel, int m, int n, int k,
                        float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int ldb,
                        float[] c, int cOff, int ldc, boolean accumulate) {
        int mr = kernel.mr(), nr = kernel.nr();
        Workspace ws = WORKSPACE.get();
        float[] ap = ws.a = Workspace.atLeast(ws.a, roundUp(m, mr) * k);
        float[] edge = ws.edge = Workspace.atLeast(ws.edge, k * nr);
        float[] tile = ws.tile = Workspace.atLeast(ws.tile, mr * nr);
        packA(a, aOff, aRs, aCs, 0, m, 0, k, mr, ap);
        for (int j = 0; j < n; j += nr) {
            int nw = Math.min(nr, n - j);
            float[] bs = b;
            int bo = bOff + j, ld = ldb;
            if (nw < nr) { // the last, partial sliver: copied with zeros beyond the edge of B
                for (int p = 0; p < k; p++) {
                    System.arraycopy(b, bOff + p * ldb + j, edge, p * nr, nw);
                    java.util.Arrays.fill(edge, p * nr + nw, (p + 1) * nr, 0f);
                }
                bs = edge;
                bo = 0;
                ld = nr;
            }
            for (int i = 0; i < m; i += mr) {
                int mw = Math.min(mr, m - i), ci = cOff + i * ldc + j;
                if (mw == mr && nw == nr) {
                    kernel.multiply(k, ap, i * k, bs, bo, ld, c, ci, ldc, accumulate);
                } else {
                    kernel.multiply(k, ap, i * k, bs, bo, ld, tile, 0, nr, false);
                    addTile(tile, nr, mw, nw, c, ci, ldc, accumulate);
                }
            }
        }
    }

    /** The mw × nw corner of a scratch tile into C (added, or replacing what C holds). */
    static void addTile(float[] tile, int nr, int mw, int nw, float[] c, int ci, int ldc, boolean add) {
        for (int i = 0; i < mw; i++) {
            for (int jj = 0; jj < nw; jj++) {
                int at = ci + i * ldc + jj;
                c[at] = (add ? c[at] : 0f) + tile[i * nr + jj];
            }
        }
    }

    /**
     * Packs rows [i0, i0 + mc) × depth [pc, pc + kc) of A into slivers of mr rows:
     * {@code ap[sliver*mr*kc + p*mr + i]}, rows past the edge zero.
     */
    static void packA(float[] a, int aOff, int aRs, int aCs, int i0, int mc, int pc, int kc, int mr, float[] ap) {
        int base = aOff + i0 * aRs + pc * aCs;
        boolean alongRows = Math.abs(aCs) <= Math.abs(aRs); // read A in the direction it is contiguous
        for (int ir = 0; ir < mc; ir += mr) {
            int dst = ir * kc, rows = Math.min(mr, mc - ir);
            int src = base + ir * aRs;
            if (alongRows && aCs == 1) { // row-major A, the common case: a loop C2 can unroll cleanly
                for (int i = 0; i < rows; i++) {
                    int s = src + i * aRs;
                    for (int p = 0, d = dst + i; p < kc; p++, d += mr) ap[d] = a[s + p];
                }
            } else if (alongRows) {
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
        float[][] b = {new float[0], new float[0]};
        float[] tile = new float[0];
        /** A block of the product in {@link #sgemmAddTo}. */
        float[] part = new float[0];
        /** The last, partial B sliver of the direct-B path. */
        float[] edge = new float[0];
        /** The B buffers are in use by a call on this thread (a nested call must not share them). */
        boolean bBusy;

        static float[] atLeast(float[] buf, int size) {
            return buf.length >= size ? buf : new float[size];
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** One block of B: columns [jc, jc + nc) × depth [pc, pc + kc), packed into {@code packed}. */
    private record Block(int jc, int nc, int pc, int kc, float[] packed) {}

    /** One blocked product: the operands, how the work is split, and the loops over blocks. */
    private static final class Blocked {
        final GemmKernel kernel;
        final int mr, nr, threads;
        final int m, n, k;
        final float[] a, b, c;
        final int aOff, aRs, aCs, bOff, bRs, bCs, cOff, ldc;
        final boolean accumulate;

        /** A slivers in all of A, tasks along M (each a run of A slivers), tasks along the B slivers. */
        final int aSlivers, mTasks, nTasks;
        /** Depth of every block but the last, and the most rows a task has. */
        final int kcEven, maxTaskRows;

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
            // They are counted in A slivers and differ by one sliver at most.
            this.aSlivers = ceilDiv(m, mr);
            int blocks = ceilDiv(m, MC);
            if (threads > 1) blocks = ceilDiv(blocks, threads) * threads;
            this.mTasks = Math.min(blocks, aSlivers);
            this.maxTaskRows = ceilDiv(aSlivers, mTasks) * mr;
            // Too few rows to keep every thread busy: split the B slivers of each block too.
            this.nTasks = threads > 1 && mTasks < threads ? ceilDiv(threads, mTasks) : 1;
            this.kcEven = ceilDiv(k, ceilDiv(k, KC));
        }

        /** The block after {@code q} (depth first, then columns), or null after the last. */
        Block next(Block q, float[] into) {
            int jc = q == null ? 0 : q.pc + q.kc < k ? q.jc : q.jc + q.nc;
            int pc = q == null || q.pc + q.kc >= k ? 0 : q.pc + q.kc;
            if (jc >= n) return null;
            return new Block(jc, Math.min(NC, n - jc), pc, Math.min(kcEven, k - pc), into);
        }

        /**
         * The loops over blocks of B, with the packing pipelined: while the threads multiply with block q,
         * each also packs its share of block q+1 into the other buffer. One fork/join per block is then
         * the only synchronization.
         * The first block is packed by the calling thread alone before the first fork.
         */
        void run() {
            Workspace caller = WORKSPACE.get();
            boolean own = !caller.bBusy;
            int bSize = roundUp(Math.min(n, NC), nr) * kcEven;
            float[][] bufs = own ? caller.b : new float[2][0];
            for (int i = 0; i < 2; i++) bufs[i] = Workspace.atLeast(bufs[i], bSize);
            caller.bBusy = true;
            try {
                Block first = next(null, bufs[0]);
                packB(first, 0, 1); // on this thread: cheaper than a fork/join of its own
                int tasks = mTasks * nTasks;
                for (Block q = first; q != null; ) {
                    Block cur = q, nxt = next(q, q.packed == bufs[0] ? bufs[1] : bufs[0]);
                    forEach(tasks, t -> {
                        multiplyBlock(cur, t);
                        if (nxt != null) packB(nxt, t, tasks);
                    });
                    q = nxt;
                }
            } finally {
                if (own) caller.bBusy = false;
            }
        }

        /** Runs the tasks on the pool, or on this thread when the product is to use one thread. */
        void forEach(int tasks, java.util.function.IntConsumer task) {
            if (threads == 1) {
                for (int t = 0; t < tasks; t++) task.accept(t);
            } else {
                Parallel.forEach(tasks, task);
            }
        }

        /** Task t of block q: one row block of C times a share of the packed B slivers. */
        void multiplyBlock(Block q, int t) {
            int mt = t / nTasks;
            int i0 = mr * (aSlivers * mt / mTasks);
            int mc = Math.min(mr * (aSlivers * (mt + 1) / mTasks), m) - i0;
            int slivers = ceilDiv(q.nc, nr), part = t % nTasks;
            int from = slivers * part / nTasks, to = slivers * (part + 1) / nTasks;
            if (from == to) return;

            Workspace ws = WORKSPACE.get();
            float[] ap = ws.a = Workspace.atLeast(ws.a, maxTaskRows * kcEven);
            float[] tile = ws.tile = Workspace.atLeast(ws.tile, mr * nr);
            packA(q, i0, mc, ap);

            boolean add = accumulate || q.pc > 0; // later depth blocks add to what the first one wrote
            for (int s = from; s < to; s++) {           // one B sliver (kc × nr), kept in L2 ...
                for (int ir = 0; ir < mc; ir += mr) {   // ... times each A sliver (mr × kc) of the block
                    tile(q, ap, ir, i0, mc, s, add, tile);
                }
            }
        }

        /** Tile (rows i0 + ir, B sliver s) of C, through the scratch tile at the edges of C. */
        void tile(Block q, float[] ap, int ir, int i0, int mc, int s, boolean add, float[] tile) {
            int j = q.jc + s * nr, nw = Math.min(nr, n - j);
            int bp = s * nr * q.kc;
            int mw = Math.min(mr, mc - ir);
            int ci = cOff + (i0 + ir) * ldc + j;
            if (mw == mr && nw == nr) {
                kernel.multiply(q.kc, ap, ir * q.kc, q.packed, bp, nr, c, ci, ldc, add);
            } else { // edge of C: multiply a whole tile into scratch, keep the part inside C
                kernel.multiply(q.kc, ap, ir * q.kc, q.packed, bp, nr, tile, 0, nr, false);
                addTile(tile, nr, mw, nw, c, ci, ldc, add);
            }
        }

        /**
         * Packs rows [i0, i0 + mc) × the depth of block q of A into slivers of mr rows:
         * {@code ap[sliver*mr*kc + p*mr + i]}, rows past the edge zero.
         */
        void packA(Block q, int i0, int mc, float[] ap) {
            Gemm.packA(a, aOff, aRs, aCs, i0, mc, q.pc, q.kc, mr, ap);
        }

        /**
         * Packs share {@code part} of {@code parts} of the B slivers of block q: each sliver is kc rows of
         * nr columns, {@code packed[sliver*kc*nr + p*nr + j]}, columns past the edge zero.
         */
        void packB(Block q, int part, int parts) {
            int slivers = ceilDiv(q.nc, nr), kc = q.kc;
            float[] bp = q.packed;
            boolean alongRows = Math.abs(bCs) <= Math.abs(bRs);
            for (int s = slivers * part / parts, end = slivers * (part + 1) / parts; s < end; s++) {
                int j = q.jc + s * nr, cols = Math.min(nr, n - j);
                int dst = s * nr * kc, src = bOff + q.pc * bRs + j * bCs;
                if (alongRows) {
                    for (int p = 0; p < kc; p++) {
                        int sp = src + p * bRs, d = dst + p * nr;
                        if (bCs == 1) {
                            System.arraycopy(b, sp, bp, d, cols);
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

    public static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }
}
