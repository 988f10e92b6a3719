"""A report table, and its CSV and Excel renderings."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG_TYPE = "image/png"


@dataclass(frozen=True)
class Table:
    """Named columns and rows of plain values (text, numbers, dates)."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[object]]


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(*tables: Table) -> bytes:
    """A workbook with one sheet per table (bold header, frozen header row).

    openpyxl is slow: call it through :func:`asyncio.to_thread` for large tables.
    """
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        sheet.append(list(table.columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(list(row))
        sheet.freeze_panes = "A2"
        for index, name in enumerate(table.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(10, len(name) + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
