"""Importers of the six other evidence families: กชช.2ค village scores, GVH component scores,
household accounts, community capital, occupation groups and poor-household lists.

Every importer reads the whole file (CSV UTF-8/BOM/cp874 or XLSX, via `read_table`), checks
every row and names each problem by file row and column in Thai and English, and only then
writes in one transaction. The file's (year, village) pairs replace that family's earlier
records of the same pairs; other villages and years are left alone. Household keys are kept
only as keyed hashes, and household files carrying names or citizen IDs are refused unless
those columns are to be dropped. See docs/formats-families.md.

The package: `columns` (headers, aliases), `checks` (per-cell checks), `reading` (header
search, wide and narrow files), `scaffold` (the one import path: check, refuse or store, record
the import), `kinds` (the six families and their importers).
"""

from planlink.evidence.importers.families.checks import parse_thai_date
from planlink.evidence.importers.families.columns import FamilyOutcome, capital_kind
from planlink.evidence.importers.families.kinds import (
    IMPORTERS,
    SPECS,
    Importer,
    accounts_import,
    capital_import,
    groups_import,
    gvh_import,
    poor_import,
    vbd_import,
)
from planlink.evidence.importers.families.reading import indicator_code_of
from planlink.evidence.importers.families.scaffold import FamilySpec, family_import

__all__ = [
    "IMPORTERS",
    "SPECS",
    "FamilyOutcome",
    "FamilySpec",
    "Importer",
    "accounts_import",
    "capital_import",
    "capital_kind",
    "family_import",
    "groups_import",
    "gvh_import",
    "indicator_code_of",
    "parse_thai_date",
    "poor_import",
    "vbd_import",
]
