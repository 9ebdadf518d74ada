"""PyTorch twin of lib/src/test/java/org/lectern/bench/LenetBench.java, driven by bench/lenet.sh.

Same LeNet, CrossEntropyLoss, SGD(lr 0.05, momentum 0.9), batch 64, Fashion-MNIST from the Debian package
dataset-fashion-mnist normalised with the same mean and std. Prints the same lines:

    step THREADS MS        median ms per training step (forward, loss, zero_grad, backward, step)
    epoch THREADS SECONDS  one shuffled epoch of the 60,000 training images, batch 64
    rss KB                 peak resident set size of this process (VmHWM)

Usage: lenet_torch.py threads=1,2 steps=300 warmup=150 epoch=2

The epoch shuffles with torch.randperm and gathers each batch by indexing the whole image tensor, which
is what Lectern's DataLoader does (indexSelect on a TensorDataset); torch.utils.data.DataLoader would
collate 64 single images per batch in Python and measure that instead of the training.
"""
import gzip
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

BATCH, LR, MOMENTUM = 64, 0.05, 0.9
MEAN, STD = 0.2860406, 0.3530242
DIRECTORY = os.environ.get("LECTERN_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def idx(name):
    with gzip.open(os.path.join(DIRECTORY, name + ".gz")) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10))


def step(model, opt, loss_fn, x, y):
    loss = loss_fn(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss.item()


def peak_rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def main():
    args = dict(a.split("=", 1) for a in sys.argv[1:])
    threads = [int(t) for t in args.get("threads", "1,2").split(",")]
    steps, warmup = int(args.get("steps", 300)), int(args.get("warmup", 150))
    epoch_threads = int(args.get("epoch", 2))
    print("# PyTorch", torch.__version__, file=sys.stderr)
    torch.manual_seed(0)
    x_all = (torch.from_numpy(idx("train-images-idx3-ubyte").astype(np.float32) / 255.0) - MEAN) / STD
    x_all = x_all.reshape(-1, 1, 28, 28).contiguous()
    y_all = torch.from_numpy(idx("train-labels-idx1-ubyte").astype(np.int64))

    order = torch.randperm(len(x_all))
    batches = [(x_all[order[i * BATCH:(i + 1) * BATCH]], y_all[order[i * BATCH:(i + 1) * BATCH]]) for i in range(64)]
    for t in threads:
        torch.set_num_threads(t)
        model = lenet()
        opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
        loss_fn = nn.CrossEntropyLoss()
        for i in range(warmup):
            step(model, opt, loss_fn, *batches[i % len(batches)])
        ms = []
        for i in range(steps):
            t0 = time.perf_counter()
            step(model, opt, loss_fn, *batches[i % len(batches)])
            ms.append((time.perf_counter() - t0) * 1e3)
        print(f"step {t} {statistics.median(ms):.3f}", flush=True)
    if epoch_threads > 0:
        torch.set_num_threads(epoch_threads)
        model = lenet()
        opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
        loss_fn = nn.CrossEntropyLoss()
        t0 = time.perf_counter()
        order = torch.randperm(len(x_all))
        total, n = 0.0, 0
        for i in range(0, len(x_all), BATCH):
            b = order[i:i + BATCH]
            total += step(model, opt, loss_fn, x_all[b], y_all[b])
            n += 1
        secs = time.perf_counter() - t0
        print(f"epoch {epoch_threads} {secs:.3f}", flush=True)
        print(f"# PyTorch epoch: {n} batches, mean loss {total / n:.4f}", file=sys.stderr)
    print(f"rss {peak_rss_kb()}")


if __name__ == "__main__":
    main()
