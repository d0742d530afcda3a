#!/usr/bin/env python3
"""Drives the scale-out deployment .ci/scale-out starts: nginx round-robin in front of two UploadServer
processes that share one PostgreSQL database and one S3 bucket (moto).

    python3 .ci/scale_out.py bucket NAME
    python3 .ci/scale_out.py run --nginx URL --server-a URL --server-b URL --server-b-pid PID \
        --bucket NAME --signing-key HEX --photo-dir DIR [--bench] -- SWEEP_COMMAND...

`bucket` creates the bucket. `run` checks, in order:
  1. 200 uploads through nginx, 8 at a time, land on both servers; every photo is in GET /photos of
     both servers (asked directly); every variant exists once, under its deterministic name; no two
     rows share an object; every object outside the staging prefix is referenced; after a sweep
     nothing is staged.
  2. A missing variant asked of both servers at once, several times each, through its signed
     /media/v URL: every answer 200 with the same bytes, one object under the one name.
  3. (--bench) uploads/s at concurrency 8 through nginx (two servers) and straight to one server.
  4. Server B SIGKILLed in the middle of a stream of uploads: nginx keeps answering (GETs retried on A;
     uploads started after the kill all succeed); after a sweep the bucket holds exactly what rows
     reference, and every object a row references exists.
SWEEP_COMMAND is the server's `sweep` subcommand with the servers' flags; `--all-staged` is added (no
upload is in progress when it runs).
Standard library plus boto3 (.ci/setup installs it); the S3 endpoint and keys come from moto.env.
"""

import argparse
import base64
import hashlib
import hmac
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

SPECS = ("small", "avatar")
STAGING_PREFIX = "staging/"


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def s3_client():
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=os.environ["FILES_S3_TEST_ENDPOINT"],
        aws_access_key_id=os.environ["FILES_S3_TEST_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["FILES_S3_TEST_SECRET_ACCESS_KEY"],
        region_name=os.environ.get("FILES_S3_TEST_REGION", "us-east-1"),
        config=Config(s3={"addressing_style": "path"}),
    )


def bucket_keys(s3, bucket):
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        keys += [item["Key"] for item in page.get("Contents", [])]
    return keys


# HTTP ---------------------------------------------------------------------------------------------


def request(url, data=None, headers=None, method=None, timeout=120):
    """(status, body, headers); status 0 when no HTTP answer came (refused, reset)."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        return 0, str(error).encode(), {}


def upload(base, path):
    """POSTs the photo at `path` as the form's `photo`: (status, JSON or None, upstream address)."""
    boundary = uuid.uuid4().hex
    with open(path, "rb") as f:
        content = f.read()
    body = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="photo"; filename="{os.path.basename(path)}"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode() + content + f"\r\n--{boundary}--\r\n".encode()
    status, answer, headers = request(
        base + "/photos",
        data=body,
        method="POST",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "Accept": "application/json"},
    )
    photo = json.loads(answer) if status == 201 else None
    return status, photo, headers.get("X-Upstream") if headers else None, answer


def gallery(base):
    status, body, _ = request(base + "/photos", headers={"Accept": "application/json"})
    check(status == 200, f"GET {base}/photos answered {status}: {body[:300]!r}")
    return json.loads(body)


def uploads(base, photos, concurrency):
    """Uploads every path of `photos` to `base`, `concurrency` at a time: the results, in order."""
    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(lambda path: upload(base, path), photos))


