"""``GET /files/{job_id}/{name}``: download a job's result file.

Authorised by a signed link (``?expires=…&user=…&sig=…``, as ``ResultFile.downloadUrl``
gives it) or by an ``Authorization: Bearer`` header. A job or file that does not exist,
that the user may not see (by their rights *now*, not when the link was made), a wrong
signature or one made before the user's tokens were revoked all answer the same 404, so
the answer never tells whether a job exists; a correctly signed link that expired answers
403.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api import permissions
from api.auth import authenticate_header
from api.ids import parse_id
from api.links import check_link, link_user
from api.permissions import Viewer
from workers.access import identity
from workers.access.models import User
from workers.engine import lifecycle
from workers.engine.models import JobFile

NOT_FOUND = "No such file. The job or its file may have been deleted, or the link is wrong."
EXPIRED = "This download link has expired. Open the job again for a fresh link."


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def content_disposition(name: str) -> str:
    """An ``attachment`` header naming the file, safe for any characters in ``name``."""
    ascii_name = name.encode("ascii", "replace").decode().replace('"', "'").replace("\\", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


async def _requester(request: Request, job_id: int, name: str) -> Viewer | Response:
    query = request.query_params
    if "sig" in query:
        user_id = link_user(query.get("user"))
        if user_id is None:
            return _error(404, NOT_FOUND)
        check = check_link(
            request.app.state.secret_key,
            job_id=job_id,
            name=name,
            expires=query.get("expires"),
            user=query.get("user"),
            sig=query.get("sig"),
            generation=await identity.token_generation(user_id),
        )
        if check.user_id is None:
            return _error(404, NOT_FOUND)
        if check.expired:
            return _error(403, EXPIRED)
        user = await User.get_or_none(id=check.user_id, is_active=True)
        if user is None:
            return _error(404, NOT_FOUND)
        # The link was signed for the user; what they may see is decided now.
        return await permissions.viewer_for(user)
    found = await authenticate_header(request.headers.get("authorization"))
    if found.viewer is None:
        return _error(401, found.reason)
    return found.viewer


async def download(request: Request) -> Response:
    """Serve one result file (see the module docstring for the rules)."""
    job_id: int = request.path_params["job_id"]
    name: str = request.path_params["name"]
    if parse_id(job_id) is None:
        return _error(404, NOT_FOUND)
    user = await _requester(request, job_id, name)
    if isinstance(user, Response):
        return user
    job = await lifecycle.load(job_id)
    if job is None or not permissions.can_view_job(user, job):
        return _error(404, NOT_FOUND)
    stored = await JobFile.get_or_none(job_id=job_id, name=name)
    if stored is None:
        return _error(404, NOT_FOUND)
    return Response(
        bytes(stored.content),
        media_type=stored.content_type,
        headers={
            "Content-Disposition": content_disposition(name),
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )
