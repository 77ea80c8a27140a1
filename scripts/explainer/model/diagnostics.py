"""One problem report shared by every check, the build and the generator.

The format is the compiler one (``path:line:col: error: message [rule]``) so
editors, terminals and CI annotators understand it without configuration.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, TextIO

# Exit statuses shared by every command.
EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at a place in a file, with the rule that found it."""

    path: str
    line: int
    col: int
    rule: str
    message: str
    severity: str = "error"

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.rule}]"

    def annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command."""
        level = "error" if self.severity == "error" else "warning"
        message = _escape_data(f"{self.message} [{self.rule}]")
        path = _escape_property(self.path)
        return f"::{level} file={path},line={self.line},col={self.col},title={self.rule}::{message}"


class ContentError(Exception):
    """Raised when content cannot be used at all; carries its diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


def report(diagnostics: Iterable[Diagnostic], out: TextIO, annotate: bool | None = None) -> int:
    """Print diagnostics sorted by place; return how many were errors."""
    if annotate is None:
        annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    errors = 0
    for diagnostic in sorted(set(diagnostics)):
        print(diagnostic.format(), file=out)
        if annotate:
            print(diagnostic.annotation(), file=out)
        errors += diagnostic.severity == "error"
    return errors


# GitHub's escaping rules for workflow commands.
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
