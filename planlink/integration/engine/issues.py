"""Which province issue a tambon item is suggested for: from the words of its title, its
development category and the problems it addresses, matched to each issue's suggesting words
(frameworks.ProvinceIssue.keywords). Pure; a person confirms every suggestion."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planlink.core.project_text import analyse, normalise

TITLE_WEIGHT, PROBLEM_WEIGHT, CATEGORY_WEIGHT = 3, 2, 1


@dataclass(frozen=True)
class IssueWords:
    id: int
    number: int
    words: tuple[str, ...]


@dataclass(frozen=True)
class Suggestion:
    issue: int | None
    because: tuple[str, ...]  # the words that matched, for the page's "why"


def suggest_issue(
    *,
    title: str,
    category: str = "",
    problems: Iterable[str] = (),
    issues: Sequence[IssueWords],
) -> Suggestion:
    """The best-scoring issue (ties: the lower number); none when no word matches."""
    # The work and its object, without places: "ป่า" must not match a village named ป่าตัน.
    text = analyse(title).core
    problem_text = normalise(" ".join(problems))
    category_text = normalise(category)
    best: tuple[int, int, int, tuple[str, ...]] | None = None
    for issue in issues:
        score, hits = 0, []
        for word in issue.words:
            key = normalise(word)
            if not key:
                continue
            gained = (
                TITLE_WEIGHT * (key in text)
                + PROBLEM_WEIGHT * (key in problem_text)
                + CATEGORY_WEIGHT * (key in category_text)
            )
            if gained:
                score += gained
                hits.append(word)
        if score and (best is None or (score, -issue.number) > (best[0], -best[1])):
            best = (score, issue.number, issue.id, tuple(hits))
    if best is None:
        return Suggestion(None, ())
    return Suggestion(best[2], best[3])
