#!/usr/bin/env python3
"""The direct-upload rows of Documentation/Performance.md: one UploadServer (release) on a moto bucket
with --direct-uploads, the 14.7 MP photo.

  1. Bytes the app server receives for one direct upload: the finalize request (measured by the
     client) plus everything S3 sends the server (a counting TCP proxy sits between the server and
     moto; the browser's form post goes to moto directly, so the proxy sees the server's traffic only).
  2. The server's RSS growth (VmRSS every 20 ms) while 8 finalizes of 8 uploaded photos run at once.
  3. Latency, one request at a time, alternating: GET /photos/finalize against POST /photos of the
     same photo on the same server (streamed through the server to the bucket). Medians.

    python3 Benchmarks/direct_uploads.py SERVER_BINARY WORK --photo PATH --endpoint MOTO_NOAUTH_URL [--runs 7]

Environment: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY for the server (moto's IAM user, .ci/moto).
"""
import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import threading
import time
import urllib.parse
import urllib.request
import uuid


class CountingProxy:
    """Forwards 127.0.0.1:port to the upstream, counting the bytes each way."""

    def __init__(self, upstream_port):
        self.upstream = upstream_port
        self.down = 0  # upstream -> server
        self.up = 0
        self.lock = threading.Lock()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            client, _ = self.listener.accept()
            server = socket.create_connection(("127.0.0.1", self.upstream))
            threading.Thread(target=self.pipe, args=(client, server, "up"), daemon=True).start()
            threading.Thread(target=self.pipe, args=(server, client, "down"), daemon=True).start()

    def pipe(self, source, target, direction):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                with self.lock:
                    setattr(self, direction, getattr(self, direction) + len(data))
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def reset(self):
        with self.lock:
            self.down = self.up = 0


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def page(base):
    with urllib.request.urlopen(base + "/") as response:
        return response.read().decode()


