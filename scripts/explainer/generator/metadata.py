"""What the explainer says about its article: title, date, outlet, author, address.

Found in the article file where possible and filled or overridden from the
command line, then checked once, so every page and data file the generator
writes agrees and the fresh explainer passes the checks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from explainer.model.dates import PartialDate, parse_date
from explainer.generator import GeneratorError

_WHITESPACE = re.compile(r"\s+")


@dataclass
class Metadata:
    title: str = ""
    subtitle: str = ""
    date: str = ""          # YYYY-MM-DD (YYYY-MM or YYYY when that is all the article gives)
    outlet: str = ""
    authors: list[str] = field(default_factory=list)
    url: str = ""           # https:// only; the checks refuse anything else
    notes: list[str] = field(default_factory=list)   # what the user should know, printed after writing

    @property
    def parsed_date(self) -> PartialDate:
        parsed = parse_date(self.date)
        assert parsed is not None, "checked by complete()"
        return parsed


def clean(text: str | None) -> str:
    """One line of plain text: whitespace collapsed."""
    return _WHITESPACE.sub(" ", str(text or "")).strip()


def split_authors(text: str | None) -> list[str]:
    """'A; B' or 'A, B and C' into names (extraction libraries join them with '; ')."""
    text = clean(text)
    if not text:
        return []
    parts = re.split(r"\s*;\s*|\s*,\s*|\s+and\s+|\s*&\s*", text)
    return [part for part in (clean(p) for p in parts) if part]


def override(found: Metadata, title=None, subtitle=None, date=None, url=None, outlet=None, author=None) -> Metadata:
    """Command-line values win over what was found in the file."""
    given = {"title": title, "subtitle": subtitle, "date": date, "url": url, "outlet": outlet}
    for name, value in given.items():
        if value is not None:
            setattr(found, name, clean(value))
    if author is not None:
        found.authors = split_authors(author)
    return found


def complete(meta: Metadata, article_name: str, url_given: bool) -> Metadata:
    """Refuse what the checks would refuse; say what is missing in one line."""
    if not meta.title:
        raise GeneratorError(f"no title found in {article_name}; pass --title \"...\"")
    if not meta.date:
        raise GeneratorError(f"no publication date found in {article_name}; pass --date YYYY-MM-DD")
    parsed = parse_date(meta.date)
    if parsed is None:
        raise GeneratorError(f"the date '{meta.date}' is not a real date; pass --date YYYY-MM-DD")
    meta.date = parsed.iso
    if meta.url and not meta.url.startswith("https://"):
        if url_given:
            raise GeneratorError(f"--url must be an https:// address, not '{meta.url[:60]}'")
        meta.notes.append(f"the page's address '{meta.url[:60]}' is not https://, so it was left out; "
                          "pass --url https://... if the article has a secure address")
        meta.url = ""
    if re.search(r"\s", meta.url):
        raise GeneratorError("--url must not contain spaces")
    return meta
