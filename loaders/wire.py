"""A LoadResult as bytes and back, for the isolated reader: JSON for what was found, Arrow IPC for the tables.

No pickle: a worker that a hostile workbook might have subverted can, at worst, send wrong data, never code.
What comes back is rebuilt into the same frames `load_workbook` returns in process (a test compares them).
"""

from __future__ import annotations

import io
import json
import struct
from dataclasses import asdict, fields
from typing import Any, BinaryIO

import pandas as pd
import pyarrow as pa

from domain.issues import Issue, Omitted
from domain.plan import LoadResult
from domain.schema import CANONICAL
from settings import Settings

_FRAME = struct.Struct(">Q")
MAX_FRAME = 2**31  # no single message is larger than the workbook limits allow


class WireError(Exception):
    """A message could not be read: the other side died, lied or sent garbage."""


def write_frame(out: BinaryIO, payload: bytes) -> None:
    out.write(_FRAME.pack(len(payload)))
    out.write(payload)


def read_frame(source: BinaryIO) -> bytes:
    head = source.read(_FRAME.size)
    if len(head) != _FRAME.size:
        raise WireError("closed")
    (size,) = _FRAME.unpack(head)
    if size > MAX_FRAME:
        raise WireError("frame too large")
    payload = source.read(size)
    if len(payload) != size:
        raise WireError("truncated")
    return payload


def request(data: bytes, filename: str | None, anio: int | None, settings: Settings) -> list[bytes]:
    head = {"filename": filename, "anio": anio, "settings": asdict(settings)}
    return [json.dumps(head).encode(), data]


def read_request(head: bytes) -> tuple[str | None, int | None, Settings]:
    doc = json.loads(head)
    known = {f.name for f in fields(Settings)}
    return doc["filename"], doc["anio"], Settings(**{k: v for k, v in doc["settings"].items() if k in known})


def refusal(item: Issue) -> list[bytes]:
    return [json.dumps({"status": "refused", "issue": item.to_json()}).encode()]


def failure(kind: str) -> list[bytes]:
    return [json.dumps({"status": "failed", "kind": kind}).encode()]


def result(plan: LoadResult) -> list[bytes]:
    """The header (JSON) then one Arrow IPC stream per table, in the header's order."""
    head = {"status": "ok", "anio": plan.anio, "titulo": plan.titulo, "rangos": plan.rangos, "notas": plan.notas,
            "actividades_ilustrativas": plan.actividades_ilustrativas, "personal_derivado": plan.personal_derivado,
            "errors": [i.to_json() for i in plan.errors], "warnings": [i.to_json() for i in plan.warnings],
            "omitted": [o.to_json() for o in plan.omitted], "tables": list(plan.tables),
            "dtypes": {name: [str(d) for d in frame.dtypes] for name, frame in plan.tables.items()}}
    frames = [json.dumps(head, ensure_ascii=False).encode()]
    for frame in plan.tables.values():
        table = pa.Table.from_pandas(frame, preserve_index=False)
        sink = io.BytesIO()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        frames.append(sink.getvalue())
    return frames


def read_response(read: Any) -> tuple[str, Any]:
    """('ok', LoadResult) | ('refused', Issue) | ('failed', kind), reading frames with `read()`."""
    head = json.loads(read())
    status = head.get("status")
    if status == "refused":
        return status, Issue.from_json(head["issue"])
    if status == "failed":
        return status, str(head.get("kind"))
    if status != "ok":
        raise WireError(f"unknown status {status!r}")
    plan = LoadResult(anio=head["anio"], titulo=head["titulo"],
                      rangos={k: (float(lo), float(hi)) for k, (lo, hi) in head["rangos"].items()},
                      notas={str(k): str(v) for k, v in head["notas"].items()},
                      actividades_ilustrativas=bool(head["actividades_ilustrativas"]),
                      personal_derivado=bool(head["personal_derivado"]),
                      errors=[Issue.from_json(i) for i in head["errors"]],
                      warnings=[Issue.from_json(i) for i in head["warnings"]],
                      omitted=[Omitted.from_json(o) for o in head["omitted"]])
    for name in head["tables"]:
        if name not in CANONICAL:
            raise WireError(f"unknown table {name!r}")
        with pa.ipc.open_stream(read()) as stream:
            plan.tables[name] = _frame(name, stream.read_all(), head["dtypes"][name])
    return status, plan


# How each dtype a canonical table may have is rebuilt from its Arrow column (an allow-list: anything else is
# a lie from the worker).
_BUILD = {
    "object": lambda v: pd.Series(v.to_pylist(), dtype=object),
    "str": lambda v: pd.Series(v.to_pylist(), dtype="str"),
    "string": lambda v: pd.Series(pd.arrays.ArrowStringArray(v.cast(pa.string()))),
    "date32[day][pyarrow]": lambda v: pd.Series(pd.arrays.ArrowExtensionArray(v.cast(pa.date32()))),
    "float64": lambda v: pd.Series(v.to_numpy(zero_copy_only=False).astype("float64")),
    "int64": lambda v: pd.Series(v.to_numpy(zero_copy_only=False).astype("int64")),
}


def _frame(name: str, table: pa.Table, dtypes: list[str]) -> pd.DataFrame:
    """A canonical table with the dtypes `load_workbook` gave it in the worker."""
    names = [c.name for c in CANONICAL[name].columns if not c.optional or c.name in table.column_names]
    if list(table.column_names) != names or len(dtypes) != len(names) or not set(dtypes) <= set(_BUILD):
        raise WireError(f"table {name!r}")
    return pd.DataFrame({column: _BUILD[dtype](table.column(column).combine_chunks())
                         for column, dtype in zip(names, dtypes, strict=True)})
