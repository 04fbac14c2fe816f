"""The state file of `make run`: a dispatcher started apart (`python -m emulator.dispatcher`) reads
the server's storage and webhook settings from it, so it delivers as the server would."""

from __future__ import annotations

import os

from emulator import local_state
from shared.settings import Settings


def test_every_webhook_setting_of_the_server_reaches_a_dispatcher_started_apart(tmp_path, monkeypatch):
    webhook_settings = {
        f.alias: f"value-of-{f.alias}"
        for f in Settings.model_fields.values()
        if f.alias and f.alias.startswith("WEBHOOK_")
    }
    assert "WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT" in webhook_settings
    monkeypatch.setattr(os, "environ", os.environ.copy())  # apply() writes the environment: undone after
    monkeypatch.setenv("LOCAL_STATE_FILE", str(tmp_path / "server.json"))
    for name, value in webhook_settings.items():
        monkeypatch.setenv(name, value)
    local_state.write("http://127.0.0.1:3000", "the-table", "the-bucket")
    for name in webhook_settings:
        monkeypatch.delenv(name)
    local_state.apply(local_state.read())
    assert {name: os.environ.get(name) for name in webhook_settings} == webhook_settings
    assert (os.environ["TABLE_NAME"], os.environ["BUCKET_NAME"]) == ("the-table", "the-bucket")
