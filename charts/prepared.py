"""A plan with what every page derives from it once: its summary and its activities' Arrow index.

Built once per workbook (ui caches it by the workbook's sha256) and shared, read-only, by every session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from charts.activities import ActivityIndex, index_activities, plan_year
from domain.plan import LoadResult
from domain.summary import Summary, summarise


@dataclass(frozen=True, eq=False)
class Prepared:
    plan: LoadResult
    summary: Summary
    activities: ActivityIndex | None  # None when the workbook has no activities

    @property
    def anio(self) -> int | None:
        """The plan year as the workbook states it (the activities' index guesses one when it does not)."""
        return self.plan.anio


def prepare(plan: LoadResult, today: date) -> Prepared:
    actividades = plan.tables.get("actividades")
    activities = None
    if actividades is not None and not actividades.empty:
        activities = index_activities(actividades, plan_year(plan.anio, actividades, today))
    return Prepared(plan=plan, summary=summarise(plan), activities=activities)
