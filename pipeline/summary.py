"""What a run did, in words: the last lines a person or a cron mail reads."""

from __future__ import annotations

from .findings import findings_sentence


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _listed(title: str, items: dict[str, object], limit: int = 10) -> list[str]:
    lines = [f"{title}:"] if items else []
    for name, why in list(items.items())[:limit]:
        lines.append(f"  {name}: {'; '.join(why[:3]) if isinstance(why, list) else why}")
    if len(items) > limit:
        lines.append(f"  … and {len(items) - limit} more (see the run log)")
    return lines


def run_summary(record: dict) -> list[str]:
    """The run record (one line of the run log) as sentences."""
    inputs = (
        f"Inputs: {len(record.get('extracted', []))} extracted, "
        f"{len(record.get('skipped_unchanged', []))} unchanged, {len(record.get('duplicate', []))} duplicate, "
        f"{len(record.get('not_reports', {}))} not reports (skipped), "
        f"{len(record.get('quarantined_at_extraction', {}))} quarantined, {len(record.get('failed', {}))} failed; "
        f"{len(record.get('ignored', []))} ignored (.fiscalignore)."
    )
    lines = [inputs]
    lines += _listed("Failed", record.get("failed", {}))
    lines += _listed("Skipped, not reports", record.get("not_reports", {}))
    lines += _listed("Quarantined at extraction (kept under quarantine/)", record.get("quarantined_at_extraction", {}))
    lines += _listed("Quarantined (their checks fail; left out of the facts)", record.get("quarantined", {}))
    lines += _listed("Superseded by a more complete copy", record.get("superseded", {}))
    lines.append(_published(record))
    if "findings" in record:
        lines.append(
            findings_sentence(record["findings"], None if record.get("unchanged") else record.get("new_failures"))
        )
    if "incremental" in record and not record.get("unchanged"):
        how = "Built incrementally" if record["incremental"] else "Built in full"
        lines.append(f"{how} ({record.get('build_reason')}): {_count(record.get('reports_read', 0), 'report')} read.")
    return lines


def _published(record: dict) -> str:
    if record.get("published") or record.get("unchanged"):
        how = "Nothing changed, nothing built:" if record.get("unchanged") else "Published"
        return f"{how} {record.get('warehouse')}: {_count(record.get('current_reports', 0), 'current report')}."
    why = record.get("publish_error") or record.get("error") or "the build or its tests failed"
    kept = f" The failed build is kept as {record['failed_build']}." if record.get("failed_build") else ""
    return f"Not published: {why}; {record.get('warehouse')} is as it was.{kept}"
