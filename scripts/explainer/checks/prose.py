"""The site's own voice: words to watch, one spelling per name, sentences a phone reader can follow.

Reads the same blocks as the quotations check (pages, claims' paraphrases and
notes, events' titles and summaries). Quotations are someone else's words and
are skipped; so, for most words to watch, are sentences that say whose view
they report. Words to watch and name variants are warnings while drafting and
errors under --release; a long sentence is always a warning.
"""
from __future__ import annotations

import bisect
from typing import Iterator

from explainer.checks.wording import EVEN_WHEN_ATTRIBUTED, load, tokens
from explainer.model.diagnostics import Diagnostic
from explainer.model.project import Project
from explainer.model.texts import WORD, all_blocks, blank_quotations

MAX_WORDS = 40   # a sentence longer than this is hard to follow on a phone


def check(project: Project) -> Iterator[Diagnostic]:
    wording = load(project)
    yield from wording.problems
    severity = "error" if project.release else "warning"
    for block in all_blocks(project.pages, project.data, project.docs_dir):
        own = blank_quotations(block)
        words = tokens(own)
        found = wording.words.find(words)
        found += [(match.start(), match.end(), watch) for watch in wording.patterns for match in watch.pattern.finditer(own)]
        sentences = block.sentences() if found or block.kind == "text" else []
        if found:
            yield from _words_to_watch(block, own, sorted(found, key=lambda hit: hit[0]), sentences,
                                       [start for start, _, _ in wording.attribution.find(words)], severity)
        if block.kind == "text":
            for start, end in sentences:
                count = len(WORD.findall(block.text, start, end))
                if count > MAX_WORDS:
                    line, col = block.place(start)
                    yield Diagnostic(block.path, line, col, "prose-long-sentence",
                                     f"this sentence has {count} words; split it so that each has at most {MAX_WORDS}",
                                     "warning")
        for name in wording.names:
            for match in name.pattern.finditer(own):
                if own[:match.start()].endswith(name.use + " ("):
                    continue   # "Hmeimim (Khmeimim)": the other spelling, given once for the reader
                line, col = block.place(match.start())
                yield Diagnostic(block.path, line, col, "prose-name-variant",
                                 f"“{match.group(0)}”: this site spells it “{name.use}” (docs/data/words-to-watch.yml)",
                                 severity)


def _words_to_watch(block, own: str, found: list, sentences: list[tuple[int, int]], cues: list[int],
                    severity: str) -> Iterator[Diagnostic]:
    """The words found, except (for most kinds) those in a sentence that says whose view it reports."""
    starts = [start for start, _ in sentences]
    for start, end, watch in found:
        if watch.kind not in EVEN_WHEN_ATTRIBUTED and sentences:
            sentence_start, sentence_end = sentences[max(bisect.bisect_right(starts, start) - 1, 0)]
            if any(sentence_start <= cue < sentence_end for cue in cues):
                continue
        line, col = block.place(start)
        yield Diagnostic(block.path, line, col, "prose-word-to-watch",
                         f"“{own[start:end]}” ({watch.kind}): {watch.why} {watch.instead}", severity)
