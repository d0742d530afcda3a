#!/usr/bin/env bash
# Attaching a 100 KB file and committing its row (Attachments + FilesFluent, SQLite on disk,
# FileSystemStorage) against a bare `storage.save` plus a bare insert of the same record. Target:
# at most 1.15x (the bookkeeping: reading the header, hashing, staging, promotion). Prints a
# Markdown table of medians with the load average.
#
#   bash Benchmarks/attachments.sh                # from the repository root
#   RUNS=9 OPERATIONS=200 bash Benchmarks/attachments.sh
set -euo pipefail
cd "$(dirname "$0")"
runs=${RUNS:-9}
operations=${OPERATIONS:-200}
work=${WORK:-../.build/attachments-bench}

source ./common.sh
bin=$(timer_binary attachment-timer)
work=$(fresh_directory "$work")

"$bin" "$work" "$runs" "$operations" | python3 -c '
import statistics, sys, os
rows = {}
for line in sys.stdin:
    name, *values = line.split()
    rows[name] = [float(v) for v in values]
bare, attach = statistics.median(rows["bare"]), statistics.median(rows["attach"])
rounds = len(rows["bare"])
print(f"load average {os.getloadavg()[0]:.2f}; {rounds} rounds of {sys.argv[1]} operations each; medians")
print()
print("| job | ms per file | vs bare | target | |")
print("|---|---|---|---|---|")
print(f"| bare: storage.save + insert of the same record | {bare:.3f} | 1.00x | | |")
ratio = attach / bare
verdict = "PASS" if ratio <= 1.15 else "FAIL"
print(f"| attach + save (stage, hash, insert, promote) | {attach:.3f} | {ratio:.2f}x | <= 1.15x | {verdict} |")
' "$operations"
rm -rf "$work"
