"""``<!-- md:claims -->``: the claims ledger, as a table and as claim boxes.

Without arguments: a table of every claim (paragraph, kind, assessment,
sources) followed by one section per claim with its verbatim quote and the
note behind its assessment. With ``tag=...`` or ``page=...``: claim boxes
for a themed page. ``style=compact``: "claims at a glance", one line per claim
(its label, then the claim linking to its entry on the claims page), so a claim
is assessed in one place and every label on a page is the ledger's own.
"""
from __future__ import annotations

from explainer.model.records import ASSESSMENTS, CLAIM_KINDS, Claim
from explainer.render import html
from explainer.render.markers import Context, Html, MarkerError, selection
from explainer.render.references import escape


def render(args: dict, context: Context) -> list:
    chosen = selection("claims", args, context)
    claims = [claim for claim in chosen.pick(context.data.claims, context.data.claims_index) if not claim.todo]
    if chosen.style == "compact":
        if not claims:
            return ["*No claims are recorded for this topic yet.*"]
        return [Html(_glance(claims, context))]
    if not chosen.everything:
        if not claims:
            return ["*No claims are recorded for this topic yet.*"]
        return [Html(_box(claim, context)) for claim in claims]
    if not claims:
        return ["*No claims are recorded yet.*"]
    return _table(claims, context) + [part for claim in claims for part in _section(claim, context)]


def _paragraphs(claim: Claim) -> str:
    return ", ".join("¶" + pid.removeprefix("p") for pid in claim.paragraphs)


def _glance(claims: list[Claim], context: Context) -> str:
    """One line a claim: the ledger's label, then the claim (paraphrased) linking to its full entry."""
    say = context.abbreviations.text
    items = []
    for claim in claims:
        text = say(claim.paraphrase)
        link = context.claim_link(claim.id)
        if link:
            text = html.link(link, text)
        items.append(f'<li>{_label(claim)} <span>{text}</span></li>')   # styled by the list's class
    return "\n".join(['<ul class="claims-glance">', *items, "</ul>"])


def _label(claim: Claim) -> str:
    if claim.kind in ("factual", "interpretation") and claim.assessment:
        return (f'<span class="claim-label claim-label--{claim.assessment}">'
                f'{ASSESSMENTS[claim.assessment]}</span>')
    return f'<span class="claim-label claim-label--{claim.kind}">Not assessed: {CLAIM_KINDS.get(claim.kind, "").lower()}</span>'


def _cite(claim: Claim, context: Context) -> str:
    return context.notes.cite_later(claim.cites) if claim.cites else ""


def _discussed(claim: Claim, context: Context) -> str:
    links = []
    for path in claim.pages:
        title = context.page_title(path)
        if title is None:
            raise MarkerError(f"claim '{claim.id}' names a missing page '{path}'")
        links.append(html.link(context.url(path), context.abbreviations.text(title)))
    return ", ".join(links)


def _table(claims: list[Claim], context: Context) -> list:
    say = context.abbreviations.text
    rows = ["<table>", "<thead>", "<tr>", *(f"<th>{name}</th>" for name in ("Claim", "Where", "Kind", "Assessment", "Sources")),
            "</tr>", "</thead>", "<tbody>"]
    for claim in claims:
        count = len(claim.sources)
        sources = f"{count} source{'s' if count > 1 else ''}{_cite(claim, context)}" if count else "—"
        rows += ["<tr>", f'<td>{html.link(f"#claim-{claim.id}", say(claim.paraphrase))}</td>',
                 f"<td>{_paragraphs(claim)}</td>", f"<td>{CLAIM_KINDS.get(claim.kind, '')}</td>",
                 f"<td>{_label(claim)}</td>", f"<td>{sources}</td>", "</tr>"]
    return [Html("\n".join([*rows, "</tbody>", "</table>"]))]


def _note(claim: Claim, context: Context) -> list[str]:
    if not claim.note:
        return []
    cite = _cite(claim, context)
    return [f"<p>{context.abbreviations.text(claim.note)}{' ' + cite if cite else ''}</p>"]


def _section(claim: Claim, context: Context) -> list:
    """A claim's entry in the ledger. The heading names the article as the claimant, like the
    boxes' titles: it also stands alone in the table of contents and in search results."""
    say = context.abbreviations.text
    body = ["<blockquote>", f"<p>“{say(claim.quote)}”</p>", "</blockquote>",
            f"<p><strong>{CLAIM_KINDS.get(claim.kind, '')}</strong> · {_label(claim)}</p>", *_note(claim, context)]
    discussed = _discussed(claim, context)
    if discussed:
        body.append(f"<p>Discussed in {discussed}.</p>")
    heading = f"The article claims ({_paragraphs(claim)}): {escape(claim.paraphrase)}"
    return ["", f"## {heading} {{#claim-{claim.id}}}", "", Html("\n".join(body))]


def _box(claim: Claim, context: Context) -> str:
    say = context.abbreviations.text
    body = ['<div class="admonition claim">', f'<p class="admonition-title">The article claims ({_paragraphs(claim)})</p>',
            "<blockquote>", f"<p>“{say(claim.quote)}”</p>", "</blockquote>", f"<p>{say(claim.paraphrase)}</p>",
            f"<p><strong>{CLAIM_KINDS.get(claim.kind, '')}</strong> · {_label(claim)}</p>", *_note(claim, context)]
    link = context.claim_link(claim.id)
    if link:
        body.append(f"<p>{html.link(link, 'All claims and evidence')}</p>")
    body.append("</div>")
    return "\n".join(body)
