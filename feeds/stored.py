"""A built feed as it is sent: plain and gzip bytes, built and compressed once.

A public feed is kept in the cache under its fingerprint (the ETag), once plain and once
compressed, so a request for a feed that did not change costs one cache read of the bytes
it sends: no rebuild, no compression. A client that takes gzip reads only the compressed
copy (a few tens of kilobytes for a feed of a megabyte). Any change to the feed changes
its fingerprint, so a stale copy is never sent; old copies expire on their own.
"""

import gzip
import re

from django.core.cache import cache

KEEP_SECONDS = 6 * 60 * 60
# As Django's GZipMiddleware reads the header.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Fast enough to build on a miss, within a few per cent of the smallest size for a feed.
COMPRESS_LEVEL = 6


def accepts_gzip(request) -> bool:
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def key(etag: str, encoding: str) -> str:
    return f"feeds:{etag}:{encoding}"


def feed_bytes(source, request, state, *, packed: bool, keep: bool) -> bytes:
    """The feed's bytes, gzip-compressed if `packed`; kept in the cache if `keep`."""
    encoding = "gzip" if packed else "identity"
    if keep:
        body = cache.get(key(state.etag, encoding))
        if body is not None:
            return body
    plain = source.build(request, state)
    compressed = gzip.compress(plain, compresslevel=COMPRESS_LEVEL, mtime=0)
    if keep:
        cache.set_many(
            {key(state.etag, "identity"): plain, key(state.etag, "gzip"): compressed},
            KEEP_SECONDS,
        )
    return compressed if packed else plain
