#!/usr/bin/python3
"""Times programs by turns, the same work each turn, and prints the ratio of each pair.

The programs speak one small protocol: they warm up, print READY, then do one turn of work for
every line they read and answer "TURN <seconds>". A turn is a synthetic vugrad epoch
(numpy_vugrad.py --lockstep and `cifar.bench.BenchMain vugrad --lockstep`) or a number of CIFAR-10
training images (blitz.py --lockstep and `cifar.bench.BenchMain turns`). This machine's speed swings by
up to 1.7x within minutes, and rounds of whole runs a minute apart meet different spells; two
turns taken back to back meet the same one, so the median of the per-pair ratios is the figure
to compare with an aim. The ratio is reference seconds over ours: how many times faster ours is.
With more than one --reference, every round takes one turn of each (the first to go rotating),
and each reference gets its own ratios against the same turns of ours.

Usage: lockstep.py --pairs N --reference "CMD ..." [--name NAME] [--reference ... --name ...] --ours "CMD ..."
Prints, for each reference, its median turn, ours and the median (and quartiles) of reference/ours:
  RESULT reference=lean pairs=40 reference_median_s=0.1712 ours_median_s=0.008412 ratio_median=20.3 ratio_q1=... ratio_q3=...
"""
import argparse
import shlex
import statistics
import subprocess
import sys


def start(name, command):
    proc = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, bufsize=1)
    for line in proc.stdout:
        if line.strip() == "READY":
            return proc
    sys.exit(f"lockstep: {name} ({command}) ended before it printed READY (exit {proc.wait()})")


def turn(name, proc):
    proc.stdin.write("go\n")
    proc.stdin.flush()
    for line in proc.stdout:
        if line.startswith("TURN "):
            return float(line.split()[1])
    sys.exit(f"lockstep: {name} ended in the middle of a turn (exit {proc.wait()})")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pairs", type=int, default=40, help="pairs of turns to time (default 40)")
    p.add_argument("--reference", required=True, action="append",
                   help="the reference's command line; again for each further reference")
    p.add_argument("--name", action="append", default=[],
                   help="a name per --reference, in order, for its RESULT line "
                        "(default: reference, or reference1, reference2, ...)")
    p.add_argument("--ours", required=True, help="this project's command line")
    args = p.parse_args()
    if args.pairs < 1:
        p.error(f"--pairs must be at least 1, got {args.pairs}")
    if args.name and len(args.name) != len(args.reference):
        p.error(f"{len(args.name)} --name for {len(args.reference)} --reference")
    names = args.name or (["reference"] if len(args.reference) == 1
                          else [f"reference{i + 1}" for i in range(len(args.reference))])
    commands = dict(zip(names, args.reference), ours=args.ours)
    if len(commands) != len(names) + 1:
        p.error(f"the names must differ from each other and from 'ours': {names}")
    sides = {name: start(name, command) for name, command in commands.items()}
    times = {name: [] for name in sides}
    order = list(sides)
    for i in range(args.pairs):
        first = i % len(order)  # who goes first rotates, so none always runs on a warmer machine
        for name in order[first:] + order[:first]:
            times[name].append(turn(name, sides[name]))
    for proc in sides.values():
        proc.stdin.close()
        proc.wait()
    for name in names:
        ratios = sorted(r / o for r, o in zip(times[name], times["ours"]))
        q1, _, q3 = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else (ratios[0],) * 3
        print(f"RESULT reference={name} pairs={args.pairs} "
              f"reference_median_s={statistics.median(times[name]):.4f} "
              f"ours_median_s={statistics.median(times['ours']):.6f} "
              f"ratio_median={statistics.median(ratios):.3g} ratio_q1={q1:.3g} ratio_q3={q3:.3g}")


if __name__ == "__main__":
    main()
