"""One-line Spanish headlines computed from the numbers; each also serves as its chart's text alternative."""

from __future__ import annotations

from datetime import date

import pandas as pd

from domain.calendar import MONTHS, donor_ends_in_plan, plan_end
from domain.checks import Check, OwnFunds
from domain.fmt import count, fecha, join_names, money, percent, shorten
from domain.issues import Severity
from domain.money import add, share
from domain.schema import OWN_FUNDS_LABEL
from domain.summary import Summary


def budget_side(frame: pd.DataFrame | None, side: str, total) -> str:
    """'Los ingresos suman $7,868,489.38; el mayor es Saldos de años anteriores (39.7 %).'"""
    if frame is None or frame.empty:
        return f"El libro no trae {side.lower()}."
    top = frame.loc[frame["monto"].idxmax()]
    part = float(top["monto"]) / float(total) * 100 if total else 0.0
    return (f"Los {side.lower()} suman {money(total)} en {count(len(frame), 'clasificación', 'clasificaciones')}; "
            f"la mayor es «{top['clasificacion']}» ({percent(part)}).")


def budget_flow(ingresos_total, egresos_total, n_egresos: int) -> str:
    if ingresos_total is None or egresos_total is None:
        return "Hacen falta ingresos y egresos para ver el flujo del presupuesto."
    gap = ingresos_total - egresos_total
    tail = ("y cuadran al centavo" if gap == 0 else
            f"y los egresos quedan {money(abs(gap))} {'por debajo' if gap > 0 else 'por encima'} de los ingresos")
    return (f"Los {money(ingresos_total)} de ingresos se reparten en "
            f"{count(n_egresos, 'clasificación', 'clasificaciones')} de gasto por {money(egresos_total)}, {tail}.")


def reconciliation(checks: tuple[Check, ...] | list[Check]) -> str:
    known = [c for c in checks if c.balanced is not None]
    if not known:
        return "El libro no declara totales que se puedan comparar con la suma de sus líneas."
    wrong = [c for c in known if not c.balanced]
    if not wrong:
        return f"Los {len(known)} totales declarados cuadran al centavo con la suma de sus líneas."
    parts = [f"{c.concept} difiere en {money(abs(c.gap))}" for c in wrong]
    return f"{len(known) - len(wrong)} de {len(known)} totales cuadran al centavo; {join_names(parts)}."


def reconciliation_line(check: Check) -> str:
    """'Total Egresos: declarado $7,868,489.38, suma de líneas $7,868,489.37 — diferencia de $0.01 de menos…'"""
    text = f"{check.concept}: declarado {money(check.stated)}, suma de líneas {money(check.lines)}"
    if check.balanced:
        return f"{text} — cuadra al centavo."
    side = "de más" if check.gap > 0 else "de menos"
    return f"{text} — diferencia de {money(abs(check.gap))} ({side} en las líneas)."


def own_funds_note(own: OwnFunds | None) -> str:
    """The word on screen when own funds are not stated by the workbook but derived (domain.checks.own_funds)."""
    if own is None or not own.derived:
        return ""
    return "Calculado: el libro no declara los fondos propios; son el presupuesto menos las donaciones."


def funding(own: OwnFunds | None, donations, budget) -> str:
    """'Las donaciones financian el 13.3 % del presupuesto ($1,050,008.34); el 86.7 % son fondos propios.'"""
    if donations is None and own is None:
        return "El libro no trae fondos propios ni donaciones."
    base = budget or ((own.amount if own else 0) + (donations or 0))
    if not donations:
        return "El presupuesto se financia solo con fondos propios de OPAMSS."
    text = f"Las donaciones financian el {percent(share(donations, base))} del presupuesto ({money(donations)})"
    if own is not None:
        calculated = " calculados" if own.derived else ""
        text += (f"; el {percent(share(own.amount, base))} son fondos propios de OPAMSS{calculated} "
                 f"({money(own.amount)})")
    return text + "."


