"""GraphiQL served from this server instead of a CDN.

Strawberry's GraphiQL page loads React and GraphiQL from unpkg.com. Machines without
internet access (and users who do not want a third party in their tool) get a blank
page. The setup installs the same package versions with npm into ``frontend-demo``;
when they are there, the page's CDN addresses are rewritten to ``/graphiql-assets/…``
(the Subresource Integrity hashes stay, and still match: the files are identical).
"""

from __future__ import annotations

import re
from pathlib import Path

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

NODE_MODULES = Path(__file__).resolve().parent.parent / "frontend-demo" / "node_modules"
PREFIX = "/graphiql-assets"
#: The npm packages Strawberry's GraphiQL page loads.
PACKAGES = ("graphiql", "react", "react-dom", "@graphiql/plugin-explorer", "js-cookie")
_UNPKG = re.compile(r"https://unpkg\.com/(?P<package>@?[^@/]+(?:/[^@/]+)?)@[^/]+/(?P<path>[^\"']+)")


def available(node_modules: Path = NODE_MODULES) -> bool:
    """True when every package GraphiQL needs is installed locally."""
    return all((node_modules / package / "package.json").exists() for package in PACKAGES)


def localise(html: str) -> str:
    """Point the page's unpkg.com addresses at the locally served copies."""

    def local(match: re.Match[str]) -> str:
        package = match.group("package")
        if package not in PACKAGES:
            return match.group(0)
        return f"{PREFIX}/{package}/{match.group('path')}"

    return _UNPKG.sub(local, html)


def routes(node_modules: Path = NODE_MODULES) -> list[Mount]:
    """Static mounts for the packages (none when they are not installed)."""
    if not available(node_modules):
        return []
    return [
        Mount(f"{PREFIX}/{package}", app=StaticFiles(directory=node_modules / package))
        for package in PACKAGES
    ]
