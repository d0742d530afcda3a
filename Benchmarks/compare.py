#!/usr/bin/env python3
"""Times the `thumbnail` command against the yardsticks and prints one table.

Run through `bash Benchmarks/compare.sh`, which installs what this needs, builds
`thumbnail` and `floor`, and passes their paths here. Every tool runs as a whole
process (start-up included), the tools of a row alternate within each round (the
order rotates from round to round), and a warm-up round that is not counted comes
first. Wall time comes from perf_counter around spawn..wait; peak RSS and CPU time
come from GNU time wrapped around the tool (see spawn()).

Only the standard library, Pillow and numpy (for psnr.py) are needed. The yardsticks
(floor.c, pillow_thumb.py, psnr.py) are the repository's own, in Benchmarks/yardsticks/,
and the start-up row's input comes from the test corpus in Tests/Fixtures/corpus/.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

SIZE = 256
WALLPAPERS = Path("/usr/share/wallpapers")
YARDSTICKS = Path(__file__).resolve().parent / "yardsticks"
CORPUS = Path(__file__).resolve().parents[1] / "Tests" / "Fixtures" / "corpus"

# The 5120x2880 JPEGs that plasma-workspace-wallpapers ships (Debian 12), by a
# short name that keeps thumbnail outputs apart (they are all called 5120x2880.jpg).
PHOTOS = {
    "safelanding": "SafeLanding/contents/images/5120x2880.jpg",  # baseline 4:2:0
    "shell": "Shell/contents/images/5120x2880.jpg",  # baseline 4:2:2
    "honeywave": "Honeywave/contents/images/5120x2880.jpg",  # baseline 4:2:2
    "flow-dark": "Flow/contents/images_dark/5120x2880.jpg",  # baseline 4:2:0
    "volna": "Volna/contents/images/5120x2880.jpg",  # progressive 4:4:4
    "flow": "Flow/contents/images/5120x2880.jpg",  # progressive 4:4:4
}
PNG_PHOTO = ("patak", "Patak/contents/images/5120x2880.png")  # 14.7 MP RGBA, 13 MB
BASELINE_20MP = "baseline-20mp"  # made from safelanding, see prepare()
PROGRESSIVE_420 = "safelanding-progressive"  # jpegtran -progressive of safelanding
RESAMPLE_INPUT = "resample-3000x2000.png"


# --------------------------------------------------------------------------- running


@dataclass
class Run:
    seconds: float
    peak_kib: int
    cpu_seconds: float = 0.0  # user + system


TIME = "/usr/bin/time"


def spawn(argv, log_path, env=None):
    """Runs argv to completion; returns (Run, exit status).

    Peak RSS comes from GNU time's %M, not from this process's wait4: Linux carries the RSS high-water
    mark of the mm a process had before exec into its ru_maxrss, so a child spawned straight from
    Python would report at least Python's own ~17 MiB. GNU time forks from a ~2 MiB process.
    """
    rss_path = f"{log_path}.rss"
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, str(log_path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_DUP2, 1, 2),
    ]
    wrapped = [TIME, "-f", "%M %U %S", "-o", rss_path, *argv]
    start = time.perf_counter()
    pid = os.posix_spawn(TIME, wrapped, env or os.environ, file_actions=actions)
    _, status, _ = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    try:
        fields = Path(rss_path).read_text().split()[-3:]
        peak, cpu = int(fields[0]), float(fields[1]) + float(fields[2])
    except (OSError, ValueError, IndexError):
        peak, cpu = 0, 0.0
    return Run(elapsed, peak, cpu), os.waitstatus_to_exitcode(status)


@dataclass
class Job:
    """One measured thing: one or more processes whose times add up (floor's per-image sum)."""

    tool: str
    commands: list  # [(argv, output path)]
    runs: list = field(default_factory=list)
    failure: str = ""
    psnr: str = ""

    @property
    def outputs(self):
        return [out for _, out in self.commands]

    def run_once(self, logs: Path):
        total, peak, cpu = 0.0, 0, 0.0
        for i, (argv, out) in enumerate(self.commands):
            out.unlink(missing_ok=True)
            log = logs / f"{slug(self.tool)}-{i}.log"
            run, code = spawn(argv, log)
            if code != 0 or not out.exists():
                tail = log.read_text(errors="replace").strip().splitlines()[-3:]
                why = f"exit {code}" if code != 0 else f"no output {out.name}"
                return f"{why}: {' / '.join(tail)[:200]}"
            total += run.seconds
            cpu += run.cpu_seconds
            peak = max(peak, run.peak_kib)
        self.runs.append(Run(total, peak, cpu))
        return ""

    @property
    def seconds(self):
        return statistics.median(r.seconds for r in self.runs) if self.runs else None

    @property
    def cpu_seconds(self):
        return statistics.median(r.cpu_seconds for r in self.runs) if self.runs else None

    @property
    def peak_mib(self):
        return statistics.median(r.peak_kib for r in self.runs) / 1024 if self.runs else None

    @property
    def output_bytes(self):
        if self.failure or not self.runs:
            return None
        return sum(out.stat().st_size for out in self.outputs)


def slug(text):
    return "".join(c if c.isalnum() else "-" for c in text).strip("-")


@dataclass
class Row:
    name: str
    inputs: list  # [Path]
    out_ext: str  # "jpg" | "png"
    size: int = SIZE
    jobs: list = field(default_factory=list)
    floor: Job = None
    ceiling: float = None

    def job(self, tool):
        return next((j for j in self.jobs if j.tool == tool and not j.failure and j.runs), None)


def alternate(jobs, rounds: int, logs: Path):
    """Runs every job once to warm the caches and weed out failures (those runs are dropped), then
    `rounds` rounds, each starting one job further along, so no job always runs first or after the same one."""
    logs.mkdir(parents=True, exist_ok=True)
    live = list(jobs)
    for round_index in range(rounds + 1):
        shift = round_index % max(1, len(live))
        for job in live[shift:] + live[:shift]:
            if job.failure:
                continue
            why = job.run_once(logs)
            if why:
                job.failure = why
        if round_index == 0:
            for job in live:
                job.runs.clear()
            live = [j for j in live if not j.failure]


def load_average() -> str:
    """The load average now, "1.23 / 2.34 / 3.45", for the line above a table."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def cores() -> str:
    """"2 cores (x86_64)": the machine in the line above a table."""
    return f"{os.cpu_count()} cores ({platform.processor() or platform.machine()})"


def emit(lines, markdown):
    """Prints the table's lines, and writes them to `markdown` too when given."""
    text = "\n".join(lines)
    print(text)
    if markdown:
        Path(markdown).write_text(text + "\n")


def measure(row: Row, rounds: int, logs: Path):
    alternate(row.jobs, rounds, logs)
    print(f"   measured: {row.name}", file=sys.stderr)


# --------------------------------------------------------------------------- tools


class Tools:
    def __init__(self, args):
        self.python = args.python
        self.yardsticks = Path(args.yardsticks).resolve()
        self.floor = args.floor
        self.thumbnail = args.thumbnail
        self.vips = shutil.which("vipsthumbnail")
        self.work = Path(args.work).resolve()

    def outdir(self, row, tool):
        d = self.work / "out" / slug(row) / slug(tool)
        d.mkdir(parents=True, exist_ok=True)
        return d

    def jobs_for(self, row: Row, lanczos=False):
        ext = row.out_ext
        (src,) = row.inputs
        size = row.size
        jobs = []
        if self.thumbnail:
            d = self.outdir(row.name, "thumbnail")
            argv = [self.thumbnail, str(src), "--size", str(size), "--output-dir", str(d)]
            argv += ["--format", "jpeg", "--quality", "85"] if ext == "jpg" else ["--format", "png"]
            jobs.append(Job("thumbnail", [(argv, d / f"{src.stem}.{ext}")]))
        d = self.outdir(row.name, "floor")
        row.floor = Job("floor", [([self.floor, str(src), str(d / f"{src.stem}.{ext}"), str(size)],
                                   d / f"{src.stem}.{ext}")])
        jobs.append(row.floor)
        pillow = str(self.yardsticks / "pillow_thumb.py")
        variants = [("Pillow", [])] + ([("Pillow --lanczos", ["--lanczos"])] if lanczos else [])
        for name, extra in variants:
            d = self.outdir(row.name, name)
            out = d / f"{src.stem}.{ext}"
            jobs.append(Job(name, [([self.python, pillow, str(src), str(out), str(size)] + extra, out)]))
        if self.vips:
            d = self.outdir(row.name, "vipsthumbnail")
            out = d / f"{src.stem}.{ext}"
            opts = "[Q=85,strip]" if ext == "jpg" else "[strip]"
            jobs.append(Job("vipsthumbnail", [([self.vips, str(src), "-s", f"{size}x{size}", "-o",
                                                  f"{out}{opts}"], out)]))
        row.jobs = jobs
        return row

    def batch_jobs(self, row: Row):
        jobs = []
        if self.thumbnail:
            for n in (1, 2):
                tool = f"thumbnail --jobs {n}"
                d = self.outdir(row.name, tool)
                argv = [self.thumbnail, *map(str, row.inputs), "--size", str(SIZE), "--format", "jpeg",
                        "--quality", "85", "--output-dir", str(d), "--jobs", str(n)]
                # One process makes every output; the first command carries all of them.
                outs = [d / f"{p.stem}.jpg" for p in row.inputs]
                jobs.append(BatchJob(tool, [(argv, outs[0])], outs))
        d = self.outdir(row.name, "floor")
        row.floor = Job("floor, sum of per-image runs",
                        [([self.floor, str(p), str(d / f"{p.stem}.jpg"), str(SIZE)], d / f"{p.stem}.jpg")
                         for p in row.inputs])
        jobs.append(row.floor)
        if self.vips:
            d = self.outdir(row.name, "vipsthumbnail")
            argv = [self.vips, *map(str, row.inputs), "-s", f"{SIZE}x{SIZE}", "-o",
                    f"{d}/%s.jpg[Q=85,strip]"]
            outs = [d / f"{p.stem}.jpg" for p in row.inputs]
            jobs.append(BatchJob("vipsthumbnail, one process", [(argv, outs[0])], outs))
        row.jobs = jobs
        return row


class BatchJob(Job):
    """A single process that writes several outputs."""

    def __init__(self, tool, commands, all_outputs):
        super().__init__(tool, commands)
        self._all = all_outputs

    @property
    def outputs(self):
        return self._all

    def run_once(self, logs):
        for out in self._all:
            out.unlink(missing_ok=True)
        why = super().run_once(logs)
        missing = [o.name for o in self._all if not o.exists()]
        if not why and missing:
            self.runs.pop()
            why = f"missing outputs: {', '.join(missing)}"
        return why


# --------------------------------------------------------------------------- inputs and quality


def prepare(work: Path, python: str):
    """Copies the wallpapers under distinct names and makes the derived inputs once."""
    photos = work / "photos"
    photos.mkdir(parents=True, exist_ok=True)
    for name, rel in list(PHOTOS.items()) + [PNG_PHOTO]:
        src = WALLPAPERS / rel
        dst = photos / f"{name}{src.suffix}"
        if not src.exists():
            sys.exit(f"missing {src}: install plasma-workspace-wallpapers")
        if not dst.exists() or dst.stat().st_size != src.stat().st_size:
            shutil.copyfile(src, dst)
    progressive = photos / f"{PROGRESSIVE_420}.jpg"
    if not progressive.exists():
        # A lossless re-encoding of a baseline 4:2:0 photo as progressive: the common camera layout,
        # where the shipped progressive wallpapers are 4:4:4.
        with open(progressive, "wb") as out:
            subprocess.run(["jpegtran", "-progressive", "-copy", "all", str(photos / "safelanding.jpg")],
                           stdout=out, check=True)
    big = photos / f"{BASELINE_20MP}.jpg"
    resample = photos / RESAMPLE_INPUT
    if not big.exists() or not resample.exists():
        # No 15-25 MP photo ships in the package, so one wallpaper is upscaled once
        # (Lanczos) to 5984x3366 = 20.1 MP and saved as a baseline 4:2:0 JPEG at q92.
        subprocess.run([python, str(YARDSTICKS / "make_inputs.py"), str(photos / "safelanding.jpg"), str(big),
                        str(resample)], check=True)
    return photos


def reference(work: Path, python: str, yardsticks: Path, src: Path, size: int):
    """pillow_thumb.py --ideal: full-resolution decode, Lanczos; made once per input and size."""
    refs = work / "ref"
    refs.mkdir(parents=True, exist_ok=True)
    ref = refs / f"{src.stem}-{size}.png"
    if not ref.exists():
        subprocess.run([python, str(yardsticks / "pillow_thumb.py"), str(src), str(ref), str(size), "--ideal"],
                       check=True)
    return ref


def psnr(python: str, yardsticks: Path, ref: Path, out: Path):
    p = subprocess.run([python, str(yardsticks / "psnr.py"), str(ref), str(out)], capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip()
    note = "resized" if "resized" in p.stderr else ""
    return float(p.stdout.strip()), note


def ceiling(tools: Tools, refs):
    """PSNR of the reference itself saved as a q85 4:2:0 JPEG: no thumbnail JPEG can do better."""
    values = []
    for ref in refs:
        out = ref.with_name(ref.stem + "-q85.jpg")
        if not out.exists():
            subprocess.run([tools.python, str(YARDSTICKS / "jpeg_ceiling.py"), str(ref), str(out)], check=True)
        value, _ = psnr(tools.python, tools.yardsticks, ref, out)
        if value is not None:
            values.append(value)
    return statistics.mean(values) if len(values) == len(refs) else None


def score(row: Row, tools: Tools):
    refs = [reference(tools.work, tools.python, tools.yardsticks, src, row.size) for src in row.inputs]
    row.ceiling = ceiling(tools, refs) if row.out_ext == "jpg" else None
    for job in row.jobs:
        if job.failure or not job.runs:
            continue
        values, notes = [], set()
        for ref, src in zip(refs, row.inputs):
            out = next((o for o in job.outputs if o.stem == src.stem), None)
            value, note = psnr(tools.python, tools.yardsticks, ref, out)
            if value is None:
                notes.add("psnr failed")
                continue
            values.append(value)
            if note:
                notes.add(note)
        if values:
            mean = statistics.mean(values)
            job.psnr = f"{mean:.2f}" + (" (mean)" if len(values) > 1 else "")
            job.psnr_value = mean
        if notes:
            job.psnr += " " + ", ".join(sorted(notes))


# --------------------------------------------------------------------------- resampler alone


def resampler_row(args, tools: Tools, photos: Path):
    """Pillow's resize and Imaging's, 3000x2000 RGB -> 256 wide, Lanczos, full convolution, each timed
    in-process around the resize only (decode excluded): the median of per-process medians, the two
    processes alternating."""
    src = photos / RESAMPLE_INPUT
    pillow = [tools.python, str(YARDSTICKS / "pillow_resize.py"), str(src), str(args.resample_runs)]
    runners = [["Pillow resize(LANCZOS)", pillow, [], ""]]
    ours = ["Imaging resized(to:filter: .lanczos)", None, [],
            "not built (needs the Benchmarks package's resample-timer; see Benchmarks/README.md)"]
    if args.resample_timer:
        ours[1], ours[3] = [args.resample_timer, str(src), str(args.resample_runs), "lanczos"], ""
    runners.insert(0, ours)
    for _ in range(args.runs):
        for runner in runners:
            if runner[1] is None or runner[3]:
                continue
            p = subprocess.run(runner[1], capture_output=True, text=True)
            if p.returncode == 0:
                runner[2].append(float(p.stdout.split()[0]))
            else:
                runner[3] = (p.stderr or p.stdout).strip()[-200:]
    print("   measured: resampler alone", file=sys.stderr)
    return [(name, statistics.median(values) if values and not why else None, why)
            for name, _, values, why in runners]


# --------------------------------------------------------------------------- table


def fmt(value, spec, missing="—"):
    return missing if value is None else format(value, spec)


def against(row_key, row: Row, job: Job):
    """The thumbnail command against the yardsticks in the same row: ratios and differences only.
    The targets and the verdicts are in Documentation/Performance.md's tables, not in this script,
    so a changed target needs no change here."""
    if not job.tool.startswith("thumbnail"):
        return ""
    t = job.seconds
    floor = row.floor if row.floor and row.floor.runs else None
    out = []
    if floor:
        out.append(f"{t / floor.seconds:.2f}× floor time, {job.peak_mib - floor.peak_mib:+.1f} MiB RSS vs floor")
    mine = getattr(job, "psnr_value", None)
    for name in ("Pillow", "vipsthumbnail", "Pillow --lanczos"):
        other = row.job(name)
        if not other or not other.runs:
            continue
        parts = [f"{t / other.seconds:.2f}× {name} time"]
        if name == "Pillow":
            parts.append(f"{job.peak_mib - other.peak_mib:+.1f} MiB RSS")
        if mine is not None and hasattr(other, "psnr_value"):
            parts.append(f"{mine - other.psnr_value:+.2f} dB PSNR")
        out.append(", ".join(parts) + f" vs {name}" if len(parts) > 1 else parts[0])
    if row_key == "batch" and job.tool == "thumbnail --jobs 2":
        one = row.job("thumbnail --jobs 1")
        if one and one.runs:
            out.append(f"{one.seconds / t:.2f}× the throughput of --jobs 1")
    return "; ".join(out)


def table(measured, resample, machine, runs):
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        f"thumbnail fitting {SIZE}×{SIZE} (64×64 for start-up), JPEG q85 out (PNG for the PNG row); whole process; "
        f"median of {runs} alternating runs; {machine}; load average at the end {load}",
        "",
        "| input | tool | median s | CPU s | peak RSS MiB | × floor | output bytes | PSNR dB | against the yardsticks |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, row, _ in measured:
        floor = row.floor.seconds if row.floor and row.floor.runs else None
        for job in row.jobs:
            if job.failure or not job.runs:
                reason = job.failure or "not run"
                lines.append(f"| {row.name} | {job.tool} | — | — | — | — | — | — | not measurable: {reason} |")
                continue
            ratio = f"{job.seconds / floor:.2f}" if floor else "—"
            lines.append(
                f"| {row.name} | {job.tool} | {job.seconds:.3f} | {job.cpu_seconds:.2f} | {job.peak_mib:.1f} | {ratio} | "
                f"{fmt(job.output_bytes, ',')} | {job.psnr or '—'} | {against(key, row, job)} |"
            )
        if row.ceiling is not None:
            lines.append(f"| {row.name} | *ceiling: the reference saved as q85 4:2:0* | | | | | | "
                         f"{row.ceiling:.2f} | |")
        if key == "baseline20" and not any(j.tool == "thumbnail" for j in row.jobs):
            lines.append(f"| {row.name} | thumbnail | — | — | — | — | — | — | not measurable: no thumbnail binary |")
    if resample:
        (ours_name, ours, why), (pillow_name, pillow, pwhy) = resample
        verdict = ""
        if ours is not None and pillow is not None:
            verdict = f"{ours / pillow:.2f}× Pillow's resize time"
        lines.append(f"| 3000×2000 RGB → 256 wide, in-process | {ours_name} | {fmt(ours, '.4f')} | — | — | — | — | — "
                     f"| {verdict or 'not measurable: ' + why} |")
        lines.append(f"| 3000×2000 RGB → 256 wide, in-process | {pillow_name} | {fmt(pillow, '.4f')} | — | — | — | — | — "
                     f"| {pwhy} |")
    return "\n".join(lines)


def machine_summary():
    model = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
        return f"{os.cpu_count()} × {model}, {mem / 1024 / 1024:.0f} GiB"
    except OSError:
        return model


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", required=True, help="scratch directory (inputs, outputs, references)")
    ap.add_argument("--yardsticks", default=str(YARDSTICKS),
                    help="directory with pillow_thumb.py and psnr.py (default: Benchmarks/yardsticks)")
    ap.add_argument("--python", default=sys.executable, help="the real interpreter, not a shim")
    ap.add_argument("--floor", required=True, help="floor binary built from floor.c")
    ap.add_argument("--thumbnail", default="", help="thumbnail binary (rows skip when empty)")
    ap.add_argument("--resample-timer", default="", help="Benchmarks' resample-timer binary (optional)")
    ap.add_argument("--runs", type=int, default=5, help="counted runs per tool (default 5)")
    ap.add_argument("--resample-runs", type=int, default=20)
    ap.add_argument("--rows", default="baseline20,baseline,progressive,png,batch,startup,resample",
                    help="comma-separated subset of rows to measure")
    ap.add_argument("--markdown", default="", help="also write the table to this file")
    ap.add_argument("--prepare-only", action="store_true", help="make the inputs, measure nothing")
    args = ap.parse_args()
    if args.thumbnail and not os.access(args.thumbnail, os.X_OK):
        args.thumbnail = ""
    tools = Tools(args)
    photos = prepare(tools.work, tools.python)
    if args.prepare_only:
        print(photos)
        return
    shutil.copyfile(CORPUS / "libjpeg-turbo" / "testorig.jpg", photos / "testorig.jpg")
    wanted = set(args.rows.split(","))

    specs = [
        ("baseline20", "baseline JPEG 20.1 MP (upscaled, q92)", [photos / f"{BASELINE_20MP}.jpg"], "jpg", True),
        ("baseline", "baseline JPEG 14.7 MP (SafeLanding)", [photos / "safelanding.jpg"], "jpg", False),
        ("progressive", "progressive JPEG 14.7 MP 4:2:0 (SafeLanding, jpegtran)",
         [photos / f"{PROGRESSIVE_420}.jpg"], "jpg", False),
        ("progressive", "progressive JPEG 14.7 MP 4:4:4 (Volna, as shipped)", [photos / "volna.jpg"], "jpg",
         False),
        ("png", "PNG 14.7 MP RGBA (Patak) → PNG", [photos / f"{PNG_PHOTO[0]}.png"], "png", False),
        ("startup", "start-up: corpus testorig.jpg 227×149 → 64 px", [photos / "testorig.jpg"], "jpg", False),
    ]
    measured = []
    for key, name, inputs, ext, lanczos in specs:
        if key not in wanted:
            continue
        size = 64 if key == "startup" else SIZE
        row = tools.jobs_for(Row(name, inputs, ext, size=size), lanczos=lanczos)
        measure(row, args.runs, tools.work / "logs" / slug(name))
        score(row, tools)
        measured.append((key, row, args.runs))
    if "batch" in wanted:
        batch = [photos / f"{n}.jpg" for n in PHOTOS]
        row = tools.batch_jobs(Row(f"batch of {len(batch)} JPEGs 14.7 MP", batch, "jpg"))
        measure(row, args.runs, tools.work / "logs" / "batch")
        score(row, tools)
        measured.append(("batch", row, args.runs))
    resample = resampler_row(args, tools, photos) if "resample" in wanted else None
    if not measured and not resample:
        sys.exit("no rows selected")
    text = table(measured, resample, machine_summary(), args.runs)
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text + "\n")


if __name__ == "__main__":
    main()
