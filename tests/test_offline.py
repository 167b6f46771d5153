"""No network at run time: a full run with sockets blocked."""

import json
import socket

import pytest


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("gloss-lint tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_full_run_needs_no_network(no_network, run):
    code, out, err = run("check", "fixtures", "--format", "json", "--no-cache")  # every rule runs
    report = json.loads(out)
    # Every family ran, spaCy's and textstat's included, and found what the fixtures hold.
    families = {f["rule"].split(".")[0] for f in report["findings"]}
    assert families == {"schema", "links", "facts", "readability", "style"}  # the fixtures read cleanly
    assert code == 1 and err == ""