def unescape(text):
    return (text.replace("&quot;", '"').replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&amp;", "&"))


def post_to_bucket(html, photo_bytes, moto_port):
    """Posts the page's direct-upload form with the photo, to moto itself; returns the finalize query."""
    action = unescape(re.search(r'<form method="post" action="([^"]+)"', html).group(1))
    fields = [(unescape(n), unescape(v)) for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)]
    boundary = uuid.uuid4().hex
    body = b""
    for name, value in fields:
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    body += f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\n'.encode()
    body += b"Content-Type: image/jpeg\r\n\r\n" + photo_bytes + f"\r\n--{boundary}--\r\n".encode()
    path = urllib.parse.urlsplit(action).path
    connection = http.client.HTTPConnection("127.0.0.1", moto_port, timeout=120)
    connection.request("POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    response = connection.getresponse()
    response.read()
    assert response.status == 303, f"the bucket answered {response.status}"
    return urllib.parse.urlsplit(response.getheader("Location")).query


def request(port, method, path, body=None, headers=None):
    """One request on a fresh connection; returns (status, seconds, bytes sent)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    headers = dict(headers or {})
    start = time.perf_counter()
    connection.request(method, path, body, headers)
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - start
    line = f"{method} {path} HTTP/1.1\r\n"
    sent = len(line) + sum(len(k) + len(v) + 4 for k, v in headers.items()) + len("Host: 127.0.0.1:xxxxx\r\n") + 2
    sent += len(body or b"")
    connection.close()
    return response.status, elapsed, sent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("server")
    parser.add_argument("work")
    parser.add_argument("--photo", required=True)
    parser.add_argument("--endpoint", required=True, help="moto without authentication, http://127.0.0.1:PORT")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--concurrent", type=int, default=8)
    args = parser.parse_args()
    photo = open(args.photo, "rb").read()
    moto_port = urllib.parse.urlsplit(args.endpoint).port
    bucket = "direct-bench-" + uuid.uuid4().hex[:12]
    urllib.request.urlopen(urllib.request.Request(f"{args.endpoint}/{bucket}", method="PUT")).read()
    proxy = CountingProxy(moto_port)
    port = free_port()
    os.makedirs(args.work, exist_ok=True)
    log = open(os.path.join(args.work, "server.log"), "w")
    server = subprocess.Popen(
        [args.server, "--host", "127.0.0.1", "--port", str(port), "--database", f"sqlite:{args.work}/gallery.sqlite",
         "--s3-bucket", bucket, "--s3-endpoint", f"http://127.0.0.1:{proxy.port}", "--direct-uploads",
         "--upload-concurrency", "0"],
        stdout=log, stderr=log, env=dict(os.environ, TMPDIR=args.work))
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                page(base)
                break
            except OSError:
                time.sleep(0.1)
        multipart_boundary = "DirectBenchBoundary"
        streamed_body = (f'--{multipart_boundary}\r\nContent-Disposition: form-data; name="photo"; filename="photo.jpg"\r\n'
                         "Content-Type: image/jpeg\r\n\r\n").encode() + photo + f"\r\n--{multipart_boundary}--\r\n".encode()
        streamed_headers = {"Content-Type": f"multipart/form-data; boundary={multipart_boundary}", "Accept": "application/json"}
        # Warm-up: one of each.
        query = post_to_bucket(page(base), photo, moto_port)
        assert request(port, "GET", "/photos/finalize?" + query)[0] == 303
        assert request(port, "POST", "/photos", streamed_body, streamed_headers)[0] == 201

        # 1. Bytes.
        query = post_to_bucket(page(base), photo, moto_port)
        proxy.reset()
        status, _, sent = request(port, "GET", "/photos/finalize?" + query)
        assert status == 303
        time.sleep(0.2)
        from_s3 = proxy.down
        print(f"photo: {os.path.basename(args.photo)}, {len(photo)} bytes")
        print(f"direct upload: finalize request {sent} bytes; from S3 {from_s3} bytes "
              f"({from_s3 / len(photo):.3f}x the photo); total {sent + from_s3}")
        proxy.reset()
        status, _, sent = request(port, "POST", "/photos", streamed_body, streamed_headers)
        print(f"streamed upload: request {sent} bytes; from S3 {proxy.down} bytes; total {sent + proxy.down}")

        # 2. RSS during concurrent finalizes.
        queries = [post_to_bucket(page(base), photo, moto_port) for _ in range(args.concurrent)]
        time.sleep(0.5)
        baseline = rss_kib(server.pid)
        peak = [baseline]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], rss_kib(server.pid))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        statuses = []
        threads = [threading.Thread(target=lambda q=q: statuses.append(request(port, "GET", "/photos/finalize?" + q)[0]))
                   for q in queries]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        done.set()
        sampler.join()
        assert statuses == [303] * args.concurrent, statuses
        print(f"RSS: {baseline / 1024:.1f} MiB before {args.concurrent} concurrent finalizes, peak {peak[0] / 1024:.1f} MiB, "
              f"growth {(peak[0] - baseline) / 1024:.1f} MiB")

        # 3. Latency, alternating.
        direct, streamed = [], []
        for _ in range(args.runs):
            query = post_to_bucket(page(base), photo, moto_port)
            status, seconds, _ = request(port, "GET", "/photos/finalize?" + query)
            assert status == 303
            direct.append(seconds)
            status, seconds, _ = request(port, "POST", "/photos", streamed_body, streamed_headers)
            assert status == 201
            streamed.append(seconds)
        d, s = statistics.median(direct), statistics.median(streamed)
        print(f"latency ({args.runs} runs each, alternating): finalize median {d * 1000:.0f} ms "
              f"({min(direct) * 1000:.0f}-{max(direct) * 1000:.0f}); streamed POST /photos median {s * 1000:.0f} ms "
              f"({min(streamed) * 1000:.0f}-{max(streamed) * 1000:.0f}); ratio {d / s:.2f}")
        load = os.getloadavg()
        print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


if __name__ == "__main__":
    main()
