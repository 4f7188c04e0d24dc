"""Small builders shared by the import and export tests."""

from __future__ import annotations

from fragola.registry.importing.columns import COOP_COLUMNS, MEMBER_COLUMNS

GIULIA = "RSSGLI85C52A794A"
MARCO = "BNCMRC70A01A794P"
LUCA = "VRDLCU90E10A794H"
NICOLO = "LVRNCL92L04A794D"

GIULIA_ROW = {
    "member_number": "9101", "category": "lavoratore", "fiscal_code": GIULIA,
    "first_name": "Giulia", "last_name": "Rossi", "birth_date": "1985-03-12", "sex": "F",
    "comune_istat": "016024", "applied_on": "2024-01-15", "admitted_on": "2024-02-01",
    "shares_subscribed_eur": "250.00", "shares_paid_eur": "100.00",
}  # fmt: skip
MARCO_ROW = {
    "member_number": "9102", "category": "volontario", "fiscal_code": MARCO,
    "first_name": "Marco", "last_name": "Bianchi", "birth_date": "1970-01-01", "sex": "M",
    "applied_on": "2024-01-15", "admitted_on": "2024-02-01", "exited_on": "2024-06-30",
    "exit_reason": "withdrawal", "shares_subscribed_eur": "25.00", "shares_paid_eur": "25.00",
}  # fmt: skip
LUCA_ROW = {
    "category": "fruitore", "fiscal_code": LUCA, "first_name": "Luca", "last_name": "Verdi",
    "applied_on": "2024-03-01",
}  # fmt: skip
NICOLO_ROW = {
    "member_number": "9103", "category": "worker", "fiscal_code": NICOLO,
    "first_name": "Nicolò", "last_name": "Àlvarez", "applied_on": "2024-01-15",
    "admitted_on": "2024-02-01", "shares_subscribed_eur": "50", "shares_paid_eur": "50",
}  # fmt: skip


def csv_file(rows: list[dict[str, str]], columns=MEMBER_COLUMNS, sep: str = ",") -> bytes:
    lines = [sep.join(columns)]
    lines += [sep.join(row.get(column, "") for column in columns) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def coops_csv(rows: list[dict[str, str]]) -> bytes:
    return csv_file(rows, columns=COOP_COLUMNS)
