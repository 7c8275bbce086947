"""The parse table the engine runs on: ints only, with conflicts kept as several actions.

`actions[state][terminal] = (shift_target, reductions)`: shift_target is -1 when there is no
shift; `reductions` are indices into `reductions`, each `(lhs, length, rule)`. A reduction
with length 0 stands for every way lhs derives the empty string (rule -1): the engine labels
it with lhs's shared ε-forest, as the RNGLR algorithm does. Lengths shorter than the rule are
right-nulled reductions: the rest of the rule derives ε (Scott & Johnstone 2006).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

Action = tuple[int, tuple[int, ...]]
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Conflict:
    """Several actions for one (state, terminal) that precedence did not settle."""

    state: int
    terminal: int
    shift: int  # -1 when the conflict is between reductions only
    reductions: tuple[int, ...]


@dataclass(frozen=True)
class Resolution:
    """A shift/reduce conflict settled by a precedence declaration."""

    state: int
    terminal: int
    reduction: int
    chosen: str  # "shift" | "reduce" | "error"
    reason: str


@dataclass(frozen=True, eq=False)
class ParseTable:
    grammar_hash: str
    n_terminals: int
    actions: tuple[dict[int, Action], ...]
    goto: tuple[dict[int, int], ...]
    reductions: tuple[tuple[int, int, int], ...]
    accept_state: int
    accessing: tuple[int, ...]
    resolutions: tuple[Resolution, ...] = ()
    _conflicts: list[Conflict] = field(default_factory=list, repr=False)

    @property
    def n_states(self) -> int:
        return len(self.actions)

    def conflicts(self) -> list[Conflict]:
        """Every (state, terminal) with more than one action, in state order."""
        if not self._conflicts:
            for state, row in enumerate(self.actions):
                for terminal, (shift, reds) in sorted(row.items()):
                    if len(reds) + (shift >= 0) > 1:
                        self._conflicts.append(Conflict(state, terminal, shift, reds))
        return self._conflicts

    def expected(self, state: int) -> tuple[int, ...]:
        return tuple(self.actions[state])

    # -- persistence ------------------------------------------------------------------------
    def to_json(self) -> str:
        data = {
            "format": FORMAT_VERSION,
            "grammar_hash": self.grammar_hash,
            "n_terminals": self.n_terminals,
            "actions": [[[t, s, list(r)] for t, (s, r) in row.items()] for row in self.actions],
            "goto": [[[k, v] for k, v in row.items()] for row in self.goto],
            "reductions": [list(r) for r in self.reductions],
            "accept_state": self.accept_state,
            "accessing": list(self.accessing),
            "resolutions": [
                [r.state, r.terminal, r.reduction, r.chosen, r.reason] for r in self.resolutions
            ],
        }
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ParseTable:
        data = json.loads(text)
        if data.get("format") != FORMAT_VERSION:
            raise ValueError("parse table format changed")
        return cls(
            grammar_hash=data["grammar_hash"],
            n_terminals=data["n_terminals"],
            actions=tuple({t: (s, tuple(r)) for t, s, r in row} for row in data["actions"]),
            goto=tuple({k: v for k, v in row} for row in data["goto"]),
            reductions=tuple((a, b, c) for a, b, c in data["reductions"]),
            accept_state=data["accept_state"],
            accessing=tuple(data["accessing"]),
            resolutions=tuple(Resolution(*r) for r in data["resolutions"]),
        )
