#!/usr/bin/env python3
"""DC-only decoding of progressive JPEGs at 1/8 (Documentation/Performance.md#progressive-jpegs-at-18-dc-scans-only): the `thumbnail` command against floor.c and
Pillow, whole process, on progressive photos made losslessly with `jpegtran -progressive`.

Run through progressive.sh (it builds floor and thumbnail and installs what is missing). Uses
compare.py's process timing (posix_spawn under GNU time, medians of alternating runs).
"""
import argparse
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402  (the shared timing and the wallpaper inputs)


def make_inputs(work: Path, python: str):
    photos = compare.prepare(work, python)
    progressive20 = photos / "progressive-20mp.jpg"
    if not progressive20.exists():
        with open(progressive20, "wb") as out:
            subprocess.run(["jpegtran", "-progressive", "-copy", "all", str(photos / f"{compare.BASELINE_20MP}.jpg")],
                           stdout=out, check=True)
    baseline12 = photos / "baseline-12mp.jpg"
    progressive12 = photos / "progressive-12mp.jpg"
    if not progressive12.exists():
        # 4000 × 3000 = 12.0 MP, the size of a phone photo, from a wallpaper (Lanczos, q92, 4:2:0).
        code = ("import sys\nfrom PIL import Image\n"
                "im = Image.open(sys.argv[1]).convert('RGB')\n"
                "im.resize((4000, 3000), Image.LANCZOS).save(sys.argv[2], 'JPEG', quality=92, subsampling='4:2:0')\n")
        subprocess.run([python, "-c", code, str(photos / "safelanding.jpg"), str(baseline12)], check=True)
        with open(progressive12, "wb") as out:
            subprocess.run(["jpegtran", "-progressive", "-copy", "all", str(baseline12)], stdout=out, check=True)
    return photos


def skipped_share(path: Path):
    """The share of the file in AC scans the 1/8 decode replaces (the rule of JPEGDCScanFilter:
    an AC scan of a component whose subsampling is not a multiple of 2 on both axes)."""
    data = path.read_bytes()
    i, needs_ac, skipped = 2, set(), 0
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker == 0xD9:
            break
        if marker in (0xFF, 0x00, 0x01) or 0xD0 <= marker <= 0xD8:
            i += 2 if marker != 0xFF else 1
            continue
        length = data[i + 2] << 8 | data[i + 3]
        segment = data[i:i + 2 + length]
        i += 2 + length
        if marker == 0xC2:
            count = segment[9]
            factors = [(segment[10 + 3 * k], segment[11 + 3 * k] >> 4, segment[11 + 3 * k] & 15) for k in range(count)]
            mh, mv = max(f[1] for f in factors), max(f[2] for f in factors)
            needs_ac = {c for c, h, v in factors if mh % (2 * h) == 0 and mv % (2 * v) == 0}
        if marker == 0xDA:
            start = i
            while i + 1 < len(data) and not (data[i] == 0xFF and data[i + 1] not in (0x00, *range(0xD0, 0xD8))):
                i += 1
            spectral_start = segment[5 + 2 * segment[4]]
            if spectral_start != 0 and segment[4] == 1 and segment[5] not in needs_ac:
                skipped += i - start
    return skipped / len(data)


