"""crossfoot's diagnostics as Python exceptions: every error names its file, line, column
and a stable code (docs/diagnostics.md)."""

from dataclasses import dataclass

__all__ = ["Diagnostic", "Error"]


@dataclass(frozen=True)
class Diagnostic:
    """One message about a place in an input, as the command line prints it."""

    file: str
    line: int
    column: int
    severity: str
    message: str
    code: str
    source_line: str = ""

    def __str__(self):
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.code}]"


class Error(ValueError):
    """Input crossfoot cannot use. ``diagnostics`` holds every message; ``file``, ``line``,
    ``column``, ``code`` and ``message`` are the first one's."""

    def __init__(self, diagnostics):
        self.diagnostics = tuple(diagnostics)
        super().__init__(self.diagnostics)  # pickles and travels between processes

    def _first(self, name):
        return getattr(self.diagnostics[0], name) if self.diagnostics else None

    file = property(lambda self: self._first("file"))
    line = property(lambda self: self._first("line"))
    column = property(lambda self: self._first("column"))
    code = property(lambda self: self._first("code"))
    message = property(lambda self: self._first("message"))

    def __str__(self):
        return "\n".join(str(d) for d in self.diagnostics)
