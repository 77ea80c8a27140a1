"""Ask the web whether external addresses still work, without hammering anyone.

Each address is asked once, at most ``concurrency`` requests are in flight
and at most ``per_host`` to any one host; a host that says "too many
requests" is paused for as long as it asks (up to a cap). HEAD comes first
and GET, streamed and closed after the headers, only when HEAD is refused,
so a large file is never downloaded. Redirects are followed one hop at a
time, so every hop counts against its host's limit and loops are caught.
"""
from __future__ import annotations

import asyncio
import random
import time
from collections import defaultdict
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Callable, Iterable
from urllib.parse import urljoin

import httpx

from explainer.checks.links import policy
from explainer.model.urls import host as url_host, scheme

OK, REDIRECTED, BROKEN, BLOCKED, TIMEOUT, SKIPPED = "ok", "redirected", "broken", "blocked", "timeout", "skipped"
CATEGORIES = (OK, REDIRECTED, BROKEN, BLOCKED, TIMEOUT, SKIPPED)
_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}
_BLOCKED = {401, 403, 407, 429, 451, 999}   # the host refuses robots or rate-limits: the page may be fine
USER_AGENT = "explainer-linkcheck/1.0 (checks that an explainer's sources still exist; one request per link)"


@dataclass
class Settings:
    concurrency: int = 8          # requests in flight in all
    per_host: int = 2             # requests in flight to one host
    timeout: float = 15.0         # seconds for one request, connect to headers
    retries: int = 2              # extra attempts after a 429, a 5xx, a timeout or a dropped connection
    backoff: float = 1.0          # first wait between attempts; doubles each time
    max_wait: float = 60.0        # longest wait honoured from Retry-After; longer means "blocked"
    max_redirects: int = 10
    allow_local: bool = False     # tests only: allow http://127.0.0.1 and localhost
    user_agent: str = USER_AGENT


@dataclass
class Result:
    """What the web said about one address."""

    url: str
    category: str
    status: int | None = None
    final_url: str = ""
    detail: str = ""
    permanent: bool = False
    checked: float = 0.0

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, value: dict) -> "Result":
        return cls(**{key: value[key] for key in cls.__dataclass_fields__ if key in value})


@dataclass
class _Answer:
    """One HTTP answer (status and the headers that matter), or why there was none."""

    status: int = 0
    location: str = ""
    retry_after: float | None = None
    challenge: bool = False
    failure: str = ""
    detail: str = ""


def allowed(url: str, allow_local: bool = False) -> bool:
    """Only https is fetched; plain http only for this machine, and only when a test asks."""
    name = scheme(url)
    return name == "https" or (allow_local and name == "http" and policy.is_local(url))


