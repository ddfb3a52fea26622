"""One-line Spanish headlines computed from the numbers; each also serves as its chart's text alternative."""

from __future__ import annotations

from datetime import date

import pandas as pd

from charts.derive import Check
from charts.fmt import MONTHS, count, fecha, join_names, money, percent


def budget_side(frame: pd.DataFrame | None, side: str, total) -> str:
    """'Los ingresos suman $7,868,489.38; el mayor es Saldos de años anteriores (39.7 %).'"""
    if frame is None or frame.empty:
        return f"El libro no trae {side.lower()}."
    top = frame.loc[frame["monto"].idxmax()]
    share = float(top["monto"]) / float(total) * 100 if total else 0.0
    return (f"Los {side.lower()} suman {money(total)} en {count(len(frame), 'clasificación', 'clasificaciones')}; "
            f"la mayor es «{top['clasificacion']}» ({percent(share)}).")


def budget_flow(ingresos_total, egresos_total, n_egresos: int) -> str:
    if ingresos_total is None or egresos_total is None:
        return "Hacen falta ingresos y egresos para ver el flujo del presupuesto."
    gap = ingresos_total - egresos_total
    tail = ("y cuadran al centavo" if gap == 0 else
            f"y los egresos quedan {money(abs(gap))} {'por debajo' if gap > 0 else 'por encima'} de los ingresos")
    return (f"Los {money(ingresos_total)} de ingresos se reparten en "
            f"{count(n_egresos, 'clasificación', 'clasificaciones')} de gasto por {money(egresos_total)}, {tail}.")


def reconciliation(checks: list[Check]) -> str:
    known = [c for c in checks if c.cuadra is not None]
    if not known:
        return "El libro no declara totales que se puedan comparar con la suma de sus líneas."
    wrong = [c for c in known if not c.cuadra]
    if not wrong:
        return f"Los {len(known)} totales declarados cuadran al centavo con la suma de sus líneas."
    parts = [f"{c.concepto} difiere en {money(abs(c.diferencia))}" for c in wrong]
    return f"{len(known) - len(wrong)} de {len(known)} totales cuadran al centavo; {join_names(parts)}."


def funding(own, donations, budget) -> str:
    """'Las donaciones financian el 13.3 % del presupuesto ($1,050,008.34); el 86.7 % son fondos propios.'"""
    if donations is None and own is None:
        return "El libro no trae fondos propios ni donaciones."
    base = budget or ((own or 0) + (donations or 0))
    if not donations:
        return "El presupuesto se financia solo con fondos propios de OPAMSS."
    text = f"Las donaciones financian el {percent(float(donations) / float(base) * 100)} del presupuesto " \
           f"({money(donations)})"
    if own is not None:
        text += f"; el {percent(float(own) / float(base) * 100)} son fondos propios de OPAMSS ({money(own)})"
    return text + "."


def donor_ends(donors: pd.DataFrame, anio: int | None) -> str:
    ended = [(d, e) for d, e in zip(donors["donante"], donors["fecha_finalizacion"], strict=True)
             if isinstance(e, date)]
    if not ended:
        return "El libro no trae fechas de finalización de las donaciones."
    if anio is None:
        last = max(e for _, e in ended)
        return f"La última donación termina el {fecha(last)}."
    plan_end = date(anio, 12, 31)
    early: dict[date, list[str]] = {}
    for donor, end in ended:
        if end < plan_end:
            early.setdefault(end, []).append(donor)
    if not early:
        return f"Los fondos de los {len(ended)} donantes llegan al cierre del plan ({fecha(plan_end)}) o más allá."
    parts = []
    for end, names in sorted(early.items()):
        months = (plan_end.year - end.year) * 12 + plan_end.month - end.month
        verb = "terminan" if len(names) > 1 else "termina"
        parts.append(f"los fondos de {join_names(names)} {verb} el {fecha(end)}, "
                     f"{count(months, 'mes', 'meses')} antes del cierre del plan")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def fund_cliff(cliff: pd.DataFrame) -> str:
    if cliff.empty:
        return "Ninguna actividad del POA indica como fuente a un donante con fecha de finalización."
    late = cliff.loc[cliff["despues_del_fin"]]
    if late.empty:
        return (f"Las {count(len(cliff), 'actividad', 'actividades')} financiadas por donantes terminan antes "
                "de que se acaben sus fondos.")
    donors = list(dict.fromkeys(late["donante"]))
    verb = "está programada" if len(late) == 1 else "están programadas"
    return (f"{count(len(late), 'actividad financiada', 'actividades financiadas')} por {join_names(donors)} "
            f"{verb} más allá del fin de sus fondos.")


def staff(table: pd.DataFrame) -> str:
    if table.empty:
        return "El libro no trae plazas de personal."
    total = int(table["plazas"].sum())
    ranged = table.loc[table["estado"] != "sin rango"]
    out = ranged.loc[ranged["estado"] == "fuera del rango"]
    if ranged.empty:
        verdict = "ningún nivel tiene rango meta"
    elif out.empty:
        verdict = (f"los {len(ranged)} niveles con rango meta están dentro de él" if len(ranged) > 1
                   else "el nivel con rango meta está dentro de él")
    else:
        verdict = join_names([f"{n} está fuera de su rango ({percent(p, 2)}, meta {r})"
                              for n, p, r in zip(out["nivel"], out["porcentaje"], out["rango"], strict=True)])
    return f"{count(total, 'plaza', 'plazas')} en {count(len(table), 'nivel', 'niveles')}: {verdict}."


def gantt(shown: int, total: int, areas: int, undated: int, whole_year: int) -> str:
    if not shown and not undated:
        return "Ninguna actividad coincide con los filtros."
    text = f"{count(shown, 'actividad', 'actividades')} con fechas en {count(areas, 'área', 'áreas')}"
    if whole_year:
        text += f"; {whole_year:,} {'dura' if whole_year == 1 else 'duran'} todo el año"
    if undated:
        text += f"; {count(undated, 'actividad sin fechas', 'actividades sin fechas')} (listadas aparte)"
    return text + "."


def month_load(load: pd.DataFrame) -> str:
    if load.empty or int(load.to_numpy().sum()) == 0:
        return "Ninguna actividad con fechas cae en el año del plan."
    by_month = load.sum(axis=0)
    month = int(by_month.idxmax())
    area = load.sum(axis=1).idxmax()
    return (f"{MONTHS[month - 1].capitalize()} es el mes con más actividades en curso ({int(by_month.max()):,}); "
            f"«{area}» es el área con más carga a lo largo del año.")
