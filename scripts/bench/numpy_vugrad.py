#!/usr/bin/python3
"""Times numpy vugrad (github.com/dlvu/vugrad) on its synthetic task, the reference of vugrad's speed aim.

The epoch is the one of vugrad's experiments/train_mlp.py with its defaults: the validation
forward at the start of the epoch, then 469 batches of 128 (forward, logceloss, backward, SGD
step with lr 0.01, zero_grad, clear), through an MLP 2 -> 8 (sigmoid) -> 2 (logsoftmax) built
from vugrad's own Linear, sigmoid, logsoftmax and logceloss. This is the same work that
`cifar.bench.BenchMain vugrad` times per epoch.

vugrad is not part of this project: pass a checkout of it (scripts/bench-vugrad.sh clones one
when VUGRAD_DIR is unset and the network allows). numpy 1.24 removed np.int, which vugrad's
load_synth still uses; it is defined back as int before vugrad is imported, and nothing else
is changed.

Prints one line per epoch and a RESULT line with the median and minimum over the epochs after
the first, e.g.
  RESULT impl=numpy-vugrad epochs=12 epoch_median_s=0.1072 epoch_min_s=0.1056 train_median_s=0.1048 ...

With --lockstep it runs one untimed epoch, prints READY, and then runs one epoch for every line
read from standard input, printing "TURN <seconds>" (scripts/bench/lockstep.py takes turns
between this and `cifar.bench.BenchMain vugrad --lockstep`).
"""
import argparse
import os
import statistics
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--vugrad", required=True, help="a checkout of github.com/dlvu/vugrad")
    p.add_argument("--epochs", type=int, default=12, help="epochs to time (default 12; the first is warm-up)")
    p.add_argument("--seed", type=int, default=1, help="numpy seed for data and weights (default 1)")
    p.add_argument("--lockstep", action="store_true",
                   help="one warm-up epoch, READY, then one timed epoch per line read from stdin")
    args = p.parse_args()
    if args.epochs < 2:
        p.error(f"--epochs must be at least 2 (the first is not counted), got {args.epochs}")
    if not os.path.isfile(os.path.join(args.vugrad, "vugrad", "core.py")):
        p.error(f"--vugrad {args.vugrad}: no vugrad/core.py there; clone github.com/dlvu/vugrad")
    return args


def main():
    args = parse_args()
    import numpy as np
    if not hasattr(np, "int"):
        np.int = int  # removed in numpy 1.24; vugrad's load_synth still says astype(np.int)
    sys.path.insert(0, os.path.abspath(args.vugrad))
    import vugrad as vg

    np.random.seed(args.seed)
    (xtrain, ytrain), (xval, yval), num_classes = vg.load_synth()
    n, features = xtrain.shape
    hidden = 4 * features  # train_mlp.py's hidden_mult=4
    layer1, layer2 = vg.Linear(features, hidden), vg.Linear(hidden, num_classes)
    parameters = layer1.parameters() + layer2.parameters()

    def forward(x):
        return vg.logsoftmax(layer2(vg.sigmoid(layer1(x))))

    def epoch():
        """One epoch of train_mlp.py; returns its seconds, the training pass's, accuracy and loss."""
        start = time.perf_counter()
        out = forward(vg.TensorNode(xval))
        accuracy = (np.argmax(out.value, axis=1) == yval).mean()
        out.clear()
        trained = time.perf_counter()
        running = 0.0
        for fr in range(0, n, 128):
            to = min(fr + 128, n)
            loss = vg.logceloss(forward(vg.TensorNode(xtrain[fr:to, :])), ytrain[fr:to])
            running += loss.value
            loss.backward()
            for p in parameters:
                p.value -= 0.01 * p.grad
            loss.zero_grad()
            loss.clear()
        end = time.perf_counter()
        return end - start, end - trained, accuracy, running / n

    if args.lockstep:
        epoch()
        print("READY", flush=True)
        for _ in sys.stdin:
            print(f"TURN {epoch()[0]:.6f}", flush=True)
        return

    epochs, trains = [], []
    for e in range(args.epochs):
        seconds, train_seconds, accuracy, loss = epoch()
        epochs.append(seconds)
        trains.append(train_seconds)
        print(f"epoch {e + 1}: {seconds:.4f} s (training pass {train_seconds:.4f} s), "
              f"validation accuracy at its start {accuracy:.4f}, running loss {loss:.4f}",
              flush=True)
    timed, timed_train = epochs[1:], trains[1:]
    print(f"RESULT impl=numpy-vugrad numpy={np.__version__} epochs={len(timed)} "
          f"epoch_median_s={statistics.median(timed):.4f} epoch_min_s={min(timed):.4f} "
          f"train_median_s={statistics.median(timed_train):.4f} train_min_s={min(timed_train):.4f}")


if __name__ == "__main__":
    main()
