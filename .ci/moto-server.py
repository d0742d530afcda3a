#!/usr/bin/env python3
"""moto_server with one fidelity fix, so that it checks Signature Version 4 as S3 does.

moto rebuilds the signed request from werkzeug's `request.url`, which decodes `%2F` in the query to
`/` (`?delimiter=%2F` becomes `?delimiter=/`). Its canonical query then differs from the one every
SDK signs (AWS encodes `/` in query values), and every listing with a delimiter or a prefix fails with
SignatureDoesNotMatch, boto3's own included. This wrapper hands moto the query exactly as it arrived
(the server's RAW_URI); nothing else changes.

    python3 .ci/moto-server.py -H 127.0.0.1 -p PORT      # the same arguments as moto_server
"""
import sys

from moto.core import responses
from moto.server import main

_setup_class = responses.BaseResponse.setup_class


def setup_class(self, request, full_url, headers, use_raw_body=False):
    environ = getattr(request, "environ", None) or {}
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI") or ""
    if "?" in raw and "?" in full_url:
        full_url = full_url.split("?", 1)[0] + "?" + raw.split("?", 1)[1]
    return _setup_class(self, request, full_url, headers, use_raw_body)


responses.BaseResponse.setup_class = setup_class

if __name__ == "__main__":
    sys.exit(main())
