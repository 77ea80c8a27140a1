"""Check the explainer's pages and data: python scripts/check.py [citations|timeline|claims|links|...]."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # works before `pip install -e .` too

from explainer.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
