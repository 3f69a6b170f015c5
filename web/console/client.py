"""Who is on the other end of a request: the client's address and whether the browser
used HTTPS, believing forwarding headers only from proxies we were told to trust.

TRUSTED_PROXIES (Settings.trusted_proxies: comma-separated addresses or networks, e.g.
"10.0.0.0/8, 127.0.0.1") lists the reverse proxies in front of the web server. Only when
the connection comes from one of them are X-Forwarded-For (the right-most address that
is not itself a trusted proxy is the client) and X-Forwarded-Proto read; from anyone else
these headers are ignored, so a caller cannot pick a fresh address for every password
guess or pretend to be on HTTPS. Taken from the app's settings on every request (cheap),
so an app that follows the environment (web/context.py) honours a change at once.
"""
from __future__ import annotations

import ipaddress

from sanic.request import Request

from web.context import settings_of

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _ip(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    ip = _ip(address)
    return ip is not None and any(ip in network for network in proxies)


def _from_trusted_proxy(request: Request) -> tuple[Network, ...] | None:
    """The trusted networks, if this connection comes from one of them; None otherwise."""
    proxies = settings_of(request.app).trusted_proxies
    return proxies if proxies and _trusted(request.ip, proxies) else None


def client_address(request: Request) -> str:
    """The address the request came from, as far as we can trust the chain of proxies."""
    proxies = _from_trusted_proxy(request)
    if proxies is None:
        return request.ip or "unknown"
    hops = [hop.strip() for header in request.headers.getall("x-forwarded-for", [])
            for hop in header.split(",") if hop.strip()]
    for hop in reversed(hops):
        ip = _ip(hop)
        if ip is None:  # not written by a proxy of ours: nothing to its left can be believed
            return request.ip
        if not any(ip in network for network in proxies):
            return str(ip)
    return hops[0] if hops else request.ip


def is_https(request: Request) -> bool:
    """True when the browser's connection is encrypted: our own TLS, or a trusted proxy
    saying so in X-Forwarded-Proto (the value it added last)."""
    if request.transport.get_extra_info("sslcontext"):
        return True
    if _from_trusted_proxy(request) is None:
        return False
    said = [p.strip().lower() for header in request.headers.getall("x-forwarded-proto", [])
            for p in header.split(",") if p.strip()]
    return bool(said) and said[-1] == "https"
