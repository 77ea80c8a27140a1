"""``<!-- md:tally -->``: the claims ledger counted by verdict, with the date the account runs to.

Written from claims.yml every build, so the overview's figures always agree
with the ledger; the date is mkdocs.yml's ``extra.as_of``.
"""
from __future__ import annotations

from collections import Counter

from explainer.model.records import ASSESSMENTS
from explainer.model.settings import as_of
from explainer.render import html
from explainer.render.markers import CLAIMS_PAGE, Context, Html, MarkerError

def render(args: dict, context: Context) -> list:
    if args:
        raise MarkerError("md:tally takes no arguments")
    try:
        date = as_of(context.extra)
    except ValueError as error:
        raise MarkerError(str(error)) from None
    recorded = [claim for claim in context.data.claims if not claim.todo]
    judged = [claim for claim in recorded if claim.kind in ("factual", "interpretation") and claim.assessment]
    counts = Counter(claim.assessment for claim in judged)
    verdicts = [f'{counts[key]} <span class="claim-label claim-label--{key}">{label}</span>'
                for key, label in ASSESSMENTS.items()]
    when = f'As of <time datetime="{date.iso}">{date.human}</time>, t' if date else "T"
    ledger = html.link(context.url(CLAIMS_PAGE), "checked") if context.page_title(CLAIMS_PAGE) else "checked"
    if not recorded:
        text = f"{when}his site has not {ledger} any of the article’s claims yet."
    else:
        text = (f"{when}his site has {ledger} {len(judged)} of the article’s {len(recorded)} "
                f"claims against independent sources: {', '.join(verdicts[:-1])} and {verdicts[-1]}.")
    rest = len(recorded) - len(judged)
    if rest:
        text += f" The other {rest} are opinions, interpretations or predictions: labelled, not judged."
    todo = len(context.data.claims) - len(recorded)
    if todo:
        text += f" {todo} {'is' if todo == 1 else 'are'} still to be recorded."
    return [Html(f'<p class="tally">{text}</p>')]
