"""tests/ports.py: the servers' ports come from outside the system's ephemeral range, and are free."""
from __future__ import annotations

import socket

import pytest

from tests.support import ports


def test_ports_are_distinct_free_and_outside_the_ephemeral_range() -> None:
    low, high = ports.ephemeral_range()
    chosen = ports.free_ports(5)
    assert len(set(chosen)) == 5
    assert all(ports.LOWEST <= p <= 65535 and not low <= p <= high for p in chosen)
    for port in chosen:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))  # raises if it were taken


def test_a_port_in_use_is_not_free() -> None:
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        assert not ports._is_free(held.getsockname()[1])


def test_the_range_is_read_from_the_system_setting_or_defaults(tmp_path) -> None:
    setting = tmp_path / "ip_local_port_range"
    setting.write_text("40000\t50000\n")
    assert ports.ephemeral_range(setting) == (40000, 50000)
    setting.write_text("garbage")
    assert ports.ephemeral_range(setting) == (32768, 60999)
    assert ports.ephemeral_range(tmp_path / "missing") == (32768, 60999)


def test_no_room_outside_the_range_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setattr(ports, "ephemeral_range", lambda: (ports.LOWEST, 65535))
    with pytest.raises(RuntimeError, match="leaves fewer than 1 ports"):
        ports.free_ports(1)
