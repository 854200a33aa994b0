#!/usr/bin/python3
"""PyTorch's 60-minute-blitz CIFAR-10 training loop, for timing side by side with cifar.jar.

Same data files as the Java side (the official binary layout, cifar-10-batches-bin), the same
model, optimizer, loss, batch size, seed policy and thread count; every step is the tutorial's:
zero_grad, forward, loss, backward, step, and loss.item() on every step for the running loss.
Only the training loop is timed, as cifar.jar times only training in its epoch metrics.

Two loops feed those steps (--loop):
  lean      (default) what a PyTorch user who cares about speed writes: the training set as one
            tensor in memory, one torch.randperm per epoch, and each batch gathered from it by
            a slice of that permutation;
  tutorial  the tutorial's own: a shuffling DataLoader over the same tensors, which indexes
            image by image and stacks every batch anew (the comparator until 2026-12-02).
Both normalise once, as the tutorial's transform does, and shuffle with the same seeded
generator, but they draw different permutations from it: the DataLoader takes a seed for its
workers from the generator before each epoch's permutation.

Prints one machine-readable line at the end, e.g.
  RESULT impl=pytorch loop=lean malloc=tcmalloc batch=4 threads=2 epochs=1 images=50000 ...

With --lockstep N it trains in turns instead: one untimed turn of N images, READY, then the next
N images for every line read from standard input, answered with "TURN <seconds>" (the batches
go on across epochs). scripts/bench/lockstep.py takes turns between this and
`scripts/cifar bench turns`. The loop and allocator go to standard error first.

The allocator is the one the process was started with: LD_PRELOAD=.../libtcmalloc_minimal.so.4
gives it tcmalloc, as scripts/cifar gives cifar.jar (scripts/bench-train.sh does so by default).

PyTorch comes from Debian's python3-torch, run by /usr/bin/python3 (a pyenv or venv python
on PATH usually has no torch); when it is missing, this script installs it with apt-get.
"""
import argparse
import os
import subprocess
import sys
import time

SYSTEM_PYTHON = "/usr/bin/python3"


def ensure_torch():
    """Import torch, installing Debian's python3-torch first when it is missing."""
    try:
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON):
        # Another python (pyenv, venv) without torch: the Debian package lives in the system one.
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("blitz.py: installing python3-torch with apt-get", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "install", "-y", "-q", "python3-torch"], check=True, env=env)
    os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", required=True,
                   help="directory holding cifar-10-batches-bin/ (or that directory itself)")
    p.add_argument("--batch-size", type=int, default=4, help="mini-batch size (default 4)")
    p.add_argument("--epochs", type=int, default=1, help="training epochs (default 1)")
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    p.add_argument("--seed", type=int, default=1, help="seed for weights and shuffling (default 1)")
    p.add_argument("--lr", type=float, default=0.001, help="SGD learning rate (default 0.001)")
    p.add_argument("--momentum", type=float, default=0.9, help="SGD momentum (default 0.9)")
    p.add_argument("--train-limit", type=int, default=0,
                   help="train on the first N images only (default 0: all 50,000)")
    p.add_argument("--lockstep", type=int, default=0, metavar="N",
                   help="train in turns of N images, answering lines on stdin (see above)")
    p.add_argument("--loop", choices=("lean", "tutorial"), default="lean",
                   help="lean: batches sliced from a permutation of the in-memory tensors; "
                        "tutorial: the tutorial's DataLoader (default lean; see above)")
    p.add_argument("--evaluate", action="store_true",
                   help="also report test accuracy after training (not timed)")
    args = p.parse_args()
    for name in ("batch_size", "epochs", "threads"):
        if getattr(args, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be at least 1, got {getattr(args, name)}")
    if args.lockstep % args.batch_size or args.lockstep < 0:
        p.error(f"--lockstep {args.lockstep} is not a whole number of batches of {args.batch_size}")
    return args


def batches_dir(data_dir):
    nested = os.path.join(data_dir, "cifar-10-batches-bin")
    return nested if os.path.isdir(nested) else data_dir


def read_split(directory, names, limit=0):
    """Records of 1 label byte + 3072 pixel bytes (CHW), normalised as the tutorial does."""
    import numpy as np
    import torch
    parts = []
    for name in names:
        path = os.path.join(directory, name)
        raw = np.fromfile(path, dtype=np.uint8)
        if raw.size == 0 or raw.size % 3073:
            sys.exit(f"blitz.py: {path}: {raw.size} bytes is not a whole number of 3073-byte records")
        parts.append(raw.reshape(-1, 3073))
    records = np.concatenate(parts)
    if limit:
        records = records[:limit]
    labels = torch.from_numpy(records[:, 0].astype(np.int64))
    pixels = torch.from_numpy(records[:, 1:].astype(np.float32)).reshape(-1, 3, 32, 32)
    # transforms.ToTensor() then Normalize((0.5,)*3, (0.5,)*3): (x/255 - 0.5) / 0.5
    return (pixels / 255 - 0.5) / 0.5, labels


def epoch_batches(loop, x, y, batch_size, generator):
    """A function returning the next epoch's (inputs, labels) batches, shuffled by `generator`."""
    import torch
    if loop == "tutorial":
        from torch.utils.data import DataLoader, TensorDataset
        loader = DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True,
                            generator=generator, num_workers=0)
        return lambda: iter(loader)

    def lean():
        order = torch.randperm(len(y), generator=generator)
        for start in range(0, len(y), batch_size):
            index = order[start:start + batch_size]
            yield x[index], y[index]

    return lean