def unescape(text):
    return (text.replace("&quot;", '"').replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&amp;", "&"))


def direct_upload(base, path):
    """As a browser does with `--direct-uploads`: the page (through nginx, from either server), its
    presigned form posted with the photo straight to the bucket, then the finalize URL the bucket
    redirects to, through nginx. Results shaped as `upload`'s (the finalize's answer)."""
    status, page, _ = request(base + "/")
    if status != 200:
        return status, None, None, page
    page = page.decode()
    action = unescape(re.search(r'<form method="post" action="([^"]+)"', page).group(1))
    fields = [(unescape(n), unescape(v))
              for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)]
    boundary = uuid.uuid4().hex
    body = b""
    for name, value in fields:
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    with open(path, "rb") as f:
        content = f.read()
    body += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
             f'filename="{os.path.basename(path)}"\r\nContent-Type: image/jpeg\r\n\r\n').encode()
    body += content + f"\r\n--{boundary}--\r\n".encode()
    target = urllib.parse.urlsplit(action)
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
    connection.request("POST", target.path or "/", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    answer = connection.getresponse()
    answer.read()
    connection.close()
    if answer.status != 303:
        return answer.status, None, None, f"the bucket answered {answer.status}".encode()
    status, answer, headers = request(answer.getheader("Location"), headers={"Accept": "application/json"})
    photo = json.loads(answer) if status == 201 else None
    return status, photo, headers.get("X-Upstream") if headers else None, answer


def direct_uploads(base, photos, concurrency):
    """`direct_upload` for every path of `photos`, `concurrency` at a time: the results, in order."""
    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(lambda path: direct_upload(base, path), photos))


# What rows reference, and what the bucket holds --------------------------------------------------


def referenced_names(rows):
    names = []
    for row in rows:
        names.append(row["name"])
        names += [thumbnail["name"] for thumbnail in row["thumbnails"].values()]
    return names


def stem(name):
    directory, _, file = name.rpartition("/")
    base = file.rsplit(".", 1)[0] if "." in file else file
    return (directory + "/" if directory else "") + base


def expect_bucket_matches_rows(s3, bucket, rows, stage, references_may_be_staged=False):
    """Every object outside staging is referenced by exactly one row, and every reference exists
    (or, with `references_may_be_staged`, is still staged: a server died between the commit and the
    promotion, and the sweep promotes it). Returns the staged keys."""
    names = referenced_names(rows)
    duplicates = sorted({n for n in names if names.count(n) > 1}) if len(set(names)) != len(names) else []
    check(not duplicates, f"{stage}: rows share objects: {duplicates[:10]}")
    keys = bucket_keys(s3, bucket)
    staged = [k for k in keys if k.startswith(STAGING_PREFIX)]
    stored = set(keys) - set(staged)
    missing = sorted(set(names) - stored)
    if references_may_be_staged:
        staged_names = {key.split("/", 2)[2] for key in staged if key.count("/") >= 2}
        missing = [name for name in missing if name not in staged_names]
    check(not missing, f"{stage}: rows reference {len(missing)} missing objects: {missing[:10]}")
    unreferenced = sorted(stored - set(names))
    check(not unreferenced, f"{stage}: {len(unreferenced)} objects no row references: {unreferenced[:10]}")
    for row in rows:
        check(set(row["thumbnails"]) == set(SPECS), f"{stage}: photo {row['id']} has thumbnails {sorted(row['thumbnails'])}")
        for spec, thumbnail in row["thumbnails"].items():
            # The deterministic name is the source's stem, the spec, then a digest of the recipe.
            prefix = stem(row["name"]) + "." + spec + "-"
            check(thumbnail["name"].startswith(prefix), f"{stage}: {thumbnail['name']} is not {spec}'s name for {row['name']}")
            copies = [k for k in stored if k.startswith(prefix)]
            if references_may_be_staged and not copies:
                continue
            check(copies == [thumbnail["name"]], f"{stage}: the {spec} variant of {row['name']} is stored as {copies}")
    return staged


def sweep(command):
    started = time.monotonic()
    result = subprocess.run(command + ["--all-staged"], capture_output=True, text=True, timeout=300)
    check(result.returncode == 0, f"the sweep failed ({result.returncode}): {result.stdout}{result.stderr}")
    print(f"  {result.stdout.strip()} ({time.monotonic() - started:.1f} s)")


def expect_same_gallery(args, uploaded_ids):
    lists = [gallery(args.server_a), gallery(args.server_b)]
    check(lists[0] and [r["id"] for r in lists[0]] == [r["id"] for r in lists[1]],
          "the two servers list different galleries")
    check([r["name"] for r in lists[0]] == [r["name"] for r in lists[1]], "the two servers name the photos differently")
    ids = {r["id"] for r in lists[0]}
    missing = sorted(set(uploaded_ids) - ids)
    check(not missing, f"uploaded photos missing from GET /photos: {missing[:10]}")
    return lists[0]


