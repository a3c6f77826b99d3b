"""Write the JSON Schema files anew from kneefit.schemas.documents."""

from __future__ import annotations

from pathlib import Path

from kneefit.schemas import SCHEMAS, file_name, generate

here = Path(__file__).parent
for name in SCHEMAS.values():
    (here / file_name(name)).write_text(generate(name), encoding="utf-8")
    print(f"wrote {here / file_name(name)}")