def donor_ends(donors: pd.DataFrame, anio: int | None) -> str:
    """Which donors' funds end during the plan (domain.calendar.donor_ends_in_plan), and how early."""
    if donors.empty:
        return "El libro no trae donaciones."
    ended = [(d, e) for d, e in zip(donors["fuente"], donors["fecha_finalizacion"], strict=True)
             if isinstance(e, date)]
    if not ended:
        return "El libro no trae fechas de finalización de las donaciones."
    if anio is None:
        last = max(e for _, e in ended)
        return f"La última donación termina el {fecha(last)}."
    last_day = plan_end(anio)
    early: dict[date, list[str]] = {}
    for donor, end in ended:
        if donor_ends_in_plan(end, anio):
            early.setdefault(end, []).append(donor)
    if not early:
        return f"Ninguna donación termina durante el plan: sus fondos llegan al {fecha(last_day)} o más allá."
    parts = []
    for end, names in sorted(early.items()):
        months = (last_day.year - end.year) * 12 + last_day.month - end.month
        verb = "terminan" if len(names) > 1 else "termina"
        parts.append(f"los fondos de {join_names(names)} {verb} el {fecha(end)}, "
                     f"{count(months, 'mes', 'meses')} antes del cierre del plan")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def ending(summary: Summary) -> str:
    """The Inicio card under 'Donaciones que terminan en 2016': how many donors, who first, when."""
    if not summary.donantes:
        return "El libro no trae donaciones."
    soonest = summary.soonest_end
    if soonest is None:
        return "Ninguna donación termina durante el año del plan."
    first, names = soonest
    return (f"{count(len(summary.ending), 'donante termina', 'donantes terminan')} en {summary.anio}; "
            f"{join_names(names)} el {fecha(first)}.")


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


def gantt(*, shown: int, areas: int, undated: int, whole_year: int, late: list[str] = ()) -> str:
    """'72 actividades con fechas en 15 áreas; 23 duran todo el año. «A» y «B» siguen después del fin de los
    fondos de su donante (marcadas con ⚠).'"""
    if not shown and not undated:
        return "Ninguna actividad coincide con los filtros."
    text = f"{count(shown, 'actividad', 'actividades')} con fechas en {count(areas, 'área', 'áreas')}"
    if whole_year:
        text += f"; {whole_year:,} {'dura' if whole_year == 1 else 'duran'} todo el año"
    if undated:
        text += f"; {count(undated, 'actividad sin fechas', 'actividades sin fechas')} (listadas aparte)"
    text += "."
    if late:
        named = [f"«{shorten(n, 60)}»" for n in late[:3]] + ([f"{len(late) - 3:,} más"] if len(late) > 3 else [])
        verb = "sigue" if len(late) == 1 else "siguen"
        text += f" {join_names(named)} {verb} después del fin de los fondos de su donante (marcadas con ⚠)."
    return text


def month_load(load: pd.DataFrame) -> str:
    if load.empty or int(load.to_numpy().sum()) == 0:
        return "Ninguna actividad con fechas cae en el año del plan."
    by_month = load.sum(axis=0)
    months = [MONTHS[int(m) - 1] for m in by_month.index[by_month == by_month.max()]]
    by_area = load.sum(axis=1)
    areas = [f"«{a}»" for a in by_area.index[by_area == by_area.max()]]
    # Ties are named, all of them: 'Mayo y junio son los meses…', not one of them picked silently.
    when = (f"{join_names(months).capitalize()} {'es el mes' if len(months) == 1 else 'son los meses'} con más "
            f"actividades en curso ({int(by_month.max()):,})")
    who = f"{join_names(areas)} {'es el área' if len(areas) == 1 else 'son las áreas'} con más carga a lo largo del año"
    return f"{when}; {who}."


def staff_units(units: pd.DataFrame) -> str:
    """'2 unidades; la mayor es «Dirección Ejecutiva» con 5 plazas.'"""
    if units.empty:
        return "El libro no desglosa las plazas por unidad: solo trae el total de cada nivel."
    top = units.loc[units["total"].idxmax()]
    return (f"{count(len(units), 'unidad', 'unidades')}; la mayor es «{top['unidad']}» con "
            f"{count(int(top['total']), 'plaza', 'plazas')}.")


