"""The web page at ``/``: frontend-demo's built files, once the setup has built them.

``scripts/setup`` builds ``frontend-demo/dist`` (``npm run build``). When it is there, ``/``
is its ``index.html`` and ``/assets/…`` its scripts and styles (names carry a content hash,
so browsers may keep them; the page itself is never cached, so a new build shows at once).
Without a build, ``/`` is a short page that says how to get one and points at GraphiQL.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

DIST = Path(__file__).resolve().parent.parent / "frontend-demo" / "dist"

#: The page loads nothing from elsewhere; its WebSocket goes to this server.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)

PLACEHOLDER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>JobProcessor</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>JobProcessor</h1>
<p>Runs long background jobs and lets you watch and control them.</p>
<p>The web page is not built in this installation: run <code>scripts/setup</code> (it needs
Node.js) and restart the server.</p>
<p><a href="/graphql">Open GraphiQL</a> to explore the API. Put your token in the
<em>Headers</em> tab: <code>{"Authorization": "Bearer &lt;token&gt;"}</code>.</p>
<p>Health: <a href="/healthz">/healthz</a></p>
</body></html>
"""


def built(dist: Path = DIST) -> bool:
    """True when ``dist`` holds a built page."""
    return (dist / "index.html").is_file()


def routes(dist: Path = DIST) -> list[BaseRoute]:
    """``/`` and ``/assets`` for the built page in ``dist``, or ``/`` for the placeholder."""
    if not built(dist):

        async def placeholder(request: Request) -> HTMLResponse:
            return HTMLResponse(PLACEHOLDER)

        return [Route("/", placeholder), Route("/jobs/{job_id:int}", placeholder),
                Route("/operations", placeholder)]
    index = dist / "index.html"

    async def page(request: Request) -> FileResponse:
        return FileResponse(
            index,
            media_type="text/html",
            headers={
                "Cache-Control": "no-cache",
                "Content-Security-Policy": CONTENT_SECURITY_POLICY,
                "X-Content-Type-Options": "nosniff",
            },
        )

    # One page serves every address of the page: /?filters…, /jobs/{id} (a job's dialog,
    # for links) and /operations (workers and queues) are read by the page itself.
    found: list[BaseRoute] = [Route("/", page), Route("/jobs/{job_id:int}", page),
                              Route("/operations", page)]
    if (dist / "assets").is_dir():
        found.append(Mount("/assets", app=StaticFiles(directory=dist / "assets")))
    return found
