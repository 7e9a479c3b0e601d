from decimal import Decimal as D

from extract.textdump.placement import Constraint, PlacementProblem, Sequence


def cell(row, column, table="05"):
    return (table, row, column)


def row_total(row):
    return Constraint(((1, cell(row, "total")), (-1, cell(row, "basic")), (-1, cell(row, "project"))))


def test_parent_sums_decide_which_column_each_amount_is_in():
    # 合计 prints total 30, basic 20, project 10; children print only "total x" pairs.
    known = {
        cell("合计", "total"): D(30),
        cell("合计", "basic"): D(20),
        cell("合计", "project"): D(10),
        cell("a", "total"): D(20),
        cell("b", "total"): D(10),
    }
    sequences = [
        Sequence((D(20),), (cell("a", "basic"), cell("a", "project"))),
        Sequence((D(10),), (cell("b", "basic"), cell("b", "project"))),
    ]
    constraints = [row_total("a"), row_total("b")] + [
        Constraint(((1, cell("合计", column)), (-1, cell("a", column)), (-1, cell("b", column))))
        for column in ("basic", "project")
    ]
    solution = PlacementProblem(known, sequences, constraints).solve()
    assert solution.value(cell("a", "basic")) == D(20) and solution.value(cell("a", "project")) == D(0)
    assert solution.value(cell("b", "project")) == D(10)
    assert not any(solution.is_ambiguous(c) for s in sequences for c in s.slots)


def test_what_the_identities_cannot_decide_stays_ambiguous():
    # Two children of equal amount under a parent split 10 / 10: either could be basic.
    known = {
        cell("合计", "basic"): D(10),
        cell("合计", "project"): D(10),
        cell("a", "total"): D(10),
        cell("b", "total"): D(10),
    }
    sequences = [
        Sequence((D(10),), (cell("a", "basic"), cell("a", "project"))),
        Sequence((D(10),), (cell("b", "basic"), cell("b", "project"))),
    ]
    constraints = [row_total("a"), row_total("b")] + [
        Constraint(((1, cell("合计", column)), (-1, cell("a", column)), (-1, cell("b", column))))
        for column in ("basic", "project")
    ]
    solution = PlacementProblem(known, sequences, constraints).solve()
    assert solution.is_ambiguous(cell("a", "basic"))
    assert solution.candidates[cell("a", "basic")] == {D(0), D(10)}


def test_inequalities_from_a_subset_table_decide():
    # 03 ⊇ 05: the 03 row's basic must be at least 05's basic.
    known = {cell("x", "total", "03"): D(5), cell("x", "basic", "05"): D(5)}
    sequences = [Sequence((D(5),), (cell("x", "basic", "03"), cell("x", "project", "03")))]
    constraints = [Constraint(((1, cell("x", "basic", "03")), (-1, cell("x", "basic", "05"))), op=">=")]
    solution = PlacementProblem(known, sequences, constraints).solve()
    assert solution.value(cell("x", "basic", "03")) == D(5)


def test_rounding_tolerance_grows_with_the_terms():
    known = {cell("合计", "basic"): D("8796.56")}
    parts = [D("2629.76"), D("5215.75"), D("309.94"), D("641.10")]  # sums to 8796.55
    sequences = [
        Sequence((value,), (cell(f"c{n}", "basic"), cell(f"c{n}", "project"))) for n, value in enumerate(parts)
    ]
    constraint = Constraint(((1, cell("合计", "basic")),) + tuple((-1, cell(f"c{n}", "basic")) for n in range(4)))
    solution = PlacementProblem(known, sequences, [constraint]).solve()
    assert all(solution.value(cell(f"c{n}", "basic")) == parts[n] for n in range(4))
