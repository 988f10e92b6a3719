"""``GET /demo-tokens``: the demo users and their tokens, so the web page can offer them.

Only the embedded demo has them (``JOBPROCESSOR_REDIS_URL`` unset and ``JOBPROCESSOR_DEMO``
on), and only a browser on the server's own machine that reached it by a loopback name
(``localhost``, ``127.0.0.1``, ``[::1]``: a page of another site that rebinds its own name
to 127.0.0.1 still sends its own name as ``Host``) is told: the tokens sign in with the
demo users' full rights. Everywhere else the answer is 404, as if the path did not exist.
The tokens are the ones ``workers.wfm.demo_people`` wrote to ``<data dir>/demo-tokens.json`` when it
created the users; a token revoked since then will simply be refused at sign-in.
"""

from __future__ import annotations

import ipaddress
import json

from starlette.requests import Request
from starlette.responses import JSONResponse

from workers.engine.settings import Settings
from workers.wfm.demo_people import TOKENS_FILE

NOT_FOUND = {"error": "Not found."}
FIELDS = ("username", "role", "token")


def _from_this_machine(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        peer_is_local = ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
    return peer_is_local and _named_loopback(request.url.hostname or "")


def _named_loopback(hostname: str) -> bool:
    """True when the ``Host`` the request named is this machine's own name or address."""
    if hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(hostname.strip("[]")).is_loopback
    except ValueError:
        return False


def _read_entries(settings: Settings) -> list[dict[str, str]] | None:
    try:
        raw = json.loads((settings.data_dir / TOKENS_FILE).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(raw, list):
        return None
    return [
        {key: entry[key] for key in FIELDS}
        for entry in raw
        if isinstance(entry, dict) and all(isinstance(entry.get(key), str) for key in FIELDS)
    ]


async def demo_tokens(request: Request) -> JSONResponse:
    """``[{"username", "role", "token"}, …]`` in the embedded demo, to local browsers; else 404."""
    settings: Settings = request.app.state.services.settings
    if not (settings.embedded and settings.demo) or not _from_this_machine(request):
        return JSONResponse(NOT_FOUND, status_code=404)
    entries = _read_entries(settings)
    if entries is None:
        return JSONResponse(NOT_FOUND, status_code=404)
    return JSONResponse(entries, headers={"Cache-Control": "no-store"})
