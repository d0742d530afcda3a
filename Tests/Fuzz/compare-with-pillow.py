#!/usr/bin/env python3
"""Runs every JPEG and PNG file in a folder through the library (the `image-survey` tool) and
through Pillow, and prints where they disagree (and where the library's streamed thumbnail is not
its in-memory one), then a count per kind of outcome.

    pip install pillow
    swift build -c release --package-path Tests/Fuzz --product image-survey
    python3 Tests/Fuzz/compare-with-pillow.py FOLDER --survey Tests/Fuzz/.build/release/image-survey

Made for Pillow's own Tests/images (files no one here made; they are not committed): a file that
Pillow opens and the library rejects, or the reverse, a crash, or a size mismatch is a finding.
Only the folder's own files (not its subfolders) are read; a file Pillow identifies as another
format is counted, not compared.
Exit status 0 always: the output is a report, read it.
"""
import argparse
import collections
import pathlib
import subprocess
import warnings

from PIL import Image, ImageOps

warnings.simplefilter("ignore")
Image.MAX_IMAGE_PIXELS = None  # the library's own limit is compared, not Pillow's warning


def pillow(path):
    """(format, stored size, decode outcome, displayed size, thumbnail size) as Pillow sees the file."""
    try:
        image = Image.open(path)
        fmt, size = image.format, image.size
    except Exception as error:  # noqa: BLE001 - any failure to open is an outcome
        return None, None, f"error: {error}", None, None
    try:
        image.load()
        shown = ImageOps.exif_transpose(image)
        thumb = shown.copy()
        thumb.thumbnail((128, 128))
        return fmt, size, "ok", shown.size, thumb.size
    except Exception as error:  # noqa: BLE001
        return fmt, size, f"error: {type(error).__name__}: {error}", None, None


def survey(tool, path):
    """The library's probe, decode and thumbnail outcomes, or the crash."""
    run = subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        return {"crash": f"exit {run.returncode}: {run.stderr.strip()[-300:]}"}
    fields = run.stdout.rstrip("\n").split("\t")[1:]
    return dict(field.split("=", 1) for field in fields)



def classify(path, tool):
    fmt, stored, loaded, shown, thumb = pillow(path)
    if fmt is not None and fmt not in ("JPEG", "MPO", "PNG"):
        return "not JPEG/PNG for Pillow", fmt
    ours = survey(tool, path)
    if "crash" in ours:
        return "CRASH", ours["crash"]
    probe, decode, thumbnail = ours["probe"], ours["decode"], ours["thumbnail"]
    pillow_ok = loaded == "ok"
    ours_ok = not decode.startswith("error")
    if pillow_ok and not ours_ok:
        return "Pillow decodes, we reject", f"{decode}"
    if ours_ok and not pillow_ok:
        return "we decode, Pillow rejects", f"ours {decode}; Pillow {loaded}"
    if not ours_ok:
        return "both reject", f"ours {decode.split(':')[1]}; Pillow {loaded[:80]}"
    problems = []
    if not probe.startswith("error"):
        probed = tuple(int(n) for n in probe.split()[1].split("x"))
        if probed != stored:
            problems.append(f"probe {probed} vs Pillow {stored}")
    else:
        problems.append(f"probe fails: {probe}")
    decoded = tuple(int(n) for n in decode.split("x"))
    if decoded != shown:
        problems.append(f"decoded {decoded} vs Pillow {shown}")
    if thumbnail.startswith("error"):
        problems.append(f"thumbnail fails: {thumbnail}")
    elif tuple(int(n) for n in thumbnail.split("x")) != thumb:
        problems.append(f"thumbnail {thumbnail} vs Pillow {thumb}")
    if ours["streamed"] != thumbnail:
        problems.append(f"streamed thumbnail {ours['streamed']} vs in memory {thumbnail}")
    return ("size mismatch", "; ".join(problems)) if problems else ("agree", "")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=pathlib.Path)
    parser.add_argument("--survey", default=".build/release/image-survey", help="the image-survey executable")
    arguments = parser.parse_args()
    # The folder's own files, not its subfolders (a flattened copy: apng/x.png saved as apng__x.png).
    files = sorted(p for p in arguments.folder.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
    counts = collections.Counter()
    for path in files:
        kind, detail = classify(path, arguments.survey)
        counts[kind] += 1
        if kind not in ("agree", "not JPEG/PNG for Pillow"):
            print(f"{kind}\t{path.name}\t{detail}")
    print(f"\n{len(files)} files:")
    for kind, count in counts.most_common():
        print(f"  {count:4d}  {kind}")


if __name__ == "__main__":
    main()
