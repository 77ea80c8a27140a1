"""Web addresses that deceive: look-alike letters, punycode, invisible characters, user@host."""
from __future__ import annotations

import html
import re
import unicodedata
from typing import Iterator

from explainer.checks.safety.findings import Finding
from explainer.checks.safety.unicode import BIDI, HIDDEN, visible


# Letters of other alphabets that look like Latin ones (a small, common subset
# of Unicode's confusables list): a web address made only of these, or mixing
# them with Latin letters, imitates another site.
_LATIN_LOOKALIKES = set(
    "аеорсухіјѕԁһӏԛԝвкмнтгь"           # Cyrillic
    "αεικνορτυχ"                        # Greek
    "ıɑɡȷɩʀʏǀǃꞁⅰⅼⅽⅾⅿ"                   # Latin and number forms that pass for ASCII
)


def host_findings(url: str, offset: int) -> Iterator[Finding]:
    """Look-alike, punycode and user@host web addresses."""
    text = html.unescape(url.strip())
    match = re.match(r"(?:[A-Za-z][A-Za-z0-9+.\-]*:)?//([^/?#\s]*)", text)
    if not match:
        return
    authority = match.group(1)
    snippet = url.strip()[:12]
    if "@" in authority:
        yield Finding(offset, "url-userinfo",
                      f"this address hides its real destination: everything before '@' in '{visible(authority)}' "
                      f"is ignored and the link goes to '{visible(authority.rsplit('@', 1)[1])}'. Link to the "
                      "site directly", snippet)
        authority = authority.rsplit("@", 1)[1]
    host = re.sub(r":\d*$", "", authority).rstrip(".").lower()
    if not host or host.startswith("["):
        return
    problem = _host_problem(host)
    if problem:
        yield Finding(offset, "url-homoglyph", problem, snippet)


def _host_problem(host: str) -> str | None:
    """Why a host name would deceive a reader, or None."""
    labels = host.split(".")
    readable = []
    for label in labels:
        if label.startswith("xn--"):
            try:
                readable.append(label.encode("ascii").decode("idna"))
            except (UnicodeError, ValueError):
                readable.append(label)
        else:
            readable.append(label)
    shown = visible(".".join(readable))
    if any(ord(ch) in BIDI | HIDDEN for ch in host):
        return (f"the web address '{visible(host)}' contains an invisible character, so it is not the address "
                "it appears to be; retype it")
    if any(label.startswith("xn--") for label in labels):
        return (f"the web address '{visible(host)}' is written in punycode (xn--), which hides how it reads: "
                f"'{shown}'. Check that it is the site you mean and write the address in its readable form")
    if host.isascii():
        return None
    if unicodedata.normalize("NFKC", host) != host:
        return (f"the web address '{visible(host)}' uses look-alike characters (it reads as "
                f"'{visible(unicodedata.normalize('NFKC', host))}'); type the address with ordinary letters")
    tld_ascii = labels[-1].isascii()
    for label in labels:
        letters = [ch for ch in label if ch.isalpha()]
        scripts = {_script(ch) for ch in letters}
        others = scripts - {"LATIN"}
        mixed = bool(others) and "LATIN" in scripts
        several = len(others) > 1 and not others <= {"CJK", "HIRAGANA", "KATAKANA"}   # Japanese mixes three
        if mixed or several:
            return (f"the web address '{visible(host)}' mixes letters from different alphabets in "
                    f"'{visible(label)}'{_odd_letter(label)}, a common trick to imitate another site; check the "
                    "address and retype it")
        if letters and not label.isascii() and tld_ascii \
                and all(ch in _LATIN_LOOKALIKES or ch.isascii() for ch in letters):
            return (f"the web address '{visible(host)}' is spelled with letters that only look like Latin ones "
                    f"in '{visible(label)}'{_odd_letter(label)}, a common trick to imitate another site; check the "
                    "address and retype it")
    return None


def _odd_letter(label: str) -> str:
    """' (the 'а' is CYRILLIC SMALL LETTER A)': names the first letter that is not plain ASCII."""
    for ch in label:
        if not ch.isascii():
            return f" (the '{ch}' is {unicodedata.name(ch, 'an unusual character')})"
    return ""


def _script(ch: str) -> str:
    """The alphabet a letter belongs to, from its Unicode name."""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "COMMON"
    first = name.split()[0]
    if first in {"CJK", "HIRAGANA", "KATAKANA", "HANGUL"}:
        return first
    return first if first in {"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "HEBREW", "ARABIC", "CHEROKEE",
                              "GEORGIAN", "DEVANAGARI", "THAI", "COPTIC"} else "OTHER"
