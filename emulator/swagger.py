"""`/swagger` on the local server: Swagger UI showing the very document `/openapi.json` serves, offline.

The page and its init script are written here; Swagger UI's script and stylesheet are the files of
the npm package `swagger-ui-dist` (pinned in package.json, installed by `npm ci`), served by the
local server under /swagger/assets/. Only the files named in ASSETS are served (with their media
types): every other path, under /swagger/assets/ or anywhere, is not one of these routes, so the
gateway answers it with its 404 problem and no file outside that list can be read. The page's
Content-Security-Policy lets it load and fetch from its own origin only."""

from __future__ import annotations

import functools
import html
from pathlib import Path

from emulator.gateway import gateway_problem

ROOT = Path(__file__).resolve().parent.parent
ASSET_DIR = ROOT / "node_modules" / "swagger-ui-dist"
PAGE_PATH = "/swagger"
INIT_PATH = "/swagger/init.js"
ASSET_PREFIX = "/swagger/assets/"
DOCUMENT_URL = "/openapi.json"
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "favicon-32x32.png": "image/png",
}
NOT_INSTALLED = "Swagger UI's assets are not installed (run `make install`)"
PATHS = frozenset({PAGE_PATH, INIT_PATH, *(ASSET_PREFIX + name for name in ASSETS)})

# Swagger UI sets style attributes and draws its icons from data: URLs; everything else is 'self'.
SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} - Swagger UI</title>
  <link rel="stylesheet" href="{assets}swagger-ui.css">
  <link rel="icon" type="image/png" href="{assets}favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{assets}swagger-ui-bundle.js"></script>
  <script src="{init}"></script>
</body>
</html>
"""

# The document is fetched from DOCUMENT_URL, so what Swagger UI shows is /openapi.json's bytes. Its
# Authorize button offers the document's own security scheme (the API key, in Authorization).
INIT = """window.ui = SwaggerUIBundle({{
  url: {url},
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  queryConfigEnabled: false,
}});
"""


@functools.cache
def _asset(name: str) -> bytes | None:
    path = ASSET_DIR / name
    return path.read_bytes() if path.is_file() else None


def serve(path: str) -> tuple[int, dict[str, str], bytes]:
    """The answer to a GET of one of PATHS."""
    headers = {"X-Content-Type-Options": "nosniff"}
    if path == PAGE_PATH:
        from generators.openapi import TITLE

        page = PAGE.format(title=html.escape(TITLE), assets=ASSET_PREFIX, init=INIT_PATH)
        headers |= {"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": SECURITY_POLICY}
        return 200, headers, page.encode()
    if path == INIT_PATH:
        script = INIT.format(url=f'"{DOCUMENT_URL}"')
        return 200, headers | {"Content-Type": "text/javascript; charset=utf-8"}, script.encode()
    name = path.removeprefix(ASSET_PREFIX)
    content = _asset(name) if name in ASSETS else None
    if content is None:
        return gateway_problem(404, "Not Found", NOT_INSTALLED, "not-found")
    return 200, headers | {"Content-Type": ASSETS[name]}, content
