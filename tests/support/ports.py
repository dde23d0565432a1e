"""Free TCP ports on 127.0.0.1 for the servers the tests start (JupyterLab, JupyterHub and its proxy).

Asking the system for a port (bind to port 0) and releasing it leaves a race: until our server binds
it, the system may hand the same port to any other socket that binds to port 0 or connects out,
such as the ZeroMQ channels of a kernel that starts meanwhile. The system only hands out ports from
its ephemeral range (``/proc/sys/net/ipv4/ip_local_port_range``, 32768-60999 by default), so the
ports here are drawn at random from outside it and checked free: only a process that asks for that
very port by number could take it first.
"""
from __future__ import annotations

import random
import socket
from pathlib import Path

__all__ = ["ephemeral_range", "free_ports"]

LOWEST = 10000  # below: well-known and registered services are more likely


def ephemeral_range(path: Path = Path("/proc/sys/net/ipv4/ip_local_port_range")) -> tuple[int, int]:
    """The ports the system hands out by itself (Linux's setting; its default where it cannot be read)."""
    try:
        low, high = (int(part) for part in path.read_text().split())
    except (OSError, ValueError):
        return 32768, 60999
    return low, high


def _is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(count: int = 1) -> list[int]:
    """``count`` different ports on 127.0.0.1, outside the ephemeral range, that nothing holds now."""
    low, high = ephemeral_range()
    pool = [p for p in range(LOWEST, 65536) if not low <= p <= high]
    if len(pool) < count:
        raise RuntimeError(f"the ephemeral range {low}-{high} leaves fewer than {count} ports above {LOWEST}")
    chosen: list[int] = []
    for port in random.SystemRandom().sample(pool, k=len(pool)):
        if _is_free(port):
            chosen.append(port)
            if len(chosen) == count:
                return chosen
    raise RuntimeError(f"fewer than {count} free ports on 127.0.0.1 outside {low}-{high}")
