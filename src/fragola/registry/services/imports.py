"""The registry's imports, for commands and other apps: co-operatives and consortia, and a
co-op's members' book, from CSV or XLSX files.

Every import is all or nothing and idempotent; a dry run reports what the import would do and
every bad row. The importers are ``registry.importing`` (see docs/import-export.md); these are
their entry points.
"""

from fragola.registry.importing.coops_write import CoopScope, import_coops
from fragola.registry.importing.members_write import import_members

__all__ = ["CoopScope", "import_coops", "import_members"]
