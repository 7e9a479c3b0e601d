"""The PDF reader: pages to ruled or rebuilt grids, titles located across page breaks,
tables and forms parsed from cells."""

from .document import extract_pdf

__all__ = ["extract_pdf"]
