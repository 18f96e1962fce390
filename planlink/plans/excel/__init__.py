"""The village plan as an Excel workbook, and back (the officers' and committees' round trip).

`plan_workbook` writes a version's items, one row per item in priority order, with dropdown
lists, a frozen header and a sheet "คำอธิบาย" explaining every column. `plan_import` reads such
a file back (or any CSV/XLSX with the same headers) and makes the draft version equal to it:

- a row with an item id (last visible column) updates that item; a row without one creates an
  item; items of the version that no row mentions are deleted — the file *is* the plan;
- priorities are the order of the ลำดับความสำคัญ numbers (ties and blanks keep file order, blanks
  last) renumbered 1..n, so duplicate numbers are no error;
- a column missing from the file leaves that field of existing items as it is;
- everything is validated first; any problem rejects the whole file (ImportRejected, every
  problem with its row and column header) and nothing is written;
- a cell holding a 13-digit citizen ID (in any column read) is such a problem: plans keep
  names and roles, never citizen IDs.

The id column's header carries the version the file was exported from ("[v17]"). Ids are
checked against the version imported into (an id of an earlier version maps to its copy in a
revision); a file exported from a different version whose ids are not found creates new items,
so a plan can be copied into another village's or year's draft. docs/formats-plans.md describes
the columns for users.

Exactness: exporting and importing into the same version changes nothing. Problem links show as
"key — title" lines; their survey year and share travel in a hidden column, so the round trip
into another plan reproduces them too.

The package: `columns` (what each column holds), `export`, `importing`.
"""

from planlink.plans.excel.columns import (
    FUNDING_TH,
    HEADER_ROW,
    ID_HEADER,
    MODE_TH,
    SHEET_HELP,
    SHEET_ITEMS,
    SHEET_LISTS,
    STATUS_TH,
    VERSION_STATUS_TH,
    budget_header,
    header_year,
    import_columns,
)
from planlink.plans.excel.export import plan_workbook, version_label_th
from planlink.plans.excel.importing import PlanImportOutcome, plan_import

__all__ = [
    "FUNDING_TH",
    "HEADER_ROW",
    "ID_HEADER",
    "MODE_TH",
    "SHEET_HELP",
    "SHEET_ITEMS",
    "SHEET_LISTS",
    "STATUS_TH",
    "VERSION_STATUS_TH",
    "PlanImportOutcome",
    "budget_header",
    "header_year",
    "import_columns",
    "plan_import",
    "plan_workbook",
    "version_label_th",
]
