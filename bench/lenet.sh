#!/usr/bin/env bash
# LeNet-5 training on Fashion-MNIST, Lectern against PyTorch (Debian's python3-torch), in one run.
#
#   bench/lenet.sh                                  # steps on 1 and 2 threads, one epoch on 2 threads
#   STEPS=500 ROUNDS=3 EPOCH_THREADS=1 bench/lenet.sh
#   EPOCH_THREADS=0 bench/lenet.sh                  # steps only
#   JAVA_OPTS="-Xmx640m" bench/lenet.sh             # JVM flags for the Lectern side (default: the Jupyter
#                                                   # kernel's own, KernelSpecInstaller.jvmFlags, so that the
#                                                   # numbers are what a notebook gets)
#
# Both sides train the same model (conv 1→6 5×5 pad 2, relu, maxpool 2, conv 6→16 5×5, relu, maxpool 2,
# linear 400→120→84→10 with relu), CrossEntropyLoss, SGD(lr 0.05, momentum 0.9), batch 64 of 1×28×28,
# on the real Fashion-MNIST images (Debian package dataset-fashion-mnist), normalised alike.
#   - step: median ms of STEPS training steps (forward, loss, zero grad, backward, SGD step) after WARMUP
#     steps, cycling through 64 shuffled batches; on 1 and on 2 threads (Lectern.threads(n) /
#     torch.set_num_threads(n)).
#   - epoch: seconds for one shuffled epoch of the 60,000 training images (938 batches), loss read every batch.
#   - peak RSS: VmHWM of each process at its end (both load the whole training set as float32).
# The sides run one after the other, ROUNDS times alternating, and the table shows the median of the
# rounds: this machine is shared, so a burst of load should hit both alike. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=${THREADS:-1,2}
STEPS=${STEPS:-300}
WARMUP=${WARMUP:-200}
ROUNDS=${ROUNDS:-1}
EPOCH_THREADS=${EPOCH_THREADS:-2}
PY=${PY:-/usr/bin/python3}
# the kernelspec's JVM flags (kernel-ext KernelSpecInstaller.jvmFlags) but for the kernel-only ones
JAVA_OPTS=${JAVA_OPTS:--XX:MaxRAMPercentage=60 -Xss16m}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

for pkg in python3-torch dataset-fashion-mnist; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        echo "# installing $pkg" >&2
        $( [ "$(id -u)" -eq 0 ] || echo sudo ) apt-get install -y -qq "$pkg" >&2
    fi
done

mvn -q -pl lib test-compile >&2
CP=lib/target/classes:lib/target/test-classes
ARGS=(threads="$THREADS" steps="$STEPS" warmup="$WARMUP" epoch="$EPOCH_THREADS")

results=$(mktemp)
trap 'rm -f "$results"' EXIT
for round in $(seq "$ROUNDS"); do
    echo "# round $round of $ROUNDS" >&2
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
    "$JAVA" --add-modules jdk.incubator.vector $JAVA_OPTS -cp "$CP" org.lectern.bench.LenetBench "${ARGS[@]}" \
        2> >(grep -v WARNING >&2) | sed 's/^/lectern /' | tee -a "$results" >&2
    "$PY" bench/lenet_torch.py "${ARGS[@]}" | sed 's/^/pytorch /' | tee -a "$results" >&2
done

echo "# JVM flags: ${JAVA_OPTS:-(none)}; load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# lines: SIDE step THREADS MS | SIDE epoch THREADS S | SIDE rss KB
sort -k1,1 -k2,2 -k3,3n -k4,4g "$results" | awk -v threads="$THREADS" -v et="$EPOCH_THREADS" '
    $2 == "rss" { key = $1 SUBSEP "rss"; v[key, ++cnt[key]] = $3; next }
    { key = $1 SUBSEP $2 SUBSEP $3; v[key, ++cnt[key]] = $4 }
    function median(key,   c) { c = cnt[key]; return c ? (v[key, int((c + 1) / 2)] + v[key, int(c / 2) + 1]) / 2 : 0 }
    function row(label, l, p, fmt) { printf "| %s | " fmt " | " fmt " | %.2f |\n", label, l, p, (p > 0 ? l / p : 0) }
    END {
        print "| LeNet-5, batch 64, SGD | Lectern | PyTorch | Lectern / PyTorch |"
        print "|---|---:|---:|---:|"
        nt = split(threads, T, ",")
        for (i = 1; i <= nt; i++)
            row("training step, " T[i] " thread" (T[i] == 1 ? "" : "s") " (ms, median)",
                median("lectern" SUBSEP "step" SUBSEP T[i]), median("pytorch" SUBSEP "step" SUBSEP T[i]), "%.2f")
        if (et > 0)
            row("one epoch, 60,000 images, " et " thread" (et == 1 ? "" : "s") " (s)",
                median("lectern" SUBSEP "epoch" SUBSEP et), median("pytorch" SUBSEP "epoch" SUBSEP et), "%.1f")
        row("peak RSS (MiB)", median("lectern" SUBSEP "rss") / 1024, median("pytorch" SUBSEP "rss") / 1024, "%.0f")
    }'
