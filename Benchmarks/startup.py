"""Start-up of the `thumbnail` process (Documentation/Performance.md#start-up-libheif-loaded-on-first-use).

Run through startup.sh, which builds the binaries. Two tables:
- `--help` as a process against the floor's usage error, a Swift program that imports
  FoundationEssentials alone and /bin/true: median wall time of N alternating runs (posix_spawn and
  wait4 from this process, no shell), the CPU time of the same runs, and the shared objects `ldd` lists;
- the whole-process 256-px thumbnail of the 20.1 MP baseline photo against floor.c, as compare.py
  measures it (GNU time for the peak RSS).
`--before PATH` adds another build of `thumbnail` (for instance main's) to both tables.
"""
import argparse
import os
import statistics
import subprocess
import time
from pathlib import Path

import compare


def spawn_quiet(argv):
    """Wall seconds, CPU seconds and exit status of one run, output thrown away."""
    actions = [(os.POSIX_SPAWN_OPEN, fd, "/dev/null", os.O_RDWR, 0) for fd in (0, 1, 2)]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def shared_objects(binary):
    out = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    return sum(1 for line in out.splitlines() if line.strip() and "statically linked" not in line)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--thumbnail", required=True)
    ap.add_argument("--before", default="")
    ap.add_argument("--essentials", required=True)
    ap.add_argument("--runs", type=int, default=41)
    ap.add_argument("--thumbnail-runs", type=int, default=9)
    ap.add_argument("--markdown", default="")
    args = ap.parse_args()
    work = Path(args.work)

    thumbnails = [("thumbnail (this build)", args.thumbnail)]
    if args.before:
        thumbnails.insert(0, ("thumbnail (before)", args.before))

    # Start-up: (label, argv, expected exit status, binary for ldd).
    startup = [(f"{label} --help", [path, "--help"], 0, path) for label, path in thumbnails]
    startup += [
        ("floor, usage error", [args.floor], 2, args.floor),
        ("FoundationEssentials-only Swift program", [args.essentials], 0, args.essentials),
        ("/bin/true", ["/bin/true"], 0, "/bin/true"),
    ]
    walls = {label: [] for label, *_ in startup}
    cpus = {label: [] for label, *_ in startup}
    for label, argv, expected, _ in startup:  # warm the page cache, check the exit status
        _, _, code = spawn_quiet(argv)
        if code != expected:
            raise SystemExit(f"{label}: exit {code}, expected {expected}")
    for round_ in range(args.runs):
        order = startup[round_ % len(startup):] + startup[:round_ % len(startup)]
        for label, argv, _, _ in order:
            wall, cpu, _ = spawn_quiet(argv)
            walls[label].append(wall)
            cpus[label].append(cpu)
    load_startup = compare.load_average()

    # The whole-process thumbnail of the baseline photo against the floor.
    photos = compare.prepare(work, args.python)
    src = photos / f"{compare.BASELINE_20MP}.jpg"
    outputs = work / "startup-out"
    logs = work / "startup-logs"
    outputs.mkdir(exist_ok=True)
    logs.mkdir(exist_ok=True)
    jobs = []
    for i, (label, path) in enumerate(thumbnails):
        out_dir = outputs / f"thumbnail-{i}"
        jobs.append(compare.Job(label, [([path, "--size", "256", "--quality", "85", "--output-dir", str(out_dir),
                                          str(src)], out_dir / f"{compare.BASELINE_20MP}.jpg")]))
    jobs.append(compare.Job("floor", [([args.floor, str(src), str(outputs / "floor.jpg"), "256"],
                                       outputs / "floor.jpg")]))
    compare.alternate(jobs, args.thumbnail_runs, logs)
    load_end = compare.load_average()

    lines = [
        f"Start-up, median of {args.runs} alternating runs; {compare.cores()}; "
        f"load average after them {load_startup}",
        "",
        "| process | median ms | CPU ms (median) | shared objects (ldd) |",
        "|---|---:|---:|---:|",
    ]
    for label, _, _, binary in startup:
        lines.append(f"| {label} | {statistics.median(walls[label]) * 1000:.2f} | "
                     f"{statistics.median(cpus[label]) * 1000:.2f} | {shared_objects(binary)} |")
    floor = jobs[-1]
    lines += [
        "",
        f"Baseline JPEG 20.1 MP 4:2:0 → 256 px, JPEG q85, whole process, median of {args.thumbnail_runs} "
        f"alternating runs; load average at the end {load_end}",
        "",
        "| tool | median s | peak RSS MiB | × floor |",
        "|---|---:|---:|---:|",
    ]
    for job in jobs:
        if job.failure:
            lines.append(f"| {job.tool} | failed: {job.failure} | | |")
            continue
        ratio = f"{job.seconds / floor.seconds:.2f}" if floor.runs else "—"
        lines.append(f"| {job.tool} | {job.seconds:.3f} | {job.peak_mib:.1f} | {ratio} |")
    compare.emit(lines, args.markdown)


if __name__ == "__main__":
    main()
