"""Regenerate the golden outputs of the made-up generic pages (tests/fixtures/generic).

Run with `make golden`, then review the change with `git diff tests/fixtures`.
"""
from __future__ import annotations

import json
from pathlib import Path

from arsip.clean.cleaner import clean_bytes

HERE = Path(__file__).resolve().parent / "fixtures" / "generic"


def golden(raw: Path) -> tuple[str, str]:
    result = clean_bytes(raw.read_bytes(), raw.name)
    data = result.as_json()
    meta = {k: data[k] for k in ("title", "authors", "date", "source", "tags", "byline", "retrieved")}
    return data["body"], json.dumps(meta, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    for raw in sorted(HERE.glob("*.txt")):
        body, meta = golden(raw)
        raw.with_suffix(".expected.md").write_text(body, encoding="utf-8")
        raw.with_suffix(".expected.json").write_text(meta, encoding="utf-8")
        print(f"wrote {raw.stem}.expected.md and .expected.json")


if __name__ == "__main__":
    main()
