"""``<!-- md:claims -->``: the claims ledger, as a table and as claim boxes.

Without arguments: a table of every claim (paragraph, kind, assessment,
sources) followed by one section per claim with its verbatim quote and the
note behind its assessment. With ``tag=...`` or ``page=...``: claim boxes
for a themed page.
"""
from __future__ import annotations

from explainer.model.records import ASSESSMENTS, CLAIM_KINDS, Claim
from explainer.render.references import escape
from explainer.render.markers import Context, MarkerError, selection


def render(args: dict, context: Context) -> list[str]:
    chosen = selection("claims", args, context)
    claims = [claim for claim in chosen.pick(context.data.claims, context.data.claims_index) if not claim.todo]
    if not chosen.everything:
        if not claims:
            return ["*No claims are recorded for this topic yet.*"]
        return [line for claim in claims for line in _box(claim, context)]
    if not claims:
        return ["*No claims are recorded yet.*"]
    return _table(claims, context) + [line for claim in claims for line in _section(claim, context)]


def _paragraphs(claim: Claim) -> str:
    return ", ".join("¶" + pid.removeprefix("p") for pid in claim.paragraphs)


def _label(claim: Claim) -> str:
    if claim.kind in ("factual", "interpretation") and claim.assessment:
        return (f'<span class="claim-label claim-label--{claim.assessment}">'
                f'{ASSESSMENTS[claim.assessment]}</span>')
    return f'<span class="claim-label claim-label--{claim.kind}">Not assessed: {CLAIM_KINDS.get(claim.kind, "").lower()}</span>'


def _cite(claim: Claim) -> str:
    return f"[{'; '.join('@' + key for key in claim.sources)}]" if claim.sources else ""


def _discussed(claim: Claim, context: Context) -> str:
    links = []
    for path in claim.pages:
        title = context.page_title(path)
        if title is None:
            raise MarkerError(f"claim '{claim.id}' names a missing page '{path}'")
        links.append(f"[{escape(title)}](/{path})")
    return ", ".join(links)


def _table(claims: list[Claim], context: Context) -> list[str]:
    lines = ["| Claim | Where | Kind | Assessment | Sources |", "| --- | --- | --- | --- | --- |"]
    for claim in claims:
        text = f"[{escape(claim.paraphrase)}](#claim-{claim.id})"
        count = len(claim.sources)
        sources = f"{count} source{'s' if count > 1 else ''}{_cite(claim)}" if count else "—"
        lines.append(f"| {text} | {_paragraphs(claim)} | {CLAIM_KINDS.get(claim.kind, '')} | {_label(claim)} | {sources} |")
    return lines + [""]


def _section(claim: Claim, context: Context) -> list[str]:
    lines = ["", f"### {escape(claim.paraphrase)} {{#claim-{claim.id}}}", "",
             f"> “{escape(claim.quote)}” ({_paragraphs(claim)})", "",
             f"**{CLAIM_KINDS.get(claim.kind, '')}** · {_label(claim)}", ""]
    if claim.note:
        lines += [f"{escape(claim.note)} {_cite(claim)}".rstrip(), ""]
    discussed = _discussed(claim, context)
    if discussed:
        lines += [f"Discussed in {discussed}.", ""]
    return lines


def _box(claim: Claim, context: Context) -> list[str]:
    title = f"The article claims ({_paragraphs(claim)})"
    body = [f"> “{escape(claim.quote)}”", "", f"{escape(claim.paraphrase)}", "",
            f"**{CLAIM_KINDS.get(claim.kind, '')}** · {_label(claim)}"]
    if claim.note:
        body += ["", f"{escape(claim.note)} {_cite(claim)}".rstrip()]
    link = context.claim_link(claim.id)
    if link:
        body += ["", f"[All claims and evidence]({link})"]
    return ["", f'!!! claim "{title}"', "", *("    " + line if line else "" for line in body), ""]
