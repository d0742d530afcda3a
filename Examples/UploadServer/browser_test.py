#!/usr/bin/env python3
"""End-to-end test of a running upload server in headless Chromium, driven by Selenium.

Opens the page, uploads a corpus photo through the form, waits for its thumbnail and checks the
thumbnail's natural size against Pillow's thumbnail rule on the displayed (EXIF-oriented) size;
opens the page again with every thumbnail request held (Chrome DevTools' Fetch domain) and checks
that each thumbnail shows its ThumbHash placeholder, a PNG data URL as its CSS background; deletes it with its delete button and checks it is gone from the page and its thumbnail answers 404;
then uploads a text file named photo.jpg and checks that the page shows the error.

With --direct-uploads (a server started with --direct-uploads on an S3 bucket, here moto without
authentication, which takes a browser's form post) the form posts each file straight to the bucket
and S3 redirects to the server's finalize URL; an oversized photo (--max-bytes, the server's
--max-file-size) is rejected with its reason too, and the bucket must be empty at the end.

    python3 browser_test.py --url http://127.0.0.1:8080 [--photo PATH] [--screenshot PATH]
    python3 browser_test.py --url … --direct-uploads --bucket-url http://127.0.0.1:5001/media --max-bytes 2000000
        [--placeholder-screenshot PATH]
"""

import argparse
import os
import random
import re
import sys
import tempfile
import urllib.error
import urllib.request

from PIL import Image, ImageOps
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as conditions
from selenium.webdriver.support.ui import WebDriverWait

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_PHOTO = os.path.join(REPO, "Tests", "Fixtures", "corpus", "exif-orientation", "Portrait_6.jpg")


def expected_thumbnail_size(path, box=(256, 256)):
    """Pillow's rule: the displayed image shrunk to fit `box`, aspect ratio kept."""
    with Image.open(path) as image:
        displayed = ImageOps.exif_transpose(image)
        displayed.thumbnail(box)
        return displayed.size


def browser(page_load_strategy="normal"):
    options = Options()
    options.page_load_strategy = page_load_strategy
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1000,900"):
        options.add_argument(flag)
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


def check_placeholders(url, screenshot=None, held="*/media/v/*"):
    """Opens the page with the thumbnails' requests held, never answered, as on a slow network before
    they arrive: each thumbnail must be unloaded and show its placeholder, the ThumbHash as a PNG
    `data:` URL in its CSS background. `held` is the DevTools URL pattern of the thumbnails: the signed
    `/media/v/` route, or the bucket when the page links there. Returns how many thumbnails were checked."""
    # "none": `get` returns at once; with "normal" it would wait for the held images forever.
    driver = browser(page_load_strategy="none")
    try:
        # Fetch.enable pauses every request matching the pattern until a Fetch.continueRequest that
        # never comes (Selenium does not listen to the paused events).
        driver.execute_cdp_cmd("Fetch.enable", {"patterns": [{"urlPattern": held}]})
        driver.get(url + "/")
        wait = WebDriverWait(driver, 60)
        wait.until(conditions.presence_of_element_located((By.CSS_SELECTOR, "#gallery li img.small")))
        wait.until(lambda d: d.execute_script("return document.readyState") != "loading")
        states = driver.execute_script("""
            return Array.from(document.querySelectorAll('#gallery img.small'), image => ({
                src: image.getAttribute('src'), loaded: image.complete && image.naturalWidth > 0,
                background: getComputedStyle(image).backgroundImage }));""")
        assert states, "the page has no thumbnail"
        for state in states:
            assert not state["loaded"], f"the held thumbnail {state['src']} loaded anyway"
            assert state["background"].startswith('url("data:image/png;base64,'), (
                f"the thumbnail {state['src']} has no placeholder background: {state['background'][:80]!r}")
        if screenshot:
            driver.save_screenshot(screenshot)
            print(f"ok: placeholder screenshot saved to {screenshot}")
        return len(states)
    finally:
        driver.quit()


def upload(driver, url, path):
    driver.get(url + "/")
    # The server's form names its file `photo`; a direct upload's form (to the bucket) names it `file`.
    driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(path)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()


def bucket_keys(bucket_url):
    """Every key in the bucket: a ListObjectsV2 the server without authentication answers unsigned."""
    with urllib.request.urlopen(bucket_url + "?list-type=2") as response:
        return re.findall(r"<Key>([^<]*)</Key>", response.read().decode())


