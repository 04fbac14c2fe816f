"""Page tokens and paged walks (shared/paging.py)."""

from __future__ import annotations

import base64
import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared import paging
from shared.errors import BadRequest
from shared.settings import get_settings

SCOPE = "demo#exams"


def _use_secret(monkeypatch, secret: str) -> None:
    monkeypatch.setenv("PAGE_TOKEN_SECRET", secret)
    get_settings.cache_clear()
    paging._secret.cache_clear()


@pytest.fixture(autouse=True)
def secret(monkeypatch):
    _use_secret(monkeypatch, "unit-test-page-token-secret-0001")
    yield
    get_settings.cache_clear()  # the environment is restored after this: read it again
    paging._secret.cache_clear()


def _refused(scope: str, token: str) -> BadRequest:
    with pytest.raises(BadRequest) as refused:
        paging.decode(scope, token)
    error = refused.value
    assert error.status == 400
    assert [e["field"] for e in error.errors] == ["exclusiveStartKey"]
    return error


last_keys = st.dictionaries(st.text(max_size=20), st.one_of(st.text(max_size=40), st.integers()), max_size=5)


@given(last_keys)
def test_a_token_decodes_to_the_key_it_was_made_from(last_key):
    token = paging.encode(SCOPE, last_key)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token), "a token travels in a query string as it is"
    assert paging.decode(SCOPE, token) == last_key


def test_a_token_is_bound_to_its_scope():
    token = paging.encode("demo#exams", {"pk": "demo#exams", "sk": "01ARYZ6S41TSV4RRFFQ69G5FAV"})
    _refused("other#exams", token)  # another tenant
    _refused("demo#candidates", token)  # another resource


def test_a_tampered_token_is_refused():
    token = paging.encode(SCOPE, {"pk": "demo#exams", "sk": "A"})
    raw = bytearray(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    raw[-3] ^= 0x01  # a byte of the key: "A" becomes "@"
    forged = base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")
    assert forged != token
    _refused(SCOPE, forged)
    _refused(SCOPE, token[:-2])  # cut short


def test_a_token_signed_with_another_secret_is_refused(monkeypatch):
    token = paging.encode(SCOPE, {"pk": "demo#exams", "sk": "A"})
    _use_secret(monkeypatch, "another-page-token-secret-00002")
    _refused(SCOPE, token)


@pytest.mark.parametrize("garbage", ["", "a", "not a token", "%%%%", "é", "A" * 40, "eyJwayI6ImEifQ"])
def test_garbage_is_refused(garbage):
    _refused(SCOPE, garbage)


def test_a_signed_token_of_something_other_than_an_object_is_refused():
    _refused(SCOPE, paging.encode(SCOPE, ["demo#exams", "A"]))  # type: ignore[arg-type]


def test_the_refusal_names_the_field_but_not_the_token():
    error = _refused(SCOPE, "secret-looking-token-value")
    assert "secret-looking-token-value" not in str(error.to_problem())


class Pages:
    """A paged list: `fetch(token)` answers (items, next token, extra) and records the tokens asked for."""

    def __init__(self, pages: dict):
        self.pages, self.asked = pages, []

    def fetch(self, token):
        self.asked.append(token)
        items, next_token = self.pages[token]
        return items, next_token, "watermark"


THREE_PAGES = {None: ([1, 2], "t1"), "t1": ([3], "t2"), "t2": ([4, 5], None)}


def test_walk_reads_every_page_and_stops_at_the_last():
    pages = Pages(THREE_PAGES)
    assert list(paging.walk(pages.fetch)) == [1, 2, 3, 4, 5]
    assert pages.asked == [None, "t1", "t2"]


def test_walk_goes_on_past_an_empty_page_that_has_a_next_token():
    """DynamoDB may answer an empty page (a filtered one) that is not the last."""
    pages = Pages({None: ([], "t1"), "t1": ([], "t2"), "t2": ([7], "")})
    assert list(paging.walk(pages.fetch)) == [7]
    assert pages.asked == [None, "t1", "t2"]


@pytest.mark.parametrize(("taken", "asked"), [(0, []), (1, [None]), (2, [None]), (3, [None, "t1"])])
def test_walk_reads_no_page_beyond_what_the_consumer_takes(taken, asked):
    pages = Pages(THREE_PAGES)
    assert list(itertools.islice(paging.walk(pages.fetch), taken)) == [1, 2, 3][:taken]
    assert pages.asked == asked