def workbook_errors(plan_errors: int) -> str:
    """The line every page shows at the top when the workbook shown has errors."""
    return (f"El libro mostrado tiene {Severity.ERROR.quantity(plan_errors)}: lo que dicen esas filas no está en "
            "los gráficos. Vea la revisión del libro para saber qué corregir.")


def review(errors: int, warnings: int) -> str:
    """'El libro tiene 0 errores y 4 advertencias.': the true counts, the capped issues included."""
    if not errors and not warnings:
        return "El libro no tiene errores ni advertencias."
    return f"El libro tiene {Severity.ERROR.quantity(errors)} y {Severity.WARNING.quantity(warnings)}."


def calendar_drawn(rows: pd.DataFrame, dated: int) -> str:
    """'El calendario muestra 10 áreas y 0 actividades de 997…' when it draws fewer bars than there are."""
    drawn = int((rows["kind"] == "actividad").sum())
    if dated <= drawn:
        return ""
    return (f"El calendario muestra {count(int((rows['kind'] == 'area').sum()), 'área', 'áreas')} y "
            f"{count(drawn, 'actividad', 'actividades')} de {dated:,}: abra un área o use los filtros para ver el "
            "detalle. La matriz de abajo las lista todas.")


def execution(table: pd.DataFrame, side: str, corte: date | None) -> str:
    """'Al corte del 30/06/2016 se ha ejecutado el 45.2 % de los egresos ($X de $Y); la menor ejecución es…'.

    Totals are summed in exact cents over the lines that state an execution (the table behind the chart).
    """
    income = side == "Ingresos"
    if table.empty:
        return f"El libro no trae la ejecución de los {side.lower()}."
    budget, done = add(table["monto"]), add(table["ejecutado"])
    verb = "se ha recaudado" if income else "se ha ejecutado"
    when = f"Al corte del {fecha(corte)}" if corte else "Según el libro"
    text = (f"{when} {verb} el {percent(share(done, budget))} de los {side.lower()} "
            f"({money(done)} de {money(budget)}{' previstos' if income else ''})")
    rated = table[table["porcentaje"].notna()]
    if len(rated) > 1:
        low = rated.loc[rated["porcentaje"].idxmin()]
        text += f"; la clasificación con menor avance es «{low['clasificacion']}» ({percent(low['porcentaje'])})"
    return text + "."


def progress(by_area: pd.DataFrame, late: int, corte_when: date, corte_source: str) -> str:
    """'Al 30/06/2025 (la fecha de corte del libro), 12 actividades llevan un avance promedio de 41.5 %; …'"""
    n = int(by_area["actividades"].sum()) if len(by_area) else 0
    if not n:
        return "El libro no trae el avance de ninguna actividad."
    mean = float((by_area["avance"] * by_area["actividades"]).sum()) / n
    tail = ("ninguna va atrasada" if not late else
            f"{count(late, 'va atrasada', 'van atrasadas')} (avance menor que la parte de su plazo ya transcurrida)")
    return (f"Al {fecha(corte_when)} ({corte_source}), {count(n, 'actividad lleva', 'actividades llevan')} un avance "
            f"promedio de {percent(mean)}; {tail}.")


def behind(late: int, corte_when: date) -> str:
    """'Al 30/06/2025, 3 actividades van atrasadas.'"""
    if not late:
        return f"Al {fecha(corte_when)}, ninguna actividad con avance va atrasada."
    return f"Al {fecha(corte_when)}, {count(late, 'actividad va atrasada', 'actividades van atrasadas')}."


def key_figures(s: Summary, anio: int | None) -> list[tuple[str, str]]:
    """The plan at a glance, as (label, value): the home page's cards and the presentation's first slide."""
    own = s.fondos_propios
    return [("Presupuesto total", money(s.presupuesto)),
            (OWN_FUNDS_LABEL, money(own.amount if own else None)),
            ("Donaciones", money(s.donaciones_total)),
            (f"Donaciones que terminan en {anio or 'el año'}", money(s.ending_total) if s.donantes else "—"),
            ("Personal", count(s.personal_total, "plaza", "plazas") if s.personal_total else "—"),
            ("Actividades del POA", f"{s.actividades:,}")]
