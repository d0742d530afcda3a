#!/usr/bin/env bash
# FileSystemStorage.save of a 100 MB file against `cp` of the same bytes (Documentation/Performance.md, "Storage"):
# a TemporaryUploadedFile on the same filesystem (target: under 5 ms, a rename) and an in-memory
# ContentFile (target: at most 1.3x cp). Prints one Markdown table of medians.
#
#   bash Benchmarks/storage.sh                   # from the repository root
#   RUNS=15 MEGABYTES=100 bash Benchmarks/storage.sh
#
# Environment:
#   RUNS         rounds; each times the three rows once, alternating (default 9)
#   MEGABYTES    file size in 10^6 bytes (default 100)
#   WORK         scratch folder, one filesystem for uploads and media (default .build/storage-bench)
#   SKIP_BUILD=1 reuse the storage-timer already built
set -euo pipefail
cd "$(dirname "$0")"
runs=${RUNS:-9}
megabytes=${MEGABYTES:-100}
work=${WORK:-../.build/storage-bench}

source ./common.sh
bin=$(timer_binary storage-timer)
work=$(fresh_directory "$work")

"$bin" "$work" "$megabytes" "$runs" | python3 -c '
import statistics, sys, os
rows = {}
for line in sys.stdin:
    name, *values = line.split()
    rows[name] = [float(v) for v in values]
median = {name: statistics.median(values) for name, values in rows.items()}
cp = median["cp"]
load = os.getloadavg()[0]
size = sys.argv[1]
runs = len(rows["cp"])
print(f"load average {load:.2f}; {runs} runs; {size} MB")
print()
print("| operation | median ms | min ms | max ms | vs cp | target | |")
print("|---|---|---|---|---|---|---|")
targets = {
    "save-temporary-upload": ("< 5 ms", median["save-temporary-upload"] < 5),
    "save-in-memory-file": ("<= 1.3x cp", median["save-in-memory-file"] <= 1.3 * cp),
    "cp": ("", None),
}
labels = {
    "save-temporary-upload": "FileSystemStorage.save(TemporaryUploadedFile), same filesystem",
    "save-in-memory-file": "FileSystemStorage.save(ContentFile in memory)",
    "cp": "cp of the same bytes (page cache to page cache, one process)",
}
for name in ["save-temporary-upload", "save-in-memory-file", "cp"]:
    values = rows[name]
    target, ok = targets[name]
    grade = "" if ok is None else ("PASS" if ok else "FAIL")
    print(f"| {labels[name]} | {median[name]:.3f} | {min(values):.3f} | {max(values):.3f} | {median[name] / cp:.2f}x | {target} | {grade} |")
' "$megabytes"
