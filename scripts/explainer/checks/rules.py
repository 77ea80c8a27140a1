"""Every rule the checks report: one literal id, the check that reports it, what it means and the fix.

``python scripts/check.py --list-rules`` prints this table, CONTRIBUTING.md's
rule list is generated from it, and tests/test_rules.py fails for a rule
without a fixture or an id reported anywhere that is not declared here.
"""
from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    id: str
    check: str      # the check.py check that reports it ("build" for the Markdown extensions)
    summary: str    # what is wrong, in one line
    fix: str        # what to do about it


_RULES = [
    # Data files: read by every check that uses them (model/yamlfile.py, model/schema.py).
    Rule("yaml-syntax", "data", "A data file is not valid YAML.", "Compare with the commented example at the file's top: indentation with spaces, '- ' before each entry, quotes around text containing ': ' or '#'."),
    Rule("yaml-alias", "data", "A data file uses YAML anchors or aliases (&name, *name).", "Write the value out in full."),
    Rule("yaml-duplicate-key", "data", "A key appears twice in one entry.", "Keep one of the two lines."),
    Rule("yaml-key", "data", "A key is not a plain word.", "Write keys as plain words, e.g. 'title:'."),
    Rule("yaml-too-deep", "data", "The YAML is nested more deeply than any data file needs.", "Flatten the entry as in the file's example."),
    Rule("yaml-unreadable", "data", "A data file cannot be read.", "Check the file's permissions."),
    Rule("yaml-too-large", "data", "A data file is over the size limit.", "Shorten long notes and summaries, or move entries the site no longer needs out of it."),
    Rule("yaml-encoding", "data", "A data file is not UTF-8.", "Save it as UTF-8 in your editor."),
    Rule("data-shape", "data", "An entry or field has the wrong shape (a list where text is expected, or the reverse).", "Follow the example at the top of the file."),
    Rule("page-unreadable", "pages", "A page cannot be read.", "Check the file's permissions."),
    Rule("page-too-large", "pages", "A page is over the size limit.", "Split it into several pages."),
    Rule("page-encoding", "pages", "A page is not UTF-8.", "Save it as UTF-8 in your editor."),
    Rule("page-front-matter", "pages", "A page's front matter is not a list of 'key: value' lines.", "Write it as 'title: ...' lines between two '---' lines."),
    # Sources (citations check).
    Rule("source-missing-field", "citations", "A bibliography entry lacks a required field (id, type, title, or a URL or date).", "Add the field the message names."),
    Rule("source-bad-id", "citations", "A source id uses characters other than letters, digits and - _ : .", "Rename it, e.g. outlet-2024-short-title."),
    Rule("source-duplicate-id", "citations", "Two bibliography entries share an id.", "Rename one, and the citations that mean it."),
    Rule("source-bad-type", "citations", "A source's type is not a CSL type.", "Use a CSL type: article-newspaper, webpage, report, entry-encyclopedia, ..."),
    Rule("source-bad-date", "citations", "A source's issued or accessed date is not a real date.", "Write YYYY-MM-DD, YYYY-MM or YYYY."),
    Rule("source-insecure-url", "citations", "A source's address is not https://.", "Use the https:// address of the page."),
    Rule("source-duplicate-url", "citations", "Two bibliography entries point at the same address.", "Keep one entry and cite it from both places."),
    Rule("source-unused", "citations", "A bibliography entry is cited nowhere.", "Cite it, or remove it."),
    Rule("source-excerpt-missing-field", "citations", "An excerpt of a source lacks its id or text.", "Add the field the message names: each excerpt needs 'id:' and 'text:'."),
    Rule("source-excerpt-duplicate-id", "citations", "Two excerpts of one source share an id.", "Rename one, and the citations that point at it."),
    Rule("source-excerpt-bad-lang", "citations", "An excerpt's or source's language is not a known language tag, or a translated excerpt names no language.", "Write a two-letter code such as en, es, fr or ru in 'lang:' (or the source's 'language:')."),
    Rule("source-excerpt-no-translation", "citations", "An excerpt is in another language than the site's and has no translation.", "Add 'translation: ...', a faithful translation into the site's language."),
    Rule("citation-unknown-key", "citations", "A [@id] citation names no bibliography entry.", "Fix the spelling, or add the source to sources.yml."),
    Rule("citation-unknown-excerpt", "citations", "A citation's excerpt=ID names no excerpt of that source.", "Fix the id, or add the excerpt under the source's 'excerpts:' in sources.yml."),
    Rule("citation-empty", "citations", "A citation has no key ([@]).", "Write the source's id after the @."),
    Rule("footnote-duplicate", "citations", "A hand-written footnote is defined twice.", "Keep one definition."),
    Rule("footnote-unused", "citations", "A hand-written footnote is defined but never used.", "Use it with [^name] or remove its definition."),
    Rule("footnote-undefined", "citations", "A footnote reference has no definition.", "Add '[^name]: text' at the end of the page."),
    # Timeline.
    Rule("timeline-missing-field", "timeline", "An event lacks its date, title or summary.", "Add the field the message names."),
    Rule("timeline-bad-date", "timeline", "An event's date is not a real date.", "Write YYYY-MM-DD, YYYY-MM or YYYY."),
    Rule("timeline-end-before-start", "timeline", "An event ends before it starts.", "Swap or correct the dates."),
    Rule("timeline-duplicate", "timeline", "The same event (date and title) is listed twice.", "Keep one entry."),
    Rule("timeline-no-source", "timeline", "An event has no source (an error under --release).", "Add at least one bibliography id under 'sources:'."),
    Rule("timeline-unknown-tag", "timeline", "An event names a tag tags.yml does not define.", "Use a tag from docs/data/tags.yml or add it there."),
    Rule("timeline-unknown-source", "timeline", "An event names a source sources.yml does not have.", "Fix the id or add the source."),
    Rule("timeline-unknown-page", "timeline", "An event names a page that does not exist.", "Fix the path (relative to docs/)."),
    Rule("tag-missing-field", "timeline", "A tag has no label.", "Write 'slug: Label'."),
    Rule("tag-bad-slug", "timeline", "A tag is not lowercase words joined by hyphens.", "Rename it, e.g. north-south-corridor."),
    Rule("tag-duplicate", "timeline", "A tag is defined twice.", "Keep one definition."),
    # Places and routes for the maps (places check).
    Rule("place-missing-field", "places", "A place lacks its id, name, lat, lon, kind or sources (a route its name, paths or sources).", "Add the field the message names."),
    Rule("place-bad-id", "places", "A place or route id is not lowercase words joined by hyphens.", "Rename it, e.g. old-harbour, and the markers that name it."),
    Rule("place-duplicate-id", "places", "Two places, or two routes, share an id.", "Rename one."),
    Rule("place-bad-coordinates", "places", "A latitude is not a number from -90 to 90, or a longitude not one from -180 to 180.", "Copy the decimal degrees from the source; south and west are negative."),
    Rule("place-bad-kind", "places", "A place's kind is not capital, city, port, naval-base, air-base or base.", "Use one of those kinds."),
    Rule("place-unknown-country", "places", "A place's country is not an ISO 3166-1 alpha-3 code the maps can draw.", "Write the three-letter code in capitals, such as FRA."),
    Rule("place-unknown-tag", "places", "A place or route names a tag tags.yml does not define.", "Use a tag from docs/data/tags.yml or add it there."),
    Rule("place-unknown-source", "places", "A place or route names a source sources.yml does not have.", "Fix the id or add the source that states the coordinates."),
    Rule("place-unused", "places", "A place or route is on no page's map (a warning).", "Show it on a page with a map marker (md:map place=..., or a tag it carries), or remove it."),
    Rule("route-unknown-place", "places", "A route passes through a place places.yml does not define.", "Fix the id or add the place."),
    Rule("route-too-short", "places", "A route's path has fewer than two places.", "List at least two places, in order."),
    # Claims and the article.
    Rule("article-missing-field", "claims", "article.yml lacks its title, or a paragraph its id or text.", "Add the field the message names."),
    Rule("article-bad-date", "claims", "The article's date is not a real date.", "Write YYYY-MM-DD."),
    Rule("article-bad-id", "claims", "A paragraph id is not p1, p2, ... (or p4a).", "Rename it in the numbering scheme."),
    Rule("article-duplicate-id", "claims", "Two paragraphs share an id.", "Renumber one."),
    Rule("claim-missing-field", "claims", "A claim lacks its id, quote, paraphrase or kind.", "Add the field the message names."),
    Rule("claim-duplicate-id", "claims", "Two claims share an id.", "Rename one."),
    Rule("claim-bad-kind", "claims", "A claim's kind is not factual, interpretation, opinion or prediction.", "Use one of the four kinds."),
    Rule("claim-bad-assessment", "claims", "A claim's assessment is not one of the ledger's verdicts.", "Use consistent, contested, unverifiable or inaccurate."),
    Rule("claim-todo", "claims", "A claim is still marked 'status: todo' (an error under --release).", "Finish the claim and remove the status line."),
    Rule("claim-paragraph-out-of-range", "claims", "A claim names a paragraph the article does not have.", "Use an id from docs/data/article.yml."),
    Rule("claim-quote-not-verbatim", "claims", "A claim's quote is not word for word in the paragraphs it names.", "Copy the words exactly from the article, or fix the paragraph ids."),
    Rule("claim-no-assessment", "claims", "A factual claim has no assessment.", "Add an assessment and the sources it rests on."),
    Rule("claim-judged-opinion", "claims", "An opinion or prediction was given an assessment.", "Remove the assessment: opinions are labelled, not judged."),
    Rule("claim-no-source", "claims", "A factual claim has no sources.", "Add the sources that bear on it."),
    Rule("claim-unknown-source", "claims", "A claim names a source sources.yml does not have.", "Fix the id or add the source."),
    Rule("claim-unknown-page", "claims", "A claim names a page that does not exist.", "Fix the path (relative to docs/)."),
    Rule("claim-unknown-tag", "claims", "A claim names a tag tags.yml does not define.", "Use a tag from docs/data/tags.yml or add it there."),
    Rule("paragraph-uncovered", "claims", "An article paragraph is discussed on no page and in no claim (an error under --release).", "Add it to a page's 'covers:' or add a claim."),
    # Quotations.
    Rule("quotation-not-found", "quotations", "A quotation is not word for word in the article, or in an excerpt or the title of a source cited in its paragraph.", "Copy the words exactly (mark left-out words with …), cite the source whose excerpt holds them, or remove the quotation marks and attribute the paraphrase."),
    Rule("quotation-translation-unmarked", "quotations", "A quotation of an excerpt's translation does not say it is translated.", "Add “(translated from Spanish)”, or the language it was, to the sentence."),
    # The site's own voice.
    Rule("prose-word-to-watch", "prose", "The site's own voice uses a word to watch: puffery, a contentious label, an unsupported attribution, editorialising, a loaded verb for 'said', emphasis (an error under --release).", "Follow the message's advice; attribute the word to whoever uses it, or quote them. The list is in words_to_watch.yml and docs/data/words-to-watch.yml."),
    Rule("prose-long-sentence", "prose", "A sentence of the site's own text is over 40 words.", "Split it in two or more sentences."),
    Rule("prose-name-variant", "prose", "A name is spelled another way than the one docs/data/words-to-watch.yml declares (an error under --release).", "Use the declared spelling; a quotation keeps its source's spelling."),
    # Pages.
    Rule("page-unknown-tag", "pages", "A page's front matter names a tag tags.yml does not define.", "Use a tag label from docs/data/tags.yml."),
    Rule("page-no-description", "pages", "A page has no description in its front matter (an error under --release).", "Add 'description: ...', one sentence saying what the page answers; search engines and link previews show it."),
    Rule("page-unknown-paragraph", "pages", "A page's 'covers:' names a paragraph the article does not have.", "Use an id from docs/data/article.yml."),
    Rule("page-typed-verdict", "pages", "A page types a claim's verdict (Contested, Inaccurate, ...) in a call-out title or bold lead-in.", "Show the claim with the compact claims marker (md:claims page=... style=compact), so its label is the one in claims.yml."),
    Rule("marker-invalid", "pages", "A <!-- md:... --> marker is unknown or names a missing tag, page or argument.", "Fix the marker; the message lists what it accepts."),
    # Links.
    Rule("link-missing-page", "links", "A link points at a page that does not exist.", "Fix the path, relative to the page that links."),
    Rule("link-missing-anchor", "links", "A link points at a #anchor the page does not have.", "Use the heading's anchor (its text in lowercase with hyphens)."),
    Rule("link-insecure", "links", "A link has no scheme or uses http://.", "Write it in full, starting with https://."),
    Rule("link-denied-scheme", "links", "A link uses a scheme that can run code or hide content (javascript:, data:, ...).", "Link to an https:// page instead."),
    Rule("link-malformed", "links", "A link is not a well-formed address.", "Copy the address again from the browser's address bar."),
    Rule("link-shortener", "links", "A link goes through a link shortener.", "Link to the page it redirects to."),
    Rule("link-tracking-param", "links", "A link carries tracking parameters (utm_..., fbclid, ...).", "Remove them from the address."),
    Rule("link-site-stale", "links", "The built site is older than the pages it was built from.", "Run mkdocs build again before checking the built site."),
    Rule("image-no-alt", "links", "An image has no alt text.", "Describe the image in the ![alt text](...) brackets."),
    Rule("link-broken", "links", "An external link is broken (online check).", "Find the page's new address, or an archived copy."),
    Rule("link-redirected", "links", "An external link has moved permanently (online check).", "Use the new address."),
    Rule("link-timeout", "links", "An external link did not answer in time (online check).", "Try it in a browser; it may be a passing fault."),
    Rule("link-blocked", "links", "An external site refused the checker (online check).", "Try it in a browser."),
    Rule("link-network", "links", "The online check could not reach the network.", "Run it again when online."),
    # Content safety.
    Rule("file-disallowed", "safety", "A file of a kind the site does not publish is in docs/.", "Remove it, or use an allowed format (images: png, jpg, webp, svg)."),
    Rule("file-symlink", "safety", "A symbolic link is in docs/.", "Replace it with the file itself."),
    Rule("file-encoding", "safety", "An SVG file is not UTF-8 text.", "Save it as UTF-8."),
    Rule("svg-script", "safety", "An SVG file contains a script or an event handler.", "Remove it; pictures must not run code."),
    Rule("html-disallowed-tag", "safety", "Raw HTML uses a tag the site does not allow (script, iframe, form, ...).", "Write it in plain Markdown instead."),
    Rule("html-disallowed-attribute", "safety", "Raw HTML uses an attribute the site does not allow.", "Remove the attribute."),
    Rule("html-event-handler", "safety", "Raw HTML or a Markdown attribute has an event handler (onclick, ...).", "Remove it; pages must not run code."),
    Rule("html-attribute-breakout", "safety", "A built page has an attribute that breaks out of its quotes.", "Find the source text that produced it (the message quotes it) and remove the stray quote."),
    Rule("html-external-resource", "safety", "Raw HTML loads something from another site.", "Save the file into docs/assets/ and link it there."),
    Rule("url-dangerous-scheme", "safety", "An address uses a scheme that can run code (javascript:, vbscript:, data:).", "Link to an https:// page instead."),
    Rule("url-scheme", "safety", "An address uses a scheme the site does not allow.", "Use https://."),
    Rule("url-userinfo", "safety", "An address hides a user name before an @ (https://name@host).", "Use the plain address."),
    Rule("url-homoglyph", "safety", "An address mixes look-alike letters from different alphabets, or uses punycode.", "Type the address again from the real site."),
    Rule("unicode-bidi", "safety", "Text contains invisible characters that change the reading direction.", "Delete them (the message shows where)."),
    Rule("unicode-hidden", "safety", "Text contains invisible characters (zero-width spaces, ...).", "Delete them (the message shows where)."),
    Rule("front-matter-markup", "safety", "Front matter contains markup or a straight double quote.", "Use plain text and “curly quotes”."),
    Rule("front-matter-template", "safety", "Front matter contains template syntax ({{ }}, {% %}).", "Remove it."),
    Rule("template-syntax", "safety", "A page contains template syntax ({{ }}, {% %}, {# #}).", "Remove it, or put it in a code span."),
    Rule("safety-too-many", "safety", "One file has more safety problems than are worth listing.", "Fix the ones listed, then check again."),
    Rule("site-unreadable", "safety", "A built page cannot be read.", "Build the site again."),
    Rule("site-csp-missing", "safety", "A built page has no Content-Security-Policy.", "Keep the CSP block of overrides/main.html."),
    Rule("site-inline-script", "safety", "A built page has an inline script the CSP does not allow.", "Move it into a file under overrides/assets/, or add its hash to the CSP if the theme needs it."),
    Rule("site-script-source", "safety", "A built page loads a script from outside the site.", "Ship the script with the site."),
    Rule("site-external-resource", "safety", "A built page loads a style, font or image from another site.", "Ship it with the site."),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}


def rule_table() -> str:
    """The rules as a Markdown table, for CONTRIBUTING.md."""
    lines = ["| Rule | Check | What is wrong | What to do |", "| --- | --- | --- | --- |"]
    for rule in _RULES:
        lines.append(f"| `{rule.id}` | {rule.check} | {rule.summary} | {rule.fix} |")
    return "\n".join(lines)


def rule_lines() -> str:
    """The rules as ``check.py --list-rules`` prints them."""
    width = max(len(rule.id) for rule in _RULES)
    return "\n".join(f"{rule.id:<{width}}  [{rule.check}] {rule.summary} Fix: {rule.fix}" for rule in _RULES)