# The checks --------------------------------------------------------------------------------------


def two_hundred_uploads(args, s3, photos):
    print("== 200 uploads through nginx, 8 at a time: 160 streamed through the servers, 40 direct to the bucket")
    started = time.monotonic()
    plan = [random.choice(photos) for _ in range(200)]
    results = uploads(args.nginx, plan[:160], 8) + direct_uploads(args.nginx, plan[160:], 8)
    elapsed = time.monotonic() - started
    failed = [(status, answer[:200]) for status, photo, _, answer in results if photo is None]
    check(not failed, f"{len(failed)} uploads failed: {failed[:5]}")
    upstreams = {}
    for _, _, upstream, _ in results:
        upstreams[upstream] = upstreams.get(upstream, 0) + 1
    print(f"  {len(results)} uploads in {elapsed:.1f} s ({len(results) / elapsed:.1f}/s), by server: {upstreams}")
    check(len(upstreams) == 2 and min(upstreams.values()) >= 40, f"nginx did not spread the uploads: {upstreams}")
    rows = expect_same_gallery(args, [photo["id"] for _, photo, _, _ in results])
    staged = expect_bucket_matches_rows(s3, args.bucket, rows, "after 200 uploads")
    print(f"  {len(rows)} rows, both servers list them all; {len(referenced_names(rows))} objects, "
          f"each referenced once; {len(staged)} staged")
    sweep(args.sweep_command)
    staged = expect_bucket_matches_rows(s3, args.bucket, gallery(args.server_a), "after the sweep")
    check(not staged, f"staged objects left after the sweep: {staged[:10]}")
    return rows


def signed_variant_path(key, spec, source):
    encoded = "/".join(urllib.parse.quote(segment, safe="") for segment in source.split("/"))
    path = f"/{spec}/{encoded}"
    digest = hmac.new(key, path.encode(), hashlib.sha256).digest()
    return "/media/v/" + base64.urlsafe_b64encode(digest).decode().rstrip("=") + path


