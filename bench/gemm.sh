#!/usr/bin/env bash
# Lectern sgemm against OpenBLAS (numpy float32 a @ b), square n×n, 1 and 2 threads, in one run.
#
#   bench/gemm.sh                      # all sizes: 128 256 384 512 768 1024 1536 2048
#   SIZES=256,512 SAMPLES=5 bench/gemm.sh
#
# Prints a Markdown table of GFLOP/s (2·n³ / time) and the ratio Lectern / OpenBLAS. Each number is the
# median over ROUNDS rounds of the median of SAMPLES samples of about SAMPLE_MS ms (after warm-up); the
# rounds alternate Lectern and OpenBLAS so that a burst of load on this shared machine hits both alike.
# Each side runs in its own process per thread count (OPENBLAS_NUM_THREADS must be set before numpy loads). Needs Debian's
# python3-numpy and libopenblas0 (apt-get install python3-numpy libopenblas0-pthread): without the
# latter, numpy falls back to the reference BLAS and the ratios are meaningless (the script checks).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-128,256,384,512,768,1024,1536,2048}
THREADS=${THREADS:-1,2}
SAMPLES=${SAMPLES:-7}
ROUNDS=${ROUNDS:-3}
SAMPLE_MS=${SAMPLE_MS:-40}
PY=${PY:-/usr/bin/python3}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

# the peer: Debian's numpy on OpenBLAS (installed here when missing, as the launcher does for its packages)
for pkg in python3-numpy libopenblas0-pthread; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        echo "# installing $pkg" >&2
        $( [ "$(id -u)" -eq 0 ] || echo sudo ) apt-get install -y -qq "$pkg" >&2
    fi
done

mvn -q -pl lib test-compile >&2
CP=lib/target/classes:lib/target/test-classes

if ! "$PY" - <<'PYEOF' >&2
import os, subprocess, sys
import numpy as np
ldd = subprocess.run(["ldd", np.core._multiarray_umath.__file__], capture_output=True, text=True).stdout
libs = [os.path.realpath(l.split("=>")[1].split()[0]) for l in ldd.splitlines() if "blas" in l and "=>" in l]
print("# numpy", np.__version__, "BLAS:", " ".join(libs), file=sys.stderr)
sys.exit(0 if any("openblas" in lib for lib in libs) else 1)
PYEOF
then
    echo "numpy is not using OpenBLAS (install libopenblas0-pthread); stopping." >&2
    exit 1
fi

results=$(mktemp)
trap 'rm -f "$results"' EXIT
IFS=, read -ra tlist <<< "$THREADS"
for round in $(seq "$ROUNDS"); do
    echo "# round $round of $ROUNDS" >&2
    for t in "${tlist[@]}"; do
        "$JAVA" --add-modules jdk.incubator.vector -cp "$CP" org.lectern.bench.GemmBench \
            threads="$t" sizes="$SIZES" samples="$SAMPLES" sampleMillis="$SAMPLE_MS" 2> >(grep -v WARNING >&2) \
            | sed 's/^/lectern /' >> "$results"
        OPENBLAS_NUM_THREADS=$t "$PY" bench/openblas_gemm.py "$t" "$SIZES" "$SAMPLES" "$SAMPLE_MS" \
            | sed 's/^/openblas /' >> "$results"
    done
done

sort -k1,1 -k2,2n -k3,3n -k4,4g "$results" | awk -v threads="$THREADS" -v sizes="$SIZES" '
    { key = $1 SUBSEP $2 SUBSEP $3; v[key, ++cnt[key]] = $4 }   # sorted, so v[key, 1..cnt] ascending
    function median(key,   c) { c = cnt[key]; return c ? (v[key, int((c + 1) / 2)] + v[key, int(c / 2) + 1]) / 2 : 0 }
    END {
        nt = split(threads, T, ","); ns = split(sizes, N, ",")
        printf "| n |"; for (i = 1; i <= nt; i++) printf " Lectern %st | OpenBLAS %st | ratio %st |", T[i], T[i], T[i]; print ""
        printf "|---:|"; for (i = 1; i <= nt; i++) printf "---:|---:|---:|"; print ""
        for (s = 1; s <= ns; s++) {
            printf "| %d |", N[s]
            for (i = 1; i <= nt; i++) {
                l = median("lectern" SUBSEP N[s] SUBSEP T[i]); o = median("openblas" SUBSEP N[s] SUBSEP T[i])
                printf " %.1f | %.1f | %.2f |", l, o, (o > 0 ? l / o : 0)
            }
            print ""
        }
        print ""; print "GFLOP/s, float32 n×n·n×n; median of rounds of median samples; ratio = Lectern / OpenBLAS."
    }'
