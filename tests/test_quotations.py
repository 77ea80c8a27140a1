"""Issue 18: every quotation verified, and the site's own voice checked.

Planted problems in a copy of the real site are reported at their exact line;
the pieces (what counts as a quotation, an ellipsis, a title, a translation,
an attributed sentence) behave as CONTRIBUTING.md says.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import yaml

from conftest import FIXTURES, copy_project, make_mini, run_check

from explainer.checks.quotations import is_title, occurs
from explainer.model.texts import Block


def _diagnostics(result, rule: str) -> list[str]:
    return [line for line in result.lines if line.endswith(f"[{rule}]")]


def _plant(project: Path, page: str, after: str, text: str) -> int:
    """Insert ``text`` as a paragraph after the first line starting with ``after``; return its line number."""
    path = project / "docs" / page
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(after))
    lines[index + 1:index + 1] = ["", text]
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 3


# The planted problems of the "done when", in a copy of the real site ---------------------

INVENTED = "The article says that Russia “has never abandoned a single ally in its history”.[@article, para. 1]"
LABEL = "Critics of the so-called regime in Caracas disagree.[@sky-2026-operation-absolute-resolve]"
LONG = ("Russia’s relations with its partners have changed in many ways over the years that this site covers, and the "
        "changes touch on trade, on weapons, on debts, on bases and on the votes that the partners cast at the United "
        "Nations, which is why the pages of this site take them one country at a time, with the sources for each one, "
        "so that a reader can easily follow them.")


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    project = copy_project(tmp_path_factory.mktemp("planted") / "site")
    lines = {
        "invented": _plant(project, "argument/charge.md", "# ", INVENTED),
        "label": _plant(project, "countries/venezuela.md", "# ", LABEL),
        "long": _plant(project, "countries/argentina.md", "# ", LONG),
    }
    return project, lines


def test_the_planted_sentence_is_70_words_long():
    assert len(re.findall(r"[^\W_]+(?:[’'-][^\W_]+)*", LONG)) == 70


def test_an_invented_quotation_of_the_article_fails_at_its_line(planted):
    project, lines = planted
    result = run_check("quotations", root=project)
    assert result.code == 1, result.stdout + result.stderr
    found = _diagnostics(result, "quotation-not-found")
    col = INVENTED.index("“") + 1
    assert found == [f"docs/argument/charge.md:{lines['invented']}:{col}: error: “has never abandoned a single ally in its "
                     "history” is not word for word in the article. Copy the words exactly (mark left-out words with …), "
                     "or remove the quotation marks and attribute the paraphrase [quotation-not-found]"], result.stdout
    assert run_check(root=project).code == 1   # the whole run fails too


def test_a_contentious_label_in_the_sites_voice_is_reported_at_its_line(planted):
    project, lines = planted
    drafting = run_check("prose", root=project)
    assert drafting.code == 0   # a warning while drafting
    found = _diagnostics(drafting, "prose-word-to-watch")
    assert [line.split(" (", 1)[0] for line in found] == [
        f"docs/countries/venezuela.md:{lines['label']}:{LABEL.index('so-called') + 1}: warning: “so-called”",
        f"docs/countries/venezuela.md:{lines['label']}:{LABEL.index('regime') + 1}: warning: “regime”",
    ], drafting.stdout
    release = run_check("prose", "--release", root=project)
    assert release.code == 1
    assert all(": error: " in line for line in _diagnostics(release, "prose-word-to-watch"))


def test_a_70_word_sentence_is_reported_at_its_line(planted):
    project, lines = planted
    result = run_check("prose", root=project)
    assert f"docs/countries/argentina.md:{lines['long']}:1: warning: this sentence has 70 words; split it so that each has " \
           f"at most 40 [prose-long-sentence]" in result.lines, result.stdout


def test_the_planted_copy_reports_nothing_else(planted):
    project, lines = planted
    result = run_check("quotations", "prose", root=project)
    places = sorted({line.split(": ", 1)[0].rsplit(":", 1)[0] for line in result.lines})
    assert places == sorted({f"docs/argument/charge.md:{lines['invented']}", f"docs/countries/venezuela.md:{lines['label']}",
                             f"docs/countries/argentina.md:{lines['long']}"}), result.stdout


# The same text attributed, quoted, or marked, passes --------------------------------------------------

def test_words_to_watch_inside_quotations_and_attributed_sentences_pass(tmp_path: Path):
    root = make_mini(tmp_path / "project", {"docs/index.md": (
        "---\ntitle: Mini overview\ncovers: [p1]\ntags: [Testland]\n---\n\n# Mini overview\n\n"
        "The article argues that tests matter.[@article, para. 1] Independent work agrees.[@report-one]\n"
        "The minister calls it a regime.[@report-two] The “so-called reform” is the minister’s phrase.[@report-two]\n"
        "Clearly, the minister insisted on it.[@report-two] Clearly, the report matters.[@report-one]\n")})
    result = run_check("prose", root=root)
    found = [line.split(": warning: ")[1].split(" (")[0] for line in _diagnostics(result, "prose-word-to-watch")]
    # The label is the minister's (attributed) or quoted; "Clearly" passes in the attributed sentence only;
    # a loaded verb for "said" is flagged even there.
    assert found == ["“insisted”", "“Clearly”"], result.stdout


def test_an_ellipsis_may_leave_words_out_and_nothing_else_may():
    paragraph = "Ideological motivations, including anti-Western solidarity, still matter, but they are no longer decisive."
    assert occurs("Ideological motivations … still matter", paragraph)
    assert occurs("ideological motivations, including anti-Western solidarity", paragraph)   # first letter's case
    assert occurs("still matter, but they are no longer decisive.", paragraph)
    assert not occurs("Ideological motivations still matter", paragraph)              # words left out, no ellipsis
    assert not occurs("they are no longer decisive … still matter", paragraph)        # out of order
    assert not occurs("Ideological motivations still matters", paragraph)


def test_titles_and_scare_quotes_are_not_quotations():
    titles = {"not betrayal but strategy: russia's changing approach to global alliances"}
    assert is_title("Not Betrayal but Strategy", titles)
    assert is_title("One-Sided ‘International Duty’ No Longer Works", set())
    assert not is_title("Russia has betrayed its allies", set())
    assert not is_title("the minimum formal level", set())


def test_quotations_in_a_block_and_the_sentence_they_sit_in():
    block = Block("x.md", "He said “it is over.” Then he left. A “scare” word.", "text", [(0, 1, 1)])
    assert [q.text for q in block.quotations()] == ["it is over.", "scare"]
    assert [block.text[s:e] for s, e in block.sentences()] == ["He said “it is over.”", "Then he left.", "A “scare” word."]
    straight = Block("x.md", 'The "Not Betrayal" title.', "text", [(0, 7, 5)])
    assert [q.text for q in straight.quotations()] == ["Not Betrayal"]
    assert straight.place(5) == (7, 10)


def test_a_quoted_translation_must_say_so(tmp_path: Path):
    files = yaml.safe_load((FIXTURES / "rules" / "quotation-translation-unmarked.yml").read_text(encoding="utf-8"))["files"]
    root = make_mini(tmp_path / "project", files)
    result = run_check("quotations", root=root)
    assert [line.split(": ")[0] for line in result.lines] == ["docs/topic.md:8:26"], result.stdout
    assert "(translated from Spanish)" in result.stdout
