"""Import of co-operatives and of the members' book from CSV or XLSX files.

Every import is all or nothing and idempotent; a dry run reports what the import would do and
every bad row (row as the spreadsheet shows it, column, reason). See docs/import-export.md.
"""

from fragola.core.importing.result import FileProblem, ImportResult, RowError
from fragola.registry.importing.coops_write import CoopScope, import_coops
from fragola.registry.importing.members_write import import_members

__all__ = ["CoopScope", "FileProblem", "ImportResult", "RowError", "import_coops", "import_members"]
