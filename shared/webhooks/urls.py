"""Which URLs may receive events. A deployed stage takes only https URLs whose every address is
public; `make run` (WEBHOOK_ALLOW_LOOPBACK) also takes http and loopback, and nothing else private.
Checked when an endpoint is saved and again before each attempt (DNS can change); the attempt then
connects to the address that was checked, so a second lookup cannot swap it."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from shared.errors import BadRequest, field_error
from shared.settings import get_settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class UrlRefused(Exception):
    """The URL may not receive events; the message says why (never the URL's contents)."""


def _allowed(address: Address, loopback_ok: bool) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_loopback:
        return loopback_ok
    return address.is_global and not address.is_multicast


def vetted_addresses(url: str) -> list[str]:
    """The addresses the URL's host resolves to, all allowed; else UrlRefused."""
    loopback_ok = get_settings().webhook_allow_loopback
    parts = urlsplit(url)
    if parts.scheme != "https" and not (loopback_ok and parts.scheme == "http"):
        raise UrlRefused("must be an https URL")
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise UrlRefused("has an invalid port") from None
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise UrlRefused("its host does not resolve") from None
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]
    if not addresses or not all(_allowed(a, loopback_ok) for a in addresses):
        raise UrlRefused("its host resolves to a private, loopback, link-local or multicast address")
    return sorted({str(a) for a in addresses}, key=lambda a: (":" in a, a))


def check(url: str, field: str = "url") -> None:
    """A 400 naming `field` when the URL may not receive events."""
    try:
        vetted_addresses(url)
    except UrlRefused as refused:
        raise BadRequest("the URL may not receive events", [field_error(field, str(refused), "url-refused")]) from None
