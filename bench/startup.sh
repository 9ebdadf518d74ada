#!/usr/bin/env bash
# Start-up benchmark (not a test): a one-cell notebook executed end-to-end by `jupyter nbconvert --execute`, the
# Lectern kernel versus Debian's python3 ipykernel, interleaved in one run; prints medians and the ratio.
# Usage: bench/startup.sh [RUNS=7] [KERNEL=lectern]. Needs the kernelspec installed (java -jar ... install --user).
set -euo pipefail
runs="${1:-7}"
kernel="${2:-lectern}"
out="$(dirname "$0")/results"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

notebook() { # name kernel language source
  cat > "$work/$1.ipynb" <<JSON
{"nbformat": 4, "nbformat_minor": 5,
 "metadata": {"kernelspec": {"name": "$2", "display_name": "$2", "language": "$3"}},
 "cells": [{"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": null, "outputs": [], "source": "$4"}]}
JSON
}
notebook java "$kernel" java "1 + 1"
notebook python python3 python "1 + 1"

export PYDEVD_DISABLE_FILE_VALIDATION=1
time_one() { # name -> seconds
  local start end
  start=$(date +%s.%N)
  /usr/bin/python3 -m nbconvert --to notebook --execute --output "$1.out" "$work/$1.ipynb" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

: > "$out/java.txt"; : > "$out/python.txt"
for i in $(seq "$runs"); do
  time_one java >> "$out/java.txt"
  time_one python >> "$out/python.txt"
done
/usr/bin/python3 - "$out/java.txt" "$out/python.txt" "$kernel" <<'PY'
import statistics, sys
java = [float(x) for x in open(sys.argv[1])]
py = [float(x) for x in open(sys.argv[2])]
mj, mp = statistics.median(java), statistics.median(py)
print(f"{sys.argv[3]}: median {mj:.2f} s  runs {[round(x, 2) for x in java]}")
print(f"python3 ipykernel: median {mp:.2f} s  runs {[round(x, 2) for x in py]}")
print(f"ratio {mj / mp:.2f}x (goal <= 1.3x)")
PY
