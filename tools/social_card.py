"""Render the site's social card (the image link previews show) to overrides/assets/images/social-card.png.

The card is static: one image for every page, 1200x630 pixels as Open Graph
and Twitter's "summary_large_image" expect. It is drawn as HTML and rendered
by Debian's Chromium through Playwright, so it needs no image library and no
web fonts. The words come from `extra.social_card` in mkdocs.yml (this script is
machinery shared by every explainer); run it again after changing them, then
commit the PNG.

    python tools/social_card.py
"""
from __future__ import annotations

import argparse
import html
from pathlib import Path

from browser import launch

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "docs" / "assets" / "images" / "social-card.png"


# Helper functions -------------------------------------------------------------
def _card_words(config: Path = REPO / "mkdocs.yml") -> dict[str, str]:
    """kicker, title, summary and footer from mkdocs.yml's extra.social_card."""
    import yaml

    settings = yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)   # !ENV tags stay text
    card = (settings.get("extra") or {}).get("social_card") or {}
    if not card.get("title"):
        raise SystemExit("error: mkdocs.yml has no extra.social_card.title; add the card's words there first")
    return {key: " ".join(str(card.get(key) or "").split()) for key in ("kicker", "title", "summary", "footer")}


def _card_html() -> str:
    """The card as a self-contained HTML page (indigo and white, system fonts)."""
    e = html.escape
    words = _card_words()
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
  html, body {{ margin: 0; width: 1200px; height: 630px; }}
  body {{ background: #1a237e; color: #fff; font-family: "DejaVu Sans", "Liberation Sans", sans-serif;
         display: flex; flex-direction: column; justify-content: space-between; box-sizing: border-box;
         padding: 72px 80px 60px; border-bottom: 24px solid #7986cb; }}
  .kicker {{ font-size: 34px; letter-spacing: 0.12em; text-transform: uppercase; color: #c5cae9; margin: 0; }}
  h1 {{ font-family: "DejaVu Serif", "Liberation Serif", serif; font-size: 88px; line-height: 1.05;
        margin: 20px 0 28px; }}
  p.summary {{ font-size: 38px; line-height: 1.35; margin: 0; max-width: 1000px; }}
  p.footer {{ font-size: 28px; color: #c5cae9; margin: 0; }}
</style></head><body>
  <div><p class="kicker">{e(words["kicker"])}</p><h1>{e(words["title"])}</h1><p class="summary">{e(words["summary"])}</p></div>
  <p class="footer">{e(words["footer"])}</p>
</body></html>"""


def render(output: Path = OUTPUT) -> Path:
    """Render the card with Chromium and write it as a PNG."""
    from playwright.sync_api import sync_playwright

    output.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1200, "height": 630}, device_scale_factor=1)
        page.set_content(_card_html())
        page.screenshot(path=str(output), full_page=False)
        browser.close()
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the site's 1200x630 social card image with Chromium.")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write the PNG (default: {OUTPUT.relative_to(REPO)})")
    args = parser.parse_args(argv)
    print(render(args.output))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
