"""A public feed as it is sent, and what it takes to answer for it again.

Under each public feed's address (which feed, which filters, language, host, day) the
cache keeps:

- its fingerprint (`FeedState`, the ETag) and file name, memoised under the generation
  of `activities.generation`: valid until anything the fingerprint reads changes, so a
  request for an unchanged feed needs neither the fingerprint's query nor the page's
  privacy check;
- its bytes, once plain and once gzip-compressed, each with the ETag they were built
  under, sent as stored: no rebuild, no compression. A client that takes gzip reads only
  the compressed copy (a few tens of kilobytes for a feed of a megabyte).

The three are read in one cache round trip. Any change to the feed moves the generation,
then its fingerprint; bytes built under another ETag are never sent. Old copies expire.
"""

import gzip
import hashlib
import re

from django.core.cache import cache
from django.utils import timezone, translation

from activities import generation

KEEP_SECONDS = 6 * 60 * 60
# As Django's GZipMiddleware reads the header.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Fast enough to build on a miss, within a few per cent of the smallest size for a feed.
COMPRESS_LEVEL = 6
ENCODINGS = ("gzip", "identity")


def accepts_gzip(request) -> bool:
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


class Remembered:
    """What the cache holds for one public feed's address, read in one round trip."""

    def __init__(self, request, address: str):
        parts = (
            address,
            translation.get_language(),
            request.get_host(),
            request.scheme,
            # Feeds cover whole days: a new day may bring a session into the window.
            timezone.localdate().isoformat(),
        )
        self.key = "feeds:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
        self._found = generation.lookup(self.key, *(self._bytes_key(e) for e in ENCODINGS))

    def _bytes_key(self, encoding: str) -> str:
        return f"{self.key}:{encoding}"

    @property
    def fingerprint(self):
        """(FeedState, file name) kept under the current generation, or None."""
        return self._found.value

    def keep_fingerprint(self, state, filename: str) -> None:
        self._found.keep((state, filename), timeout=KEEP_SECONDS)

    def body(self, etag: str, *, packed: bool) -> bytes | None:
        kept = self._found.others.get(self._bytes_key("gzip" if packed else "identity"))
        if isinstance(kept, tuple) and kept[0] == etag:
            return kept[1]
        return None

    def keep_bodies(self, etag: str, plain: bytes, compressed: bytes) -> None:
        cache.set_many(
            {
                self._bytes_key("identity"): (etag, plain),
                self._bytes_key("gzip"): (etag, compressed),
            },
            KEEP_SECONDS,
        )


def feed_bytes(source, request, state, *, packed: bool, kept: Remembered | None) -> bytes:
    """The feed's bytes, gzip-compressed if `packed`: as `kept` holds them for this ETag,
    else built now (and kept, when there is a `kept` to keep them in)."""
    if kept is not None:
        body = kept.body(state.etag, packed=packed)
        if body is not None:
            return body
    plain = source.build(request, state)
    compressed = gzip.compress(plain, compresslevel=COMPRESS_LEVEL, mtime=0)
    if kept is not None:
        kept.keep_bodies(state.etag, plain, compressed)
    return compressed if packed else plain
