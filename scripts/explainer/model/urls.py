"""What every layer needs to know about an address: one module, shared by the checks."""
from __future__ import annotations


def url_key(url: str) -> str:
    """A URL reduced to what makes two bibliography entries the same source."""
    url = url.strip()
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    host = host.lower().removeprefix("www.").removesuffix(":443")
    return f"{host}{slash}{path}".rstrip("/").split("#")[0]
