"""domain/money.py: sums in exact cents."""

from decimal import Decimal

import pandas as pd

from domain.money import cents, exact_sum, share


def test_the_plans_expense_lines_add_up_to_the_cent() -> None:
    egresos = pd.DataFrame({"monto": [2593778.70, 1246241.74, 155859.76, 2030112.54, 1242496.63, 600000.00]})
    assert exact_sum(egresos, "monto") == Decimal("7868489.37")
    assert exact_sum(None, "monto") is None and exact_sum(egresos.iloc[:0], "monto") is None
    assert cents(790917.12) == Decimal("790917.12")
    assert share(Decimal("1"), Decimal("4")) == 25.0 and share(1, 0) is None