def noise_jpeg(path, size):
    """A JPEG of random pixels just over `size` bytes: a real image that only its size disqualifies."""
    side = 64
    while True:
        image = Image.frombytes("RGB", (side, side), random.randbytes(side * side * 3))
        image.save(path, quality=95)
        if os.path.getsize(path) > size:
            return
        side *= 2


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the server's base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--photo", default=DEFAULT_PHOTO, help="the JPEG to upload")
    parser.add_argument("--screenshot", help="where to save a PNG of the page with the photo")
    parser.add_argument("--direct-uploads", action="store_true", help="the server posts forms to the bucket")
    parser.add_argument("--bucket-url", help="with --direct-uploads: the bucket, checked empty at the end")
    parser.add_argument("--max-bytes", type=int, help="with --direct-uploads: the server's --max-file-size")
    parser.add_argument("--placeholder-screenshot", help="where to save a PNG of the page with its thumbnails held")
    args = parser.parse_args()
    if args.direct_uploads and not (args.bucket_url and args.max_bytes):
        parser.error("--direct-uploads needs --bucket-url and --max-bytes")
    url = args.url.rstrip("/")
    name = os.path.basename(args.photo)

    driver = browser()
    try:
        wait = WebDriverWait(driver, 60)
        if args.direct_uploads:
            driver.get(url + "/")
            action = driver.find_element(By.ID, "direct-upload").get_attribute("action")
            assert action.startswith(args.bucket_url.rstrip("/")), f"the form posts to {action}, not the bucket"
            print(f"ok: the form posts straight to the bucket ({action})")
        upload(driver, url, os.path.abspath(args.photo))
        # The form post answers 303 to /; the newest photo is the gallery's first item.
        thumbnail = wait.until(conditions.presence_of_element_located((By.CSS_SELECTOR, "#gallery li img.small")))
        wait.until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", thumbnail))
        natural = tuple(driver.execute_script("return [arguments[0].naturalWidth, arguments[0].naturalHeight]", thumbnail))
        expected = expected_thumbnail_size(args.photo)
        assert natural == expected, f"thumbnail of {name} is {natural}, Pillow's rule gives {expected}"
        first = driver.find_element(By.CSS_SELECTOR, "#gallery li").text
        assert name in first, f"the newest gallery item is {first!r}, not {name}"
        print(f"ok: {name} uploaded; thumbnail {natural[0]}x{natural[1]} as Pillow's rule gives")
        if args.screenshot:
            driver.save_screenshot(args.screenshot)
            print(f"ok: screenshot saved to {args.screenshot}")

        # On S3 (--direct-uploads) the page links its thumbnails to the bucket.
        held = args.bucket_url.rstrip("/") + "/*" if args.direct_uploads else "*/media/v/*"
        checked = check_placeholders(url, args.placeholder_screenshot, held)
        print(f"ok: {checked} thumbnail(s) held back show their ThumbHash placeholder")

        # The delete button: the form post answers 303 to /, the photo is gone from the page, and its
        # thumbnail from the server.
        small_url = thumbnail.get_attribute("src")
        driver.find_element(By.CSS_SELECTOR, "#gallery li form.delete button[type=submit]").click()
        wait.until(conditions.staleness_of(thumbnail))
        items = driver.find_elements(By.CSS_SELECTOR, "#gallery li")
        assert not any(name in item.text for item in items), f"{name} is still in the gallery after its delete"
        try:
            status = urllib.request.urlopen(small_url).status
        except urllib.error.HTTPError as error:
            status = error.code
        assert status == 404, f"the deleted thumbnail {small_url} answers {status}"
        print(f"ok: {name} deleted; its thumbnail answers 404")

        # The file must outlive the wait: the browser reads it only as it sends the form, and a file
        # removed before then makes the submission fail in the browser, with no request at all.
        with tempfile.TemporaryDirectory() as directory:
            fake = os.path.join(directory, "photo.jpg")
            with open(fake, "w") as handle:
                handle.write("This is a text file, not a photo.\n")
            upload(driver, url, fake)
            error = wait.until(conditions.visibility_of_element_located((By.ID, "error"))).text
        assert error.startswith("photo.jpg: "), f"the page shows {error!r}"
        print(f"ok: the page shows the error: {error}")

        if args.direct_uploads:
            # moto enforces no policy, so the oversized photo reaches the bucket; finalize measures it.
            with tempfile.TemporaryDirectory() as directory:
                big = os.path.join(directory, "big.jpg")
                noise_jpeg(big, args.max_bytes)
                upload(driver, url, big)
                error = wait.until(conditions.visibility_of_element_located((By.ID, "error"))).text
            assert error.startswith("big.jpg: ") and "bytes" in error, f"the page shows {error!r}"
            print(f"ok: the page shows the error: {error}")
            left = bucket_keys(args.bucket_url)
            assert not left, f"the bucket still holds {left}"
            print("ok: nothing is left in the bucket")
    finally:
        driver.quit()


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        sys.exit(1)
