"""Settings of the Django side of Benchmarks/uploads.sh: one view, production settings, no database.

The media root comes from UPLOAD_BENCH_MEDIA_ROOT so each measured run starts from an empty folder.
Upload handling is Django's default: files up to FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MiB) in memory,
larger ones (the benchmark's photo) streamed to a temporary file while they arrive.
"""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("UPLOAD_BENCH_SECRET_KEY", "upload-benchmark-only-not-a-secret")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["photos"]

# Django's default stack minus what needs a database (sessions, auth, messages).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "uploadbench.urls"
WSGI_APPLICATION = "uploadbench.wsgi.application"
DATABASES = {}

USE_TZ = True
MEDIA_ROOT = os.environ.get("UPLOAD_BENCH_MEDIA_ROOT", str(BASE_DIR / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_TEMP_DIR = os.environ.get("UPLOAD_BENCH_TEMP_DIR") or None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
