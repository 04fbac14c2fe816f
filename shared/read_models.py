"""The delivery use case's read models: the testing-center calendar, a candidate's registrations,
results to ingest, and which registration processes a candidate may use."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from shared import engine, keys, paging
from shared.auth import Caller
from shared.errors import BadRequest, NotFound, field_error
from shared.models.testing_centers import REMOTE
from shared.resources import (
    CANDIDATES,
    EXAM_REG_PROCESSES,
    EXAM_REGISTRATIONS,
    EXAM_RESULTS,
    EXAMS,
    TESTING_CENTERS,
)
from shared.settings import get_settings

MAX_CALENDAR_DAYS = 92


def calendar(
    caller: Caller, center_code: str, first: date, last: date, limit: int, token: str | None
) -> tuple[dict[str, Any], str | None]:
    """Registrations at a center from `first` to `last` (inclusive), grouped by the center's local day."""
    if last < first:
        raise BadRequest("'to' is before 'from'", [field_error("to", "must not be before from", "invalid-range")])
    if (last - first).days + 1 > MAX_CALENDAR_DAYS:
        raise BadRequest(
            f"a calendar spans at most {MAX_CALENDAR_DAYS} days",
            [field_error("to", f"at most {MAX_CALENDAR_DAYS} days after from", "range-too-long")],
        )
    if center_code == REMOTE:
        zone_name = "UTC"
    else:
        zone_name = engine.find_by_unique(TESTING_CENTERS, caller, "code", center_code)["timezone"]
    zone = ZoneInfo(zone_name)
    try:
        start = keys.utc_key(datetime.combine(first, time.min, zone).isoformat())
        end = keys.utc_key(datetime.combine(last + timedelta(days=1), time.min, zone).isoformat())
    except (ValueError, OverflowError):  # the center's days reach before year 1 or after 9999 in UTC
        raise BadRequest(
            "the calendar's days must fall between the years 1 and 9999 in UTC",
            [field_error("from", "out of range", "out-of-range")],
        ) from None
    items, next_token, _ = engine.query_index(
        EXAM_REGISTRATIONS,
        caller,
        "calendar",
        center_code,
        limit,
        token,
        sk_between=(start, end),
    )
    days: dict[str, list[dict[str, Any]]] = {}
    for registration in items:
        local = datetime.fromisoformat(registration["scheduled_at"].replace("Z", "+00:00")).astimezone(zone)
        days.setdefault(local.date().isoformat(), []).append(registration)
    body = {
        "testing_center_code": center_code,
        "timezone": zone_name,
        "from": first.isoformat(),
        "to": last.isoformat(),
        "days": [{"date": day, "registrations": regs} for day, regs in days.items()],
    }
    return body, next_token


def registrations_of(caller: Caller, candidate_id: str, limit: int, token: str | None) -> engine.IndexPage:
    """A candidate's registrations, newest first."""
    engine.get(CANDIDATES, caller, candidate_id)
    return engine.query_index(EXAM_REGISTRATIONS, caller, "candidate", candidate_id, limit, token, forward=False)


def results_completed_since(caller: Caller, since: datetime, limit: int, token: str | None) -> engine.IndexPage:
    """Results completed at or after `since`, oldest first: a client's incremental ingest."""
    return engine.query_index(
        EXAM_RESULTS, caller, "completed", None, limit, token, sk_from=keys.utc_key(since.isoformat())
    )


def results_changed_since(
    caller: Caller, since: datetime, limit: int, token: str | None
) -> tuple[list[dict[str, Any]], str | None, str]:
    """Results as last written (posted, corrected or bulk-loaded) at or after `since` and before a
    watermark, oldest write first: the gapless feed for a client's ingest. Returns (items, token,
    watermark); the next poll starts at the watermark.

    The watermark trails the clock by the settle time, so a write stamped before it has committed and
    reached the index by then; one still in flight lands in the next poll's window, never behind it.
    """
    settle = timedelta(seconds=get_settings().results_feed_settle_seconds)
    items, next_token, watermark = engine.query_index(
        EXAM_RESULTS,
        caller,
        "changed",
        None,
        limit,
        token,
        sk_from=keys.utc_key(since.isoformat()),
        sk_until=lambda: keys.utc_key((datetime.now(UTC) - settle).isoformat()),
    )
    if watermark is None:  # query_index answers a window end whenever it is given sk_until
        raise RuntimeError("the changed-results query answered no watermark")
    return items, next_token, watermark


def last_registration(caller: Caller, candidate_id: str, exam_id: str) -> dict[str, Any] | None:
    """The candidate's most recently created registration for the exam."""
    registrations = paging.walk(lambda token: registrations_of(caller, candidate_id, 1000, token))
    return next((r for r in registrations if r["exam_id"] == exam_id), None)


def eligible_types(last_status: str | None) -> set[str]:
    """The eligibility rule: which process types a candidate may use next."""
    if last_status in (None, "cancelled"):
        return {"register"}
    if last_status in ("failed", "no show"):
        return {"retest"}
    return set()  # draft or registered (in progress), passed (done)


def eligibility(caller: Caller, candidate_id: str, exam_id: str) -> dict[str, Any]:
    try:
        engine.get(CANDIDATES, caller, candidate_id)
        engine.get(EXAMS, caller, exam_id)
    except NotFound as missing:
        raise NotFound(missing.detail) from None
    last = last_registration(caller, candidate_id, exam_id)
    types = eligible_types(last["status"] if last else None)
    processes = []
    if types:
        processes = list(paging.walk(lambda token: engine.list_page(EXAM_REG_PROCESSES, caller, 1000, token)))
    fitting = [
        process
        for process in processes
        if process.get("is_active") is not False
        and process["type"] in types
        and (not process.get("restrict_exams") or exam_id in process.get("exam_ids", []))
    ]
    fitting.sort(key=lambda p: (p.get("display_order") is None, p.get("display_order") or 0, p["name"]))
    return {"processes": fitting, "last_registration": last}
