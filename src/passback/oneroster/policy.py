"""Where passback may send a district's SIS credentials: the operator's outbound policy.

A district admin types the SIS URLs; without a policy they could point passback (and the
client secret it sends) at anything the server can reach. The policy, from the operator's
settings (`passback.settings`):

- link-local addresses (169.254.0.0/16, fe80::/10) and the cloud metadata endpoints are
  refused by default, and so is anything in `PASSBACK_SIS_DENIED_HOSTS`;
- when `PASSBACK_SIS_ALLOWED_HOSTS` is set, only the hosts, `*.domains` and networks it
  lists are allowed (a listed network can allow even a default-refused address);
- otherwise everything else is allowed, loopback included (the demo's sandbox).

It is checked twice: when a configuration is saved (the host as written) and before every
connection (every address the name resolves to), so a name that later resolves to a
metadata address is still refused. A token URL must share the base URL's origin unless
the operator lists its origin in `PASSBACK_SIS_TOKEN_ORIGINS`.
"""

from __future__ import annotations

import asyncio
import ipaddress
import math
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from passback import settings
from passback.oneroster.errors import DistrictFatal

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# Link-local (which holds AWS/GCP/Azure/OpenStack's 169.254.169.254), AWS's IPv6 metadata
# address, Alibaba's 100.100.100.200 and Azure's wire server.
DEFAULT_DENIED_NETWORKS: tuple[Network, ...] = tuple(
    ipaddress.ip_network(n)
    for n in (
        "169.254.0.0/16",
        "fe80::/10",
        "fd00:ec2::254/128",
        "100.100.100.200/32",
        "168.63.129.16/32",
    )
)
DEFAULT_DENIED_NAMES = frozenset(
    {"metadata", "metadata.google.internal", "metadata.goog", "instance-data"}
)


class SisPolicyError(DistrictFatal):
    """A SIS URL points where the operator's policy does not let passback go."""


def _address(text: str) -> Address | None:
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None


def _split(entries: tuple[str, ...]) -> tuple[tuple[Network, ...], frozenset[str]]:
    networks: list[Network] = []
    names: set[str] = set()
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
        except ValueError:
            names.add(entry.lower().rstrip("."))
    return tuple(networks), frozenset(names)


def _name_matches(host: str, names: frozenset[str]) -> bool:
    return host in names or any(
        n.startswith("*.") and host.endswith(n[1:]) and host != n[2:] for n in names
    )


@dataclass(frozen=True)
class SisPolicy:
    allowed_networks: tuple[Network, ...] = ()
    allowed_names: frozenset[str] = frozenset()
    denied_networks: tuple[Network, ...] = DEFAULT_DENIED_NETWORKS
    denied_names: frozenset[str] = DEFAULT_DENIED_NAMES
    token_origins: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_environment(cls) -> SisPolicy:
        allowed_networks, allowed_names = _split(settings.sis_allowed_hosts())
        denied_networks, denied_names = _split(settings.sis_denied_hosts())
        return cls(
            allowed_networks=allowed_networks,
            allowed_names=allowed_names,
            denied_networks=DEFAULT_DENIED_NETWORKS + denied_networks,
            denied_names=DEFAULT_DENIED_NAMES | denied_names,
            token_origins=frozenset(
                o if o == "*" else _origin(o) for o in settings.sis_token_origins()
            ),
        )

    @property
    def restricted(self) -> bool:
        return bool(self.allowed_networks or self.allowed_names)

    def host_problem(self, host: str) -> str | None:
        """Why this host (a name or an address, as written in a URL) is refused, or None."""
        host = host.lower().rstrip(".")
        address = _address(host)
        if address is not None:
            return self.address_problem(address)
        if _name_matches(host, self.denied_names):
            return f"{host} is a cloud metadata or refused host"
        if self.restricted and not _name_matches(host, self.allowed_names):
            return f"{host} is not among the operator's allowed SIS hosts"
        return None

    def address_problem(self, address: Address, *, name_allowed: bool = False) -> str | None:
        if any(address in n for n in self.allowed_networks):
            return None
        if any(address in n for n in self.denied_networks):
            return f"{address} is a link-local, cloud metadata or refused address"
        if self.restricted and not name_allowed:
            return f"{address} is not among the operator's allowed SIS hosts"
        return None

    def url_problem(self, url: str) -> str | None:
        host = urlsplit(url).hostname
        return self.host_problem(host) if host else None

    def token_origin_problem(self, base_url: str, token_url: str) -> str | None:
        """Why the token URL may not receive this SIS's secret, or None."""
        base, token = _origin(base_url), _origin(token_url)
        if base == token or "*" in self.token_origins or token in self.token_origins:
            return None
        return (
            f"must be on the same origin as sis.base_url ({base}), got {token}; the operator "
            "can allow another origin with PASSBACK_SIS_TOKEN_ORIGINS"
        )

    async def check_connection(self, host: str, port: int) -> None:
        """Raise `SisPolicyError` unless every address `host` resolves to is allowed."""
        problem = self.host_problem(host)
        if problem is None and _address(host) is None:
            name_allowed = _name_matches(host.lower().rstrip("."), self.allowed_names)
            loop = asyncio.get_running_loop()
            try:
                infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except OSError:
                return  # unresolvable: the connection itself fails and says so
            for info in infos:
                address = _address(str(info[4][0]).split("%")[0])
                if address is not None:
                    problem = self.address_problem(address, name_allowed=name_allowed)
                    if problem:
                        break
        if problem is not None:
            raise SisPolicyError(f"the SIS address is refused by the operator's policy: {problem}")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or (443 if scheme == "https" else 80)
    return f"{scheme}://{(parts.hostname or '').lower()}:{port}"


class PolicyTransport(httpx.AsyncBaseTransport):
    """An httpx transport that checks the policy before requests are sent: once per host
    and port every `recheck_s` seconds (a run sends thousands of requests to one host;
    resolving its name before each would only add latency)."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        policy: SisPolicy | None = None,
        *,
        recheck_s: float = 60.0,
    ) -> None:
        self._inner = inner
        self._policy = policy or SisPolicy.from_environment()
        self._recheck_s = recheck_s
        self._checked: dict[tuple[str, int], float] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        target = (url.host, url.port or (443 if url.scheme == "https" else 80))
        now = time.monotonic()
        if now - self._checked.get(target, -math.inf) > self._recheck_s:
            await self._policy.check_connection(*target)
            self._checked[target] = now
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()
