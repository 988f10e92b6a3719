"""Signed download links for result files.

A link names the job, the file, the user it was made for and when it expires, and carries
an HMAC of those — and of the user's *token generation* — with the server's secret key: it
works without a token (a browser simply follows it) but only for that user, only until it
expires, only for that file, and only until the user's tokens are revoked (revoking moves
the generation, :func:`workers.access.identity.token_generation`).

A link starts with ``JOBPROCESSOR_PUBLIC_URL`` when it is set, and is relative
(``/files/…``) otherwise: never with the host a request named, so a forged ``Host``
header cannot make the server hand out links to another site.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from urllib.parse import quote, urlencode


def _signature(
    secret: str, job_id: int, name: str, user_id: int, expires: int, generation: int
) -> str:
    message = f"{job_id}\n{name}\n{user_id}\n{expires}\n{generation}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def file_path(job_id: int, name: str) -> str:
    """The path a result file is served at."""
    return f"/files/{job_id}/{quote(name, safe='')}"


def signed_url(
    base_url: str | None,
    secret: str,
    *,
    job_id: int,
    name: str,
    user_id: int,
    generation: int,
    lifetime_seconds: int,
    now: float | None = None,
) -> str:
    """A download URL for ``user_id``, valid for ``lifetime_seconds`` and while their token
    generation stays ``generation``; under ``base_url``, or relative when it is ``None``."""
    expires = int((now if now is not None else time.time()) + lifetime_seconds)
    query = urlencode(
        {
            "expires": expires,
            "user": user_id,
            "sig": _signature(secret, job_id, name, user_id, expires, generation),
        }
    )
    return f"{(base_url or '').rstrip('/')}{file_path(job_id, name)}?{query}"


@dataclass(frozen=True)
class LinkCheck:
    """The outcome of checking a link: whose it is, or why it is refused."""

    user_id: int | None = None
    expired: bool = False

    @property
    def valid(self) -> bool:
        return self.user_id is not None and not self.expired


def check_link(
    secret: str,
    *,
    job_id: int,
    name: str,
    expires: str | None,
    user: str | None,
    sig: str | None,
    generation: int,
    now: float | None = None,
) -> LinkCheck:
    """Check a link's query parameters against the user's current token ``generation``.

    A wrong or missing signature, or one made before the user's tokens were revoked,
    gives ``LinkCheck()`` (refused, nothing said); a correctly signed but expired link
    gives ``expired=True``.
    """
    if not (expires and user and sig and _is_number(expires) and _is_number(user)):
        return LinkCheck()
    expected = _signature(secret, job_id, name, int(user), int(expires), generation)
    if not hmac.compare_digest(expected, sig):
        return LinkCheck()
    if int(expires) < (now if now is not None else time.time()):
        return LinkCheck(user_id=int(user), expired=True)
    return LinkCheck(user_id=int(user))


def link_user(user: str | None) -> int | None:
    """The user id a link's ``user`` parameter names, if it is a number."""
    return int(user) if user and _is_number(user) else None


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= 18
