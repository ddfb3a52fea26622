"""loaders/isolation.py, worker.py and wire.py: reading in a limited worker gives the same plan, and whatever
goes wrong inside costs the worker, never the caller."""

from __future__ import annotations

import io
import time
from dataclasses import replace

import pandas as pd
import pytest

from loaders import UnreadableWorkbook, load_workbook, wire
from loaders.isolation import IsolatedReader
from settings import get_settings
from tests import hostile_files as H
from tests.factories import BUNDLED, plan_with_error


@pytest.fixture(scope="module")
def reader():
    pool = IsolatedReader(workers=1)
    yield pool
    pool.close()


@pytest.mark.parametrize("build", [BUNDLED.read_bytes, plan_with_error], ids=["bundled", "with_error"])
def test_the_worker_gives_the_same_plan(reader: IsolatedReader, build) -> None:
    data = build()
    here, there = load_workbook(data, filename="plan.xlsx"), reader.load(data, filename="plan.xlsx")
    assert list(here.tables) == list(there.tables)
    for name in here.tables:
        pd.testing.assert_frame_equal(here.tables[name], there.tables[name])
    assert (here.errors, here.warnings, here.omitted) == (there.errors, there.warnings, there.omitted)
    assert (here.anio, here.titulo, here.rangos, here.notas) == (there.anio, there.titulo, there.rangos, there.notas)


def test_a_refusal_crosses_over_as_itself(reader: IsolatedReader) -> None:
    with pytest.raises(UnreadableWorkbook) as caught:
        reader.load(b"Donante;Importe\nAMB;1\n")
    assert caught.value.issue.code == "no_es_xlsx"


def test_a_native_crash_costs_the_worker_not_the_caller() -> None:
    """With the guard's budget lifted, the reader aborts on XFD1048576 (it asks for 512 GB): the worker dies,
    the caller gets one Spanish refusal, and the next workbook is read by a fresh worker."""
    loose = replace(get_settings(), max_cells=10**12, max_columns=10**6, parse_memory_mb=1024)
    pool = IsolatedReader(loose, workers=1)
    try:
        with pytest.raises(UnreadableWorkbook) as caught:
            pool.load(H.far_cell("XFD1048576"))
        assert caught.value.issue.code == "lectura_abortada"
        assert pool.load(BUNDLED.read_bytes()).ok
    finally:
        pool.close()


def test_a_slow_read_is_stopped() -> None:
    slow = replace(get_settings(), parse_seconds=0.001)
    pool = IsolatedReader(slow, workers=1)
    try:
        time.sleep(0.5)
        with pytest.raises(UnreadableWorkbook) as caught:
            pool.load(BUNDLED.read_bytes())
        assert caught.value.issue.code == "lectura_demasiado_larga"
    finally:
        pool.close()


def test_the_wire_refuses_what_it_does_not_expect() -> None:
    frames = wire.result(load_workbook(BUNDLED))
    frames[0] = frames[0].replace(b'"ingresos"', b'"secretos"', 1)
    stream = iter(frames)
    with pytest.raises(wire.WireError):
        wire.read_response(lambda: next(stream))
    with pytest.raises(wire.WireError):
        wire.read_frame(io.BytesIO(b"\xff" * 8 + b"x"))
