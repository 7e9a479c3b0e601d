"""Place amounts whose blank cells vanished, the way an accountant would: with identities.

A text dump keeps the printed amounts of a row (row layout) or of a column (column layout)
in order but drops the blank cells, so which column (or row) each amount belongs to is
lost. Each such run of amounts is a :class:`Sequence`: its values go, in order, into some
of its slots, and the other slots are blank (0). The accounting identities are linear
:class:`Constraint` s over cells. Every sequence's placements are enumerated (pruned by the
constraints that close within it), then filtered against the constraints that tie several
sequences together until nothing changes. A cell left with one possible value is placed; a
cell with several is ambiguous, and all its candidates are reported — never a silent guess.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

Cell = tuple[str, str, str]  # (table number, row key, column)
HALF_UNIT = Decimal("0.005")
PLACEMENT_CAP = 50_000  # placements one sequence may have before it is left unresolved
PRODUCT_CAP = 100_000  # combinations one constraint may try per filtering pass


@dataclass(frozen=True)
class Sequence:
    values: tuple[Decimal, ...]
    slots: tuple[Cell, ...]


@dataclass(frozen=True)
class Constraint:
    """Σ coefficient × cell (op) 0, within tolerance (the rounding of its printed terms)."""

    terms: tuple[tuple[int, Cell], ...]
    op: str = "="  # "=" or ">="
    name: str = ""

    @property
    def tolerance(self) -> Decimal:
        return HALF_UNIT * len(self.terms)

    def holds(self, total: Decimal) -> bool:
        if self.op == ">=":
            return total >= -self.tolerance
        return abs(total) <= self.tolerance


@dataclass
class Solution:
    """Candidate values of every cell a sequence could fill."""

    candidates: dict[Cell, set[Decimal]] = field(default_factory=dict)

    def value(self, cell: Cell) -> Decimal | None:
        options = self.candidates.get(cell)
        return next(iter(options)) if options and len(options) == 1 else None

    def is_ambiguous(self, cell: Cell) -> bool:
        return len(self.candidates.get(cell, ())) > 1


class PlacementProblem:
    def __init__(self, known: dict[Cell, Decimal], sequences: list[Sequence], constraints: list[Constraint]):
        self.known = known
        self.sequences = sequences
        self.constraints = constraints
        self.owner: dict[Cell, tuple[int, int]] = {}
        for s, sequence in enumerate(sequences):
            for j, cell in enumerate(sequence.slots):
                self.owner[cell] = (s, j)

    # -- helpers ----------------------------------------------------------------------------
    def _fixed(self, cell: Cell) -> Decimal | None:
        """A cell's value when no sequence can fill it (printed, or blank)."""
        if cell in self.owner:
            return None
        return self.known.get(cell, Decimal(0))

    @staticmethod
    def _slot_value(sequence: Sequence, placement: tuple[int, ...], slot: int) -> Decimal:
        try:
            return sequence.values[placement.index(slot)]
        except ValueError:
            return Decimal(0)

    # -- enumerate each sequence's placements -------------------------------------------------
    def _closing(self, s: int) -> dict[int, list[Constraint]]:
        """Constraints decided by sequence s alone, keyed by the last slot they need."""
        closing: dict[int, list[Constraint]] = {}
        for constraint in self.constraints:
            slots = []
            for _, cell in constraint.terms:
                owner = self.owner.get(cell)
                if owner is None:
                    continue
                if owner[0] != s:
                    break
                slots.append(owner[1])
            else:
                if slots:
                    closing.setdefault(max(slots), []).append(constraint)
        return closing

    def _closing_terms(self, s: int) -> dict[int, list[tuple[Constraint, list[tuple[int, int | None, Decimal]]]]]:
        """_closing, each constraint with its terms as (coefficient, slot of sequence s or None,
        fixed value): what a partial placement is checked against, looked up once."""
        return {
            slot: [
                (constraint, [self._term(coefficient, cell) for coefficient, cell in constraint.terms])
                for constraint in constraints
            ]
            for slot, constraints in self._closing(s).items()
        }

    def _term(self, coefficient: int, cell: Cell) -> tuple[int, int | None, Decimal]:
        owner = self.owner.get(cell)
        return (coefficient, owner[1], Decimal(0)) if owner else (coefficient, None, self._fixed(cell))

    def _placements(self, s: int) -> list[tuple[int, ...]] | None:
        sequence = self.sequences[s]
        n, k = len(sequence.slots), len(sequence.values)
        closing = self._closing_terms(s)
        found: list[tuple[int, ...]] = []

        # `by_slot` holds the value each slot so far takes (a value, or 0 for a blank), so a
        # constraint reads a slot's value without searching the placement for it.
        def satisfied(by_slot: tuple[Decimal, ...], slot: int) -> bool:
            for constraint, terms in closing[slot]:
                total = Decimal(0)
                for coefficient, term_slot, fixed in terms:
                    total += coefficient * (fixed if term_slot is None else by_slot[term_slot])
                if not constraint.holds(total):
                    return False
            return True

        def extend(placement: tuple[int, ...], by_slot: tuple[Decimal, ...], slot: int) -> bool:
            if len(found) > PLACEMENT_CAP:
                return False
            if slot == n:
                if len(placement) == k:
                    found.append(placement)
                return True
            placed = len(placement)
            options = []
            if placed < k:
                options.append((placement + (slot,), by_slot + (sequence.values[placed],)))
            if n - slot - 1 >= k - placed:
                options.append((placement, by_slot + (Decimal(0),)))
            for option, values in options:
                if (slot not in closing or satisfied(values, slot)) and not extend(option, values, slot + 1):
                    return False
            return True

        complete = extend((), (), 0)
        return found if complete else None

    # -- filter placements against constraints spanning sequences -----------------------------
    def solve(self) -> Solution:
        domains: dict[int, list[tuple[int, ...]]] = {}
        solution = Solution()
        for s in range(len(self.sequences)):
            placements = self._placements(s)
            if placements is not None:  # else too many to list: its cells keep every reachable value
                domains[s] = placements
        changed = True
        while changed:
            changed = False
            for constraint in self.constraints:
                if self._filter(constraint, domains):
                    changed = True
        for s, sequence in enumerate(self.sequences):
            for j, cell in enumerate(sequence.slots):
                if s in domains:
                    solution.candidates[cell] = {self._slot_value(sequence, p, j) for p in domains[s]}
                else:  # too many placements to list: any value that could reach this slot
                    n, k = len(sequence.slots), len(sequence.values)
                    reachable = {sequence.values[i] for i in range(k) if i <= j <= n - k + i}
                    solution.candidates[cell] = reachable | {Decimal(0)}
        return solution

    def _filter(self, constraint: Constraint, domains: dict[int, list[tuple[int, ...]]]) -> bool:
        involved: dict[int, list[tuple[int, Cell]]] = {}
        constant = Decimal(0)
        for coefficient, cell in constraint.terms:
            owner = self.owner.get(cell)
            if owner is None:
                constant += coefficient * self._fixed(cell)
            else:
                involved.setdefault(owner[0], []).append((coefficient, cell))
        if not involved or any(s not in domains for s in involved):
            return False
        # Each sequence contributes one number to this constraint: group placements by it.
        contributions: dict[int, dict[Decimal, list[tuple[int, ...]]]] = {}
        for s, terms in involved.items():
            sequence = self.sequences[s]
            groups: dict[Decimal, list[tuple[int, ...]]] = {}
            for placement in domains[s]:
                amount = sum(
                    (c * self._slot_value(sequence, placement, self.owner[cell][1]) for c, cell in terms), Decimal(0)
                )
                groups.setdefault(amount, []).append(placement)
            contributions[s] = groups
        order = list(contributions)
        sizes = [len(contributions[s]) for s in order]
        product = 1
        for size in sizes:
            product *= size
            if product > PRODUCT_CAP:
                return False
        supported: dict[int, set[Decimal]] = {s: set() for s in order}
        for combination in itertools.product(*(list(contributions[s]) for s in order)):
            if constraint.holds(constant + sum(combination, Decimal(0))):
                for s, amount in zip(order, combination):
                    supported[s].add(amount)
        changed = False
        for s in order:
            kept = [p for amount, group in contributions[s].items() if amount in supported[s] for p in group]
            if len(kept) != len(domains[s]):
                domains[s] = kept
                changed = True
        return changed
