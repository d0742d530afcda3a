#!/usr/bin/env python3
"""A 500 MB upload through the Hummingbird example server (Documentation/Performance.md, "Large uploads"), for upload-stream.sh.

    python3 Benchmarks/upload_stream.py SERVER_BINARY WORK_DIR [--megabytes 500] [--runs 3]
        [--concurrent 8] [--hey-concurrency 8]

1. Writes WORK_DIR/body.bin once: one multipart file part, field `photo`, MEGABYTES x 10^6 bytes
   from /dev/urandom. It is not an image, and the route answers 400 only after
   `request.formData()` has returned, that is after the whole file was streamed to a temporary
   file; so the time to the 400 is the time to stream the body to disk. The script checks that:
   it watches the temporary directory and reports the largest temporary file it saw.
2. Starts the server (`--max-file-size` above the body, TMPDIR and the media root in WORK_DIR,
   port 0 read from its log), sends one `GET /`, and takes its VmRSS as the baseline.
3. RUNS times, one after the other: `curl --data-binary @body.bin` to POST /photos (no
   `Expect: 100-continue`, which would add curl's one-second wait), while a thread reads the
   server's VmRSS from /proc every 50 ms. Reports MB/s (body bytes / curl's time_total) and RSS
   growth (the run's peak minus the baseline before the first run). Checks the answer is 400 and
   that the temporary directory is empty afterwards.
4. CONCURRENT such uploads at once, while `hey -c HEY_CONCURRENCY` sends `GET /` for as long as
   they last (stopped with SIGINT when the last upload ends); reports GET / p99 from hey, each
   upload's MB/s, the aggregate MB/s, and the RSS growth. Checks no temporary file is left.
Prints Markdown tables on stdout; progress on stderr.
"""
import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("server")
parser.add_argument("work")
parser.add_argument("--megabytes", type=int, default=500)
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--concurrent", type=int, default=8)
parser.add_argument("--hey-concurrency", type=int, default=8)
args = parser.parse_args()

work = os.path.abspath(args.work)
tmp = os.path.join(work, "tmp")
media = os.path.join(work, "media")
os.makedirs(tmp, exist_ok=True)
os.makedirs(media, exist_ok=True)
boundary = "------------------------5b2e8f0c1d7a4936"
size = args.megabytes * 1_000_000
body = os.path.join(work, "body.bin")
header = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"big.bin\"\r\n"
          "Content-Type: application/octet-stream\r\n\r\n").encode()
trailer = f"\r\n--{boundary}--\r\n".encode()
if not os.path.exists(body) or os.path.getsize(body) != len(header) + size + len(trailer):
    print(f"writing {body}", file=sys.stderr)
    with open(body, "wb") as out, open("/dev/urandom", "rb") as random:
        out.write(header)
        left = size
        while left:
            piece = random.read(min(left, 1 << 20))
            out.write(piece)
            left -= len(piece)
        out.write(trailer)
body_size = os.path.getsize(body)


def log(message):
    print(message, file=sys.stderr, flush=True)


def cpu_seconds(pid):
    """User + system CPU time of the process so far (all its threads)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Sampler(threading.Thread):
    """VmRSS of the server and the largest temporary file, every 50 ms, until stopped."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.largest_temporary = pid, 0, 0
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            self.peak = max(self.peak, rss_kib(self.pid))
            for name in os.listdir(tmp):
                try:
                    self.largest_temporary = max(self.largest_temporary, os.path.getsize(os.path.join(tmp, name)))
                except FileNotFoundError:
                    pass
            self.stopping.wait(0.05)

    def stop(self):
        self.stopping.set()
        self.join()
        self.peak = max(self.peak, rss_kib(self.pid))


def upload(port):
    """POSTs the body; returns (status, seconds)."""
    result = subprocess.run(
        ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total}", "-H", "Expect:",
         "-H", f"Content-Type: multipart/form-data; boundary={boundary}", "-H", "Accept: application/json",
         "--data-binary", f"@{body}", f"http://127.0.0.1:{port}/photos"],
        capture_output=True, text=True, check=True)
    status, seconds = result.stdout.split()
    return int(status), float(seconds)


def leftovers():
    return os.listdir(tmp) + [name for name in os.listdir(media) if name != "records"]


