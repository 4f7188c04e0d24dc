"""What every importer says about a file and its cells: module constants, so tests and pages name
the same text."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ERR_FILE_FORMAT = _("Upload a CSV (.csv) or Excel (.xlsx) file.")
ERR_FILE_ENCODING = _("The file is not UTF-8 text: save it again as CSV UTF-8.")
ERR_FILE_UNREADABLE = _("The file cannot be read as a spreadsheet.")
ERR_FILE_EMPTY = _("The file is empty: the first row must be the header.")
ERR_FILE_NO_ROWS = _("The file has a header but no rows.")
ERR_MISSING_COLUMN = _("This column is missing from the header.")
ERR_UNKNOWN_COLUMN = _("Unknown column: check its spelling against the template.")
ERR_DUPLICATE_COLUMN = _("This column appears twice in the header.")

ERR_REQUIRED = _("This field is required.")
ERR_DATE = _("Not a date: write YYYY-MM-DD or DD/MM/YYYY.")
ERR_DECIMAL = _("Not an amount: write e.g. 25.00 or 25,00.")
ERR_NEGATIVE = _("The amount cannot be negative.")
ERR_CENTS = _("An amount has at most two decimals.")
ERR_INTEGER = _("Not a whole number greater than zero.")
ERR_CHOICE = _("Not one of: %(choices)s.")
ERR_TOO_LONG = _("At most %(max)d characters.")
ERR_EMAIL = _("Not a valid e-mail address.")

ERR_ROW_NOT_SAVED = _("This row could not be saved: %(reason)s")
