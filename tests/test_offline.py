"""No network at run time: a full run with sockets blocked."""

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
    code, out, err = run("check", "fixtures", "--format", "json")
    assert code == 1 and '"findings"' in out