def decode_peaks(binary, photos, inputs, runs):
    """The peak memory of one 1/8 decode in a process of its own (decode-peak resets the kernel's
    peak-RSS mark after reading the file): the whole-file path (the coefficient buffer every
    progressive decode held before) against the in-memory and the streamed DC-only decode; the
    streamed rows include the thumbnail's resize, and compare with the streamed whole-file decode."""
    modes = [("whole", "whole file (libjpeg's coefficient buffer; as before)"),
             ("memory", "DC-only, in memory (`Image(decoding:)`)"),
             ("streamed-whole", "streamed thumbnail of the row's size, whole file (as before)"),
             ("streamed", "DC-only, streamed thumbnail (`FileObject.thumbnail`'s path)")]
    lines = ["Peak memory of one decode at 1/8 (`decode-peak`: the rise of the process's peak RSS over its RSS "
             f"once the file is read, median of {runs} runs):", "",
             "| input | file MiB | path | decode peak MiB | × as before | median s |", "|---|---:|---|---:|---:|---:|"]
    for label, name, size, cover in inputs:
        path = photos / f"{name}.jpg"
        results = {}
        for mode, _ in modes:
            peaks, times = [], []
            for _ in range(runs):
                argv = [binary, str(path), mode] + ([str(size)] + (["cover"] if cover else []) if mode.startswith("streamed") else [])
                out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
                fields = dict(f.split("=", 1) for f in out.split())
                peaks.append(int(fields["decode_peak_kib"]) / 1024)
                times.append(float(fields["seconds"]))
            results[mode] = (statistics.median(peaks), statistics.median(times))
        for mode, description in modes:
            peak, seconds = results[mode]
            before = results["streamed-whole" if mode.startswith("streamed") else "whole"][0]
            lines.append(f"| {label} | {path.stat().st_size / 2**20:.1f} | {description} | {peak:.1f} | "
                         f"{peak / before:.3f} | {seconds:.3f} |")
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--thumbnail", required=True)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--markdown", default="")
    ap.add_argument("--decode-peak", default="", help="Benchmarks' decode-peak binary: peak memory of one decode")
    args = ap.parse_args()
    work = Path(args.work)
    photos = make_inputs(work, args.python)
    outputs = work / "progressive-out"
    logs = work / "progressive-logs"
    outputs.mkdir(exist_ok=True)
    logs.mkdir(exist_ok=True)
    pillow = str(compare.YARDSTICKS / "pillow_thumb.py")

    def jobs(name, size, cover):
        src = photos / f"{name}.jpg"
        box = ["--width", str(size), "--height", str(size), "--fit", "cover"] if cover else ["--size", str(size)]
        thumb_dir = outputs / f"thumbnail-{name}-{size}"
        thumb_out = thumb_dir / f"{name}.jpg"
        return [
            compare.Job("thumbnail", [([args.thumbnail, *box, "--quality", "85", "--output-dir", str(thumb_dir),
                                        str(src)], thumb_out)]),
            compare.Job("floor", [([args.floor, str(src), str(outputs / f"floor-{name}-{size}.jpg"), str(size)],
                                   outputs / f"floor-{name}-{size}.jpg")]),
            compare.Job("Pillow", [([args.python, pillow, str(src), str(outputs / f"pillow-{name}-{size}.jpg"),
                                     str(size)], outputs / f"pillow-{name}-{size}.jpg")]),
        ]

    rows = [
        ("progressive JPEG 20.1 MP 4:2:0 → 256 px", "progressive-20mp", 256, False, True),
        ("progressive JPEG 12.0 MP 4:2:0 → 128×128 avatar (cover)", "progressive-12mp", 128, True, True),
        ("progressive JPEG 14.7 MP 4:4:4 (Volna, as shipped) → 256 px", "volna", 256, False, True),
        ("baseline JPEG 20.1 MP 4:2:0 → 256 px (path unchanged)", compare.BASELINE_20MP, 256, False, False),
    ]
    measured = []
    for label, name, size, cover, progressive in rows:
        row_jobs = jobs(name, size, cover)
        compare.alternate(row_jobs, args.runs, logs)
        share = skipped_share(photos / f"{name}.jpg") if progressive else 0.0
        measured.append((label, name, row_jobs, share))

    lines = [
        f"Whole process, JPEG q85 out, median of {args.runs} alternating runs; {compare.cores()}; "
        f"load average at the end {compare.load_average()}",
        "",
        "| input | tool | median s | peak RSS MiB | × floor | × Pillow | file skipped |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for label, name, row_jobs, share in measured:
        floor, pil = row_jobs[1], row_jobs[2]
        for job in row_jobs:
            if job.failure or not job.runs:
                lines.append(f"| {label} | {job.tool} | — | — | — | — | not measurable: {job.failure} |")
                continue
            ratio_floor = f"{job.seconds / floor.seconds:.2f}" if floor.runs else "—"
            ratio_pillow = f"{job.seconds / pil.seconds:.2f}" if pil.runs else "—"
            skipped = f"{share * 100:.0f} %" if job.tool == "thumbnail" and share else ""
            lines.append(f"| {label} | {job.tool} | {job.seconds:.3f} | {job.peak_mib:.1f} | {ratio_floor} | "
                         f"{ratio_pillow} | {skipped} |")
    if args.decode_peak:
        progressive_inputs = [(label, name, size, cover) for label, name, size, cover, progressive in rows
                              if progressive]
        lines += ["", *decode_peaks(args.decode_peak, photos, progressive_inputs, args.runs)]
    compare.emit(lines, args.markdown)


if __name__ == "__main__":
    main()
