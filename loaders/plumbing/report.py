"""The load report every loader prints and saves, and the rejected rows it keeps aside.

A bad row never stops a load: it is reported with where it came from and why, written to
`out/rejected/`, and the rest loads. The report is what a user checks after a load.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Rejection:
    """One row kept out of the graph: where it was (`file:line` or row number) and why."""

    where: str
    reason: str
    row: dict[str, Any] | None = None


@dataclass
class LoadReport:
    loader: str
    source: str
    started_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    finished_at: str | None = None
    rows_read: int = 0
    entities_created: int = 0
    entities_merged: int = 0
    relationships_created: int = 0
    relationships_total: int = 0
    sent_to_review: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def reject(self, where: str, reason: str, row: dict[str, Any] | None = None) -> None:
        self.rejected.append(Rejection(where, reason, row))

    def finish(self) -> None:
        self.finished_at = datetime.now(UTC).isoformat(timespec="seconds")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["rejected_count"] = len(self.rejected)
        data["rejected"] = [{"where": r.where, "reason": r.reason} for r in self.rejected[:200]]
        return data

    def summary(self) -> str:
        lines = [
            f"{self.loader} load of {self.source}",
            f"  rows read:             {self.rows_read}",
            f"  entities created:      {self.entities_created}",
            f"  entities merged:       {self.entities_merged}",
            f"  relationships created: {self.relationships_created}"
            f" (of {self.relationships_total} written)",
            f"  sent to review:        {self.sent_to_review}",
            f"  rejected:              {len(self.rejected)}",
        ]
        lines.extend(f"  {key}: {value}" for key, value in self.extra.items())
        for rejection in self.rejected[:20]:
            lines.append(f"    rejected {rejection.where}: {rejection.reason}")
        if len(self.rejected) > 20:
            lines.append(f"    ... and {len(self.rejected) - 20} more (see the rejected file)")
        return "\n".join(lines)

    def save(self, out_dir: Path) -> Path:
        """Write the report JSON, and the rejected rows as JSON lines beside it."""
        stamp = (self.finished_at or self.started_at).replace(":", "").replace("+0000", "Z")
        reports = out_dir / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        path = reports / f"{self.loader}-{stamp}.json"
        if self.rejected:
            rejected_dir = out_dir / "rejected"
            rejected_dir.mkdir(parents=True, exist_ok=True)
            rejected_path = rejected_dir / f"{self.loader}-{stamp}.jsonl"
            with rejected_path.open("w", encoding="utf-8") as fh:
                for r in self.rejected:
                    fh.write(json.dumps(asdict(r), ensure_ascii=False, default=str) + "\n")
            self.extra["rejected_file"] = str(rejected_path)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2, default=str))
        return path

    def print(self) -> None:
        print(self.summary(), file=sys.stderr)
