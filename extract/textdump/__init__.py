"""The text-dump reader: a report given as the text pulled out of its PDF (row or column
dumps), its tables' amounts placed by the accounting identities."""

from .document import extract_text

__all__ = ["extract_text"]