environment = dict(os.environ, TMPDIR=tmp)
server = subprocess.Popen(
    [args.server, "--port", "0", "--media-root", media, "--max-file-size", str(size * 2)],
    env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
port = None
for line in server.stdout:
    match = re.search(r"Listening on http://[^:]+:(\d+)", line)
    if match:
        port = int(match.group(1))
        break
if port is None:
    sys.exit("the server did not start")
threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()  # drain its log

try:
    subprocess.run(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{port}/"], check=True)
    baseline = rss_kib(server.pid)
    log(f"server pid {server.pid} on port {port}, VmRSS {baseline} KiB")
    load = os.getloadavg()
    rows = []
    for run in range(args.runs):
        sampler = Sampler(server.pid)
        sampler.start()
        cpu = cpu_seconds(server.pid)
        status, seconds = upload(port)
        cpu = cpu_seconds(server.pid) - cpu
        time.sleep(0.1)
        sampler.stop()
        left = leftovers()
        rows.append((status, body_size / 1e6 / seconds, (sampler.peak - baseline) / 1024, sampler.largest_temporary,
                     left, body_size / 1e6 / max(cpu, 0.01)))
        log(f"run {run + 1}: {status}, {rows[-1][1]:.0f} MB/s, RSS +{rows[-1][2]:.1f} MiB, "
            f"largest temporary file {sampler.largest_temporary} B, left {left}, server CPU {cpu:.2f} s")

    # Concurrent uploads while hey hammers GET /.
    sampler = Sampler(server.pid)
    sampler.start()
    concurrent_cpu = cpu_seconds(server.pid)
    hey = subprocess.Popen(
        ["hey", "-z", "10m", "-c", str(args.hey_concurrency), f"http://127.0.0.1:{port}/"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    time.sleep(1)
    results = [None] * args.concurrent
    start = time.monotonic()

    def one(index):
        results[index] = upload(port)

    threads = [threading.Thread(target=one, args=(index,)) for index in range(args.concurrent)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - start
    concurrent_cpu = cpu_seconds(server.pid) - concurrent_cpu
    time.sleep(0.5)
    hey.send_signal(signal.SIGINT)
    report, _ = hey.communicate(timeout=60)
    sampler.stop()
    concurrent_left = leftovers()
    p99 = re.search(r"99% in ([\d.]+) secs", report)
    requests = re.search(r"Requests/sec:\s+([\d.]+)", report)
    statuses = re.findall(r"\[(\d+)\]\s+(\d+) responses", report)
    errors = re.search(r"Error distribution:(.*)", report, re.S)
finally:
    server.send_signal(signal.SIGTERM)
    try:
        exit_status = server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        exit_status = "killed after 30 s"

print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the start; body {body_size} bytes; "
      f"server exit status {exit_status}")
print()
print("| upload | status | MB/s (wall clock) | MB per server CPU-second | RSS growth MiB | largest temporary file | left behind |")
print("|---|---|---|---|---|---|---|")
for index, (status, speed, growth, largest, left, per_cpu) in enumerate(rows):
    print(f"| {index + 1} of {args.runs}, alone | {status} | {speed:.0f} | {per_cpu:.0f} | {growth:.1f} | {largest} | "
          f"{len(left)} files |")
speeds = [body_size / 1e6 / seconds for _, seconds in results]
print(f"| median of {args.runs} | | **{statistics.median(r[1] for r in rows):.0f}** | "
      f"{statistics.median(r[5] for r in rows):.0f} | "
      f"**{statistics.median(r[2] for r in rows):.1f}** (max {max(r[2] for r in rows):.1f}) | | |")
print(f"| {args.concurrent} at once (each) | {sorted(set(s for s, _ in results))} | "
      f"median {statistics.median(speeds):.0f} (min {min(speeds):.0f}) | | {(sampler.peak - baseline) / 1024:.1f} | "
      f"{sampler.largest_temporary} | {len(concurrent_left)} files |")
print(f"| {args.concurrent} at once (aggregate) | | {args.concurrent * body_size / 1e6 / wall:.0f} | "
      f"{args.concurrent * body_size / 1e6 / max(concurrent_cpu, 0.01):.0f} | | | |")
print()
print(f"GET / with hey -c {args.hey_concurrency} during the {args.concurrent} uploads ({wall:.1f} s): "
      f"p99 **{float(p99.group(1)) * 1000:.1f} ms**, {requests.group(1) if requests else '?'} requests/s, "
      f"statuses {statuses}{', errors ' + errors.group(1).strip() if errors else ''}")
