"""Did-you-mean: the known names nearest to an unknown one (rapidfuzz)."""

from collections.abc import Iterable

SCORE_CUTOFF = 70.0
CLOSE = 8.0  # keep only the choices this close to the best one


def nearest(name: str, choices: Iterable[str], limit: int = 3, cutoff: float = SCORE_CUTOFF) -> list[str]:
    """The choices most like `name`, best first; a case-insensitive exact match comes first on its own."""
    from rapidfuzz import fuzz, process, utils

    pool = sorted(set(choices))
    folded = name.casefold()
    same = [c for c in pool if c.casefold() == folded]
    if same:
        return same[:limit]
    found = process.extract(name, pool, scorer=fuzz.ratio, processor=utils.default_process,
                            limit=limit, score_cutoff=cutoff)
    best = found[0][1] if found else 0.0
    return [choice for choice, score, _ in found if score >= best - CLOSE]


def did_you_mean(name: str, choices: Iterable[str], limit: int = 3) -> str:
    """' (did you mean A, B?)', or '' when nothing is near."""
    near = nearest(name, choices, limit)
    return f" (did you mean {', '.join(near)}?)" if near else ""
