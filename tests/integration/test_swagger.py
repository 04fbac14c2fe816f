"""`/swagger` (emulator/swagger.py): Swagger UI on the very bytes `/openapi.json` serves, working offline
(its assets come from the local server), and usable: in headless Chromium an integrator authorizes
with a key, tries an operation and sees its 200."""

from __future__ import annotations

import http.client
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from shared.errors import PROBLEM_JSON, PROBLEM_TYPE_BASE

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
UI_TIMEOUT_MS = 60_000


def raw_get(server, path: str) -> tuple[int, dict[str, str], bytes]:
    """A GET of `path` sent exactly as written (no client-side normalization of `..` or escapes)."""
    url = urlsplit(server.base_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_swagger_page_loads_the_served_document_and_its_assets_from_the_server(server):
    document = requests.get(server.url("/openapi.json"), timeout=30).content
    page = requests.get(server.url("/swagger"), timeout=30)
    assert page.status_code == 200
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "connect-src 'self'" in page.headers["Content-Security-Policy"]
    init = requests.get(server.url("/swagger/init.js"), timeout=30)
    assert init.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert 'url: "/openapi.json"' in init.text
    for asset, media_type in [
        ("swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
        ("swagger-ui.css", "text/css; charset=utf-8"),
    ]:
        assert f'"/swagger/assets/{asset}"' in page.text
        response = requests.get(server.url(f"/swagger/assets/{asset}"), timeout=30)
        assert response.status_code == 200, asset
        assert response.headers["Content-Type"] == media_type
        assert len(response.content) > 10_000, asset  # the package's file, not a stub
    # The link Powertools' page had: the same document, not another one.
    assert requests.get(server.url("/swagger?format=json"), timeout=30).content == document


@pytest.mark.parametrize(
    "path",
    [
        "/swagger/assets/../../package.json",
        "/swagger/assets/../../../pyproject.toml",
        "/swagger/assets/%2e%2e/%2e%2e/package.json",
        "/swagger/assets/..%2f..%2fpackage.json",
        "/swagger/assets//etc/passwd",
        "/swagger/assets/index.html",  # in the package, but not a file the page needs
        "/swagger/assets/swagger-ui-bundle.js.map",
        "/swagger/assets/",
        "/swagger/",
    ],
)
def test_no_other_file_is_served_under_swagger(server, path):
    status, headers, body = raw_get(server, path)
    assert status == 404, body[:200]
    assert headers["Content-Type"] == PROBLEM_JSON
    problem = json.loads(body)
    assert problem["status"] == 404 and problem["type"].startswith(PROBLEM_TYPE_BASE), problem


@pytest.mark.parametrize("server", ["moto"], indirect=True)  # one backend: the page is the same on both
def test_swagger_ui_authorizes_and_executes_an_operation_offline(server):
    from playwright.sync_api import sync_playwright

    served = requests.get(server.url("/openapi.json"), timeout=30).content
    origin = urlsplit(server.base_url)
    requested: list[str] = []
    loaded: list[bytes] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(UI_TIMEOUT_MS)
            page.on("request", lambda request: requested.append(request.url))
            # Anything not for this server is refused (it is recorded above, and fails the test below).
            page.route(
                "**/*",
                lambda route: (
                    route.continue_() if urlsplit(route.request.url).netloc == origin.netloc else route.abort()
                ),
            )
            with page.expect_response(server.url("/openapi.json")) as document_response:
                page.goto(server.url("/swagger"))
            loaded.append(document_response.value.body())

            operation = page.locator('.opblock-get:has(.opblock-summary-path[data-path="/exams/{tenantId}"])')
            operation.wait_for()
            page.locator(".auth-wrapper button.authorize").click()
            modal = page.locator(".modal-ux")
            modal.get_by_text("apiKey").first.wait_for()
            offered = modal.inner_text()  # the document's scheme: the key in the Authorization header
            modal.locator("input").fill(server.client_key)
            modal.locator("button.authorize").click()
            modal.locator("button.btn-done").click()

            operation.locator(".opblock-summary-control").click()
            operation.locator("button.try-out__btn").click()
            operation.locator('tr[data-param-name="tenantId"] input').fill("demo")
            with page.expect_response(lambda r: urlsplit(r.url).path == "/exams/demo") as api_response:
                operation.locator("button.execute").click()
            sent = api_response.value.request.all_headers()
            status = operation.locator(".live-responses-table .response .response-col_status").first
            status.wait_for()
            shown = status.inner_text().strip()
            spec_string = page.evaluate("() => window.ui.specSelectors.specStr()")
        finally:
            browser.close()

    assert "Name: Authorization" in offered and "In: header" in offered, offered
    assert shown == "200", shown
    assert sent["authorization"] == server.client_key
    assert loaded == [served]
    assert spec_string.encode() == served
    outside = [url for url in requested if urlsplit(url).netloc != origin.netloc and not url.startswith("data:")]
    assert not outside, outside
