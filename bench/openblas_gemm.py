"""Times square float32 a @ b with numpy (OpenBLAS) and prints `n threads GFLOP/s` lines, medians of samples.

Run by bench/gemm.sh once per thread count with OPENBLAS_NUM_THREADS set, so the pool size is fixed
before numpy loads. Arguments: threads sizes(csv) samples sampleMillis.
"""
import sys
import time

import numpy as np


def gflops(n, samples, sample_s):
    rng = np.random.default_rng(n)
    a = rng.random((n, n), dtype=np.float32)
    b = rng.random((n, n), dtype=np.float32)
    c = np.empty((n, n), dtype=np.float32)
    end = time.perf_counter() + 1.0  # warm-up: a second of work, at least 5 calls
    i = 0
    while i < 5 or time.perf_counter() < end:
        np.matmul(a, b, out=c)
        i += 1
    t0 = time.perf_counter()
    np.matmul(a, b, out=c)
    reps = max(1, int(sample_s / max(1e-9, time.perf_counter() - t0)))
    rates = []
    for _ in range(samples):
        start = time.perf_counter()
        for _ in range(reps):
            np.matmul(a, b, out=c)
        rates.append(2.0 * n**3 * reps / (time.perf_counter() - start) / 1e9)
    rates.sort()
    return rates[samples // 2]


def main():
    threads, sizes, samples, sample_ms = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    for n in map(int, sizes.split(",")):
        print(f"{n} {threads} {gflops(n, samples, sample_ms / 1000):.1f}", flush=True)


if __name__ == "__main__":
    main()
