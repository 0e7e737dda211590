"""Progress bars for downloads and loads (rich), drawn only where a person watches.

On a terminal a bar redraws in place; when stderr is captured (CI, a log file) nothing is
drawn while running and one plain line is printed at the end, never a run of carriage returns.
"""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)

__all__ = ["Meter"]


class Meter:
    """`meter(n)` advances by n; a context manager that closes the bar (idempotent)."""

    def __init__(
        self, total: int | None, label: str, *, enabled: bool | None = None, data: bool = False
    ) -> None:
        self.label, self.done, self.total = label, 0, total
        self.live = sys.stderr.isatty() if enabled is None else enabled
        self.quiet = enabled is False
        self._progress: Progress | None = None
        if self.live:
            amount = DownloadColumn() if data else MofNCompleteColumn()
            columns = [TextColumn("{task.description}"), BarColumn(), amount]
            speed = TransferSpeedColumn() if data else TimeElapsedColumn()
            self._progress = Progress(
                *columns, speed, console=Console(stderr=True), transient=False
            )
            self._task = self._progress.add_task(label, total=total)
            self._progress.start()

    def __call__(self, n: int) -> None:
        self.done += n
        if self._progress is not None:
            self._progress.update(self._task, advance=n)
        if self.total is not None and self.done >= self.total:
            self.close()

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        elif not self.live and not self.quiet and self.label:
            print(f"{self.label}: {self.done:,} done", file=sys.stderr)
            self.quiet = True  # printed once

    def __enter__(self) -> Meter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