class Checker:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._resume: dict[str, float] = defaultdict(float)
        self._get_only: set[str] = set()

    async def run(self, urls: Iterable[str], on_result: Callable[[Result], None] | None = None) -> dict[str, Result]:
        """Check each address once; ``on_result`` is called as each one finishes."""
        self._pool = asyncio.Semaphore(self.settings.concurrency)
        limits = httpx.Limits(max_connections=self.settings.concurrency, max_keepalive_connections=self.settings.concurrency)
        headers = {"User-Agent": self.settings.user_agent, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
        async with httpx.AsyncClient(follow_redirects=False, timeout=self.settings.timeout, limits=limits,
                                     headers=headers) as client:
            self._client = client

            async def one(url: str) -> Result:
                result = await self.check(url)
                if on_result:
                    on_result(result)
                return result

            results = await asyncio.gather(*(one(url) for url in dict.fromkeys(urls)))
        return {result.url: result for result in results}

    # One address: follow redirects hop by hop.
    async def check(self, url: str) -> Result:
        if not allowed(url, self.settings.allow_local):
            return Result(url, SKIPPED, detail="not an https:// address", checked=time.time())
        seen, current, first = [url], url, 0
        for _ in range(self.settings.max_redirects + 1):
            answer = await self._fetch(current)
            if answer.failure or answer.status not in _REDIRECTS or not answer.location:
                return self._classify(url, current, answer, first)
            first = first or answer.status
            target = urljoin(current, answer.location).split("#", 1)[0]
            if target in seen:
                return _result(url, BROKEN, answer.status, target, "redirect loop: " + " → ".join(seen + [target]))
            if not allowed(target, self.settings.allow_local):
                return _result(url, BROKEN, answer.status, target, f"redirects to an address that is not https: {target}")
            seen.append(target)
            current = target
        return _result(url, BROKEN, answer.status, current, f"more than {self.settings.max_redirects} redirects")

    def _classify(self, url: str, final: str, answer: _Answer, first: int) -> Result:
        if answer.failure:
            return _result(url, answer.failure, None, final, answer.detail)
        status, reason = answer.status, _reason(answer.status)
        if status < 400:
            category = REDIRECTED if final != url else OK
            return _result(url, category, status, final, "" if category == OK else f"now at {final}", first in _PERMANENT)
        if status in _BLOCKED or answer.challenge:
            detail = answer.detail or f"the host refused the check ({status} {reason}); open the link in a browser to confirm"
            return _result(url, BLOCKED, status, final, detail)
        return _result(url, BROKEN, status, final, f"{status} {reason}")

    # One hop: retries with backoff, honouring Retry-After.
    async def _fetch(self, url: str) -> _Answer:
        host = url_host(url)
        answer = _Answer()
        for attempt in range(self.settings.retries + 1):
            answer = await self._attempt(url, host)
            retry = answer.failure or answer.status == 429 or answer.status >= 500
            if not retry or attempt == self.settings.retries:
                return answer
            if answer.retry_after is not None:
                if answer.retry_after > self.settings.max_wait:
                    answer.detail = (f"the host asked us to wait {answer.retry_after:.0f} s before asking again "
                                     f"(more than the {self.settings.max_wait:g} s cap)")
                    answer.challenge = True
                    return answer
                self._resume[host] = max(self._resume[host], _now() + answer.retry_after)
            else:
                await asyncio.sleep(self._backoff(attempt))
        return answer

    def _backoff(self, attempt: int) -> float:
        wait = self.settings.backoff * 2 ** attempt
        return min(self.settings.max_wait, wait + random.uniform(0, self.settings.backoff / 4))

    async def _attempt(self, url: str, host: str) -> _Answer:
        try:
            async with self._slot(host):
                return await self._head_then_get(url, host)
        except (asyncio.TimeoutError, httpx.TimeoutException):
            return _Answer(failure=TIMEOUT, detail=f"no answer within {self.settings.timeout:g} s")
        except httpx.HTTPError as error:
            return _Answer(failure=BROKEN, detail=_describe(error))

    async def _head_then_get(self, url: str, host: str) -> _Answer:
        if host not in self._get_only:
            answer = await self._send("HEAD", url)
            if answer.status < 400 or answer.status in (429, 503):   # fine, or "come back later": not about HEAD
                return answer
            if answer.status in (405, 501):
                self._get_only.add(host)   # this host never answers HEAD: save it the extra request
        return await self._send("GET", url)

    async def _send(self, method: str, url: str) -> _Answer:
        """One request; the body of a GET is never read, only its headers."""
        request = self._client.build_request(method, url)
        response = await asyncio.wait_for(self._client.send(request, stream=True), self.settings.timeout)
        try:
            headers = response.headers
            return _Answer(response.status_code, headers.get("location", ""), _retry_after(headers.get("retry-after")),
                           bool(headers.get("cf-mitigated")))
        finally:
            await response.aclose()

    @asynccontextmanager
    async def _slot(self, host: str):
        """Hold one of the host's slots (waiting out any pause it asked for), then one of the pool's."""
        semaphore = self._hosts.setdefault(host, asyncio.Semaphore(self.settings.per_host))
        async with semaphore:
            delay = self._resume[host] - _now()
            if delay > 0:
                await asyncio.sleep(delay)
            async with self._pool:
                yield


# Helper functions.
def _result(url: str, category: str, status: int | None, final: str, detail: str, permanent: bool = False) -> Result:
    return Result(url, category, status, final, detail, permanent, time.time())


def _now() -> float:
    return asyncio.get_running_loop().time()


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "unknown status"


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _describe(error: httpx.HTTPError) -> str:
    text = str(error) or type(error).__name__
    lowered = text.lower()
    if "name or service not known" in lowered or "nodename nor servname" in lowered or "getaddrinfo" in lowered:
        return "the host name does not exist (DNS lookup failed)"
    if "certificate" in lowered or "ssl" in lowered:
        return f"the secure connection failed: {text}"
    if isinstance(error, httpx.ConnectError):
        return f"could not connect: {text}"
    return f"{type(error).__name__}: {text}"