def one_missing_variant_from_both_servers(args, s3, rows):
    print("== one missing variant asked of both servers at once")
    row = rows[len(rows) // 2]
    name = row["thumbnails"]["small"]["name"]
    s3.delete_object(Bucket=args.bucket, Key=name)
    path = signed_variant_path(bytes.fromhex(args.signing_key), "small", row["name"])
    targets = [args.server_a, args.server_b] * 4
    barrier = threading.Barrier(len(targets))

    def fetch(base):
        barrier.wait()
        return request(base + path)

    with ThreadPoolExecutor(len(targets)) as pool:
        answers = list(pool.map(fetch, targets))
    statuses = [status for status, _, _ in answers]
    check(statuses == [200] * len(targets), f"the variant requests answered {statuses}: {answers[0][1][:200]!r}")
    bodies = {body for _, body, _ in answers}
    check(len(bodies) == 1, f"the servers answered {len(bodies)} different variants")
    prefix = stem(row["name"]) + ".small-"
    copies = [k for k in bucket_keys(s3, args.bucket) if k.startswith(prefix)]
    check(copies == [name], f"the variant is stored as {copies}, not once as {name}")
    stored = s3.get_object(Bucket=args.bucket, Key=name)["Body"].read()
    check(stored == bodies.pop(), "the stored variant differs from the one served")
    print(f"  {len(targets)} answers, 200 and identical ({len(stored)} bytes); stored once as {name}")


def throughput(base, photos, count):
    plan = [photos[i % len(photos)] for i in range(count)]
    started = time.monotonic()
    results = uploads(base, plan, 8)
    elapsed = time.monotonic() - started
    check(all(photo for _, photo, _, _ in results), f"uploads to {base} failed during the benchmark")
    return count / elapsed


def bench(args, photos):
    print("== throughput at concurrency 8: nginx over two servers, and one server")
    two, one = [], []
    for _ in range(args.bench_runs):
        two.append(throughput(args.nginx, photos, args.bench_count))
        one.append(throughput(args.server_a, photos, args.bench_count))
    load = os.getloadavg()
    print(f"  two servers: {', '.join(f'{v:.2f}' for v in two)} uploads/s, median {statistics.median(two):.2f}")
    print(f"  one server:  {', '.join(f'{v:.2f}' for v in one)} uploads/s, median {statistics.median(one):.2f}")
    print(f"  load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def kill_one_server_mid_stream(args, s3, photos):
    print("== server B SIGKILLed in the middle of a stream of uploads")
    plan = [random.choice(photos) for _ in range(60)]
    done = threading.Semaphore(0)
    killed_at = []
    results = [None] * len(plan)

    def post(index):
        started = time.monotonic()
        results[index] = (started, *upload(args.nginx, plan[index]))
        done.release()

    def killer():
        for _ in range(15):
            done.acquire()
        killed_at.append(time.monotonic())
        os.kill(args.server_b_pid, signal.SIGKILL)

    gets = []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            status, body, _ = request(args.nginx + "/photos", headers={"Accept": "application/json"})
            gets.append(status)
            time.sleep(0.1)

    threads = [threading.Thread(target=killer), threading.Thread(target=reader)]
    for thread in threads:
        thread.start()
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(post, range(len(plan))))
    threads[0].join()
    stop.set()
    threads[1].join()
    killed = killed_at[0]
    before = [r for r in results if r[0] < killed]
    after = [r for r in results if r[0] >= killed]
    failed_before = [r[1] for r in before if r[2] is None]
    failed_after = [(r[1], r[4][:200]) for r in after if r[2] is None]
    print(f"  {len(before)} uploads started before the kill ({len(failed_before)} failed: {failed_before}), "
          f"{len(after)} after it; {len(gets)} GET /photos through nginx meanwhile")
    check(after, "no upload started after the kill")
    check(not failed_after, f"uploads started after the kill failed: {failed_after[:5]}")
    check(all(status == 200 for status in gets), f"GET /photos through nginx answered {sorted(set(gets))}")
    for _ in range(10):
        gallery(args.nginx)
    rows = gallery(args.server_a)
    uploaded = [r[2]["id"] for r in results if r[2]]
    check(set(uploaded) <= {row["id"] for row in rows}, "an upload answered 201 is not in the gallery")
    staged = expect_bucket_matches_rows(s3, args.bucket, rows, "after the kill", references_may_be_staged=True)
    print(f"  {len(staged)} staged objects before the sweep")
    sweep(args.sweep_command)
    rows = gallery(args.server_a)
    staged = expect_bucket_matches_rows(s3, args.bucket, rows, "after the kill and the sweep")
    check(not staged, f"staged objects left after the sweep: {staged[:10]}")
    print(f"  after the sweep: {len(rows)} rows, the bucket holds exactly what they reference")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("bucket")
    make.add_argument("name")
    run = commands.add_parser("run")
    run.add_argument("--nginx", required=True)
    run.add_argument("--server-a", required=True)
    run.add_argument("--server-b", required=True)
    run.add_argument("--server-b-pid", type=int, required=True)
    run.add_argument("--bucket", required=True)
    run.add_argument("--signing-key", required=True)
    run.add_argument("--photo-dir", action="append", required=True)
    run.add_argument("--bench", action="store_true")
    run.add_argument("--bench-runs", type=int, default=3)
    run.add_argument("--bench-count", type=int, default=48)
    run.add_argument("sweep_command", nargs="+")
    args = parser.parse_args()

    s3 = s3_client()
    if args.command == "bucket":
        s3.create_bucket(Bucket=args.name)
        return 0
    photos = sorted(
        os.path.join(d, f) for d in args.photo_dir for f in os.listdir(d) if f.lower().endswith((".jpg", ".jpeg"))
    )
    check(photos, "no sample photos found")
    random.seed(19)
    try:
        rows = two_hundred_uploads(args, s3, photos)
        one_missing_variant_from_both_servers(args, s3, rows)
        if args.bench:
            bench(args, photos)
        kill_one_server_mid_stream(args, s3, photos)
    except Failure as failure:
        print(f"scale-out check failed: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
