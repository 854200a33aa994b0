#!/usr/bin/env bash
# Prints the package graph of the compiled classes (one "from -> to" line per dependency between
# two different cifar packages, from jdeps) and then every package cycle (a strongly connected
# component of more than one package), so that a layering can be checked before and after a change.
# Exits 1 when there is a cycle, 0 when there is none.
#
# usage: scripts/package-graph.sh [--cycles-only] [CLASSES_DIR ...]
#   (default: both modules, app/target/classes and vugrad/target/classes)
#   --cycles-only  leave out the edge list, print only the cycles (or "no package cycles")
# Compile first (mvn -B -o -q compile); the script reads the class files, not the sources.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
edges=yes
if [[ ${1:-} == --cycles-only ]]; then
  edges=no
  shift
fi
if [[ $# -gt 0 ]]; then
  classes=("$@")
else
  classes=("$root/app/target/classes" "$root/vugrad/target/classes")
fi
for dir in "${classes[@]}"; do
  if [[ ! -d $dir/cifar ]]; then
    echo "no compiled classes in $dir (run mvn -B -o -q compile first)" >&2
    exit 2
  fi
done

jdeps -verbose:package -filter:none -e 'cifar(\..*)?' "${classes[@]}" | EDGES=$edges python3 -c '
import os, sys

graph = {}
for line in sys.stdin:
    parts = line.split()
    # jdeps lines: "   FROM   ->   TO   ARCHIVE"
    if len(parts) >= 3 and parts[1] == "->" and parts[0].startswith("cifar") \
            and parts[2].startswith("cifar"):
        source, target = parts[0], parts[2]
        graph.setdefault(source, set())
        graph.setdefault(target, set())
        if source != target:
            graph[source].add(target)

if os.environ["EDGES"] == "yes":
    for source in sorted(graph):
        for target in sorted(graph[source]):
            print(f"{source} -> {target}")

# Tarjan: each strongly connected component with more than one package is a cycle.
index, low, on_stack, stack, components = {}, {}, set(), [], []
def connect(node):
    index[node] = low[node] = len(index)
    stack.append(node)
    on_stack.add(node)
    for successor in sorted(graph[node]):
        if successor not in index:
            connect(successor)
            low[node] = min(low[node], low[successor])
        elif successor in on_stack:
            low[node] = min(low[node], index[successor])
    if low[node] == index[node]:
        component = []
        while True:
            member = stack.pop()
            on_stack.discard(member)
            component.append(member)
            if member == node:
                break
        if len(component) > 1:
            components.append(sorted(component))

sys.setrecursionlimit(10000)
for node in sorted(graph):
    if node not in index:
        connect(node)

if not components:
    print("no package cycles")
    sys.exit(0)
for component in sorted(components):
    members = set(component)
    print("cycle: " + " <-> ".join(component))
    for source in component:
        for target in sorted(graph[source] & members):
            print(f"  {source} -> {target}")
sys.exit(1)
'
