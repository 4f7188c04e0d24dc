"""What the tender file parser and the guards say: module constants, so tests and the command name
the same text.

This package is plain Python: ``_`` only marks the strings for ``makemessages``; whoever shows a
problem translates it (``gettext(problem.message) % problem.params``).
"""

from __future__ import annotations


def _(message: str) -> str:
    return message


ERR_NOT_AN_OBJECT = _("The file must hold one JSON object (the tender).")
ERR_NOT_A_WORKBOOK = _("The file cannot be read as an Excel (.xlsx) workbook.")
ERR_MISSING_SHEET = _("The workbook has no sheet named %(sheet)s.")
ERR_REQUIRED = _("This field is required.")
ERR_NOT_A_NUMBER = _("Not a number: write e.g. 480000.00 (as a string or a number).")
ERR_NOT_AN_INTEGER = _("Not a whole number.")
ERR_NOT_TEXT = _("Not a text.")
ERR_NOT_A_LIST = _("Not a list.")
ERR_NOT_AN_OBJECT_FIELD = _("Not an object of named fields.")
ERR_NOT_A_BOOLEAN = _("Not true or false.")
ERR_POSITIVE = _("Must be greater than zero.")
ERR_NOT_NEGATIVE = _("Cannot be negative.")
ERR_ROUNDING = _("The number of decimals must be between 0 and %(max)d.")
ERR_CHOICE = _("Unknown value %(value)s: use one of %(choices)s.")
ERR_OPEN_UNIT = _("Must be strictly between 0 and 1.")
ERR_COEFFICIENT = _("A coefficient must be between 0 and 1.")
ERR_EMPTY_LIST = _("The list is empty.")
ERR_DUPLICATE_CRITERION = _("The criterion %(id)s is declared twice.")
ERR_DUPLICATE_BIDDER = _("The bidder %(bidder)s appears twice.")
ERR_MISSING_CRITERION = _("No coefficients for criterion %(id)s.")
ERR_UNKNOWN_CRITERION = _("Criterion %(id)s is not declared in criteria.")
ERR_CRITERIA_SUM = _(
    "The criteria's points add up to %(sum)s, not to the technical points (%(points)s)."
)
ERR_THRESHOLD_ABOVE = _("The threshold is above the technical points (%(points)s).")
# Guards from the law (D.Lgs 36/2023 art. 108).
ERR_SOCIAL_LOWEST_PRICE = _(
    "A social-services tender cannot be awarded on the lowest price (art. 108 c.2): "
    "score quality and price."
)
ERR_PRICE_CAP = _(
    "A labour-intensive tender cannot give price more than %(cap)s of the points "
    "(art. 108 c.4): here price has %(points)s of %(total)s."
)