def malloc_in_use():
    """The allocator this process runs on: tcmalloc or jemalloc when preloaded, else glibc."""
    with open("/proc/self/maps") as maps:
        mapped = maps.read()
    return next((name for name in ("tcmalloc", "jemalloc") if f"lib{name}" in mapped), "glibc")


def make_net():
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    class Net(nn.Module):
        """The tutorial's network: conv 3->6 k5, pool, conv 6->16 k5, pool, fc 400->120->84->10."""

        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(3, 6, 5)
            self.pool = nn.MaxPool2d(2, 2)
            self.conv2 = nn.Conv2d(6, 16, 5)
            self.fc1 = nn.Linear(16 * 5 * 5, 120)
            self.fc2 = nn.Linear(120, 84)
            self.fc3 = nn.Linear(84, 10)

        def forward(self, x):
            x = self.pool(F.relu(self.conv1(x)))
            x = self.pool(F.relu(self.conv2(x)))
            x = torch.flatten(x, 1)
            x = F.relu(self.fc1(x))
            x = F.relu(self.fc2(x))
            return self.fc3(x)

    return Net()


def main():
    ensure_torch()
    import torch
    import torch.nn as nn
    import torch.optim as optim

    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    directory = batches_dir(args.data_dir)
    x, y = read_split(directory, [f"data_batch_{i}.bin" for i in range(1, 6)], args.train_limit)
    shuffle = torch.Generator().manual_seed(args.seed)
    epoch_of_batches = epoch_batches(args.loop, x, y, args.batch_size, shuffle)

    net = make_net()
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.SGD(net.parameters(), lr=args.lr, momentum=args.momentum)

    def step(inputs, labels):
        """One step of the tutorial's loop, whichever loop feeds it; returns loss.item()."""
        optimizer.zero_grad()
        outputs = net(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
        return loss.item()

    if args.lockstep:
        print(f"blitz.py: loop {args.loop}, malloc {malloc_in_use()}, torch {torch.__version__}, "
              f"{args.threads} threads", file=sys.stderr, flush=True)
        lockstep(epoch_of_batches, step, args.lockstep // args.batch_size)
        return

    seconds = 0.0
    last_loss = float("nan")
    for epoch in range(args.epochs):
        running_loss, epoch_loss, steps = 0.0, 0.0, 0
        start = time.perf_counter()
        for i, (inputs, labels) in enumerate(epoch_of_batches(), 0):
            running_loss += step(inputs, labels)
            steps += 1
            if i % 2000 == 1999:
                print(f"[{epoch + 1}, {i + 1:5d}] loss: {running_loss / 2000:.3f}", file=sys.stderr)
                epoch_loss += running_loss
                running_loss = 0.0
        seconds += time.perf_counter() - start
        last_loss = (epoch_loss + running_loss) / max(steps, 1)

    images = args.epochs * len(y)
    fields = {
        "impl": "pytorch", "loop": args.loop, "malloc": malloc_in_use(),
        "batch": args.batch_size, "threads": args.threads, "epochs": args.epochs,
        "images": images, "seconds": f"{seconds:.3f}", "images_per_s": f"{images / seconds:.1f}",
        "train_loss": f"{last_loss:.4f}", "torch": torch.__version__,
    }
    if args.evaluate:
        tx, ty = read_split(directory, ["test_batch.bin"])
        with torch.no_grad():
            correct = sum((net(tx[i:i + 1000]).argmax(1) == ty[i:i + 1000]).sum().item()
                          for i in range(0, len(ty), 1000))
        fields["test_accuracy"] = f"{correct / len(ty):.4f}"
    print("RESULT " + " ".join(f"{k}={v}" for k, v in fields.items()), flush=True)


def lockstep(epoch_of_batches, step, steps):
    """Turns of `steps` calls of `step` (loss.item() included), the batches going on across
    epochs; see the module's docstring."""
    def batches():
        while True:
            yield from epoch_of_batches()

    source = batches()

    def turn():
        start = time.perf_counter()
        for _ in range(steps):
            step(*next(source))
        return time.perf_counter() - start

    turn()
    print("READY", flush=True)
    for _ in sys.stdin:
        print(f"TURN {turn():.6f}", flush=True)


if __name__ == "__main__":
    main()
