"""The gazetteer's value types: a GB/T 2260 ``Division`` and a place-name ``Mention``
in a scanned text, and ``LEVEL_DEPTH`` (province 0, prefecture 1, county 2)."""

from __future__ import annotations

from dataclasses import dataclass

LEVEL_DEPTH = {"province": 0, "prefecture": 1, "county": 2}


@dataclass(frozen=True)
class Division:
    """One GB/T 2260 division. ``parent`` is the parent adcode (None for provinces)."""

    adcode: str
    name: str
    short_name: str
    level: str
    parent: str | None
    former_names: tuple[str, ...] = ()

    @property
    def depth(self) -> int:
        """0 province, 1 prefecture, 2 county."""
        return LEVEL_DEPTH[self.level]


@dataclass(frozen=True)
class Mention:
    """A place-name occurrence in a text.

    ``start``/``end`` index the scanned text; ``candidates`` are the adcodes the surface
    can denote (several for 鼓楼区); ``form`` is name | alias | former | short; ``risky``
    is True for a bare short name that is also an everyday word (see ``Gazetteer``), which
    counts only with its province/prefecture immediately before it.
    """

    start: int
    end: int
    surface: str
    candidates: tuple[str, ...]
    form: str
    risky: bool = False
