"""Build Grid objects from text matrices: '<' continues the cell on the left, '^' the one above."""

from extract.pdf.grid import Grid, GridCell


def grid_from(matrix: list[list[str]], page: int = 1, width: float = 10.0) -> Grid:
    n_rows, n_cols = len(matrix), len(matrix[0])
    taken: set[tuple[int, int]] = set()
    cells = []
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in taken or matrix[r][c] in ("<", "^"):
                continue
            col_span = 1
            while c + col_span < n_cols and matrix[r][c + col_span] == "<":
                col_span += 1
            row_span = 1
            while r + row_span < n_rows and matrix[r + row_span][c] == "^":
                row_span += 1
            for rr in range(r, r + row_span):
                for cc in range(c, c + col_span):
                    taken.add((rr, cc))
            cells.append(GridCell(r, c, row_span, col_span, matrix[r][c]))
    return Grid(
        page_number=page,
        n_rows=n_rows,
        n_cols=n_cols,
        col_edges=[i * width for i in range(n_cols + 1)],
        row_edges=[i * 10.0 for i in range(n_rows + 1)],
        cells=cells,
    )
