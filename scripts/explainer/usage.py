"""Usage errors for every command: the usage line, one ``error:`` line on stderr, exit status 2."""
from __future__ import annotations

import argparse
import sys

from explainer.model.diagnostics import EXIT_USAGE


class UsageParser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit 2, as documented, after ``{error_prefix}message``."""

    def __init__(self, *args, error_prefix: str = "error: ", **kwargs):
        super().__init__(*args, **kwargs)
        self.error_prefix = error_prefix

    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(f"{self.error_prefix}{message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)
