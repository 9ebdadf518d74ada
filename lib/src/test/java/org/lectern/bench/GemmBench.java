package org.lectern.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.lectern.kernels.Gemm;
import org.lectern.kernels.Parallel;
import org.lectern.kernels.Simd;

/**
 * Times square float32 C = A·B with {@link Gemm#sgemm} and prints {@code n threads GFLOP/s} lines (the median
 * of several samples after warm-up). Driven by {@code bench/gemm.sh}, which puts OpenBLAS beside it.
 *
 * <p>Arguments: {@code threads=1,2 sizes=128,256,... samples=9 sampleMillis=40}.
 */
public final class GemmBench {
    /** -Dbench.best=true reports the best sample instead of the median (for tuning on a busy machine). */
    private static final boolean BEST = Boolean.getBoolean("bench.best");

    private GemmBench() {}

    public static void main(String[] args) {
        int[] threads = {1, 2};
        int[] sizes = {128, 256, 384, 512, 768, 1024, 1536, 2048};
        int samples = 9;
        long sampleNanos = 40_000_000L;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "threads": threads = ints(kv[1]); break;
                case "sizes": sizes = ints(kv[1]); break;
                case "samples": samples = Integer.parseInt(kv[1]); break;
                case "sampleMillis": sampleNanos = Long.parseLong(kv[1]) * 1_000_000L; break;
                default: throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        System.err.println("# " + Simd.description() + ", " + Runtime.version());
        // Global warm-up: the micro-kernel is one large method, and until C2 has compiled it (which takes a
        // few seconds on a busy two-core machine) the Vector API runs boxed and ~100× slower.
        Parallel.setThreads(threads[0]);
        gflops(256, 1, 3_000_000_000L);
        for (int t : threads) {
            Parallel.setThreads(t);
            for (int n : sizes) {
                System.out.printf("%d %d %.1f%n", n, t, gflops(n, samples, sampleNanos));
                System.out.flush();
            }
        }
    }

    /** Median GFLOP/s of n×n·n×n over {@code samples} samples of at least {@code sampleNanos} each. */
    static double gflops(int n, int samples, long sampleNanos) {
        SplittableRandom rnd = new SplittableRandom(n);
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextDouble();
            b[i] = (float) rnd.nextDouble();
        }
        Runnable mm = () -> Gemm.sgemm(n, n, n, a, 0, n, 1, b, 0, n, 1, c, 0, n, false);
        // Warm-up for this size (half a second of work, at least 5 calls).
        long end = System.nanoTime() + 500_000_000L;
        for (int i = 0; i < 5 || System.nanoTime() < end; i++) mm.run();
        // Calls per sample so that each sample lasts about sampleNanos.
        long t0 = System.nanoTime();
        mm.run();
        int reps = (int) Math.max(1, sampleNanos / Math.max(1, System.nanoTime() - t0));
        double[] rates = new double[samples];
        for (int s = 0; s < samples; s++) {
            long start = System.nanoTime();
            for (int r = 0; r < reps; r++) mm.run();
            rates[s] = 2.0 * n * n * n * reps / (System.nanoTime() - start);
        }
        Arrays.sort(rates);
        return BEST ? rates[samples - 1] : rates[samples / 2];
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
