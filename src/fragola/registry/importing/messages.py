"""What the registry's importers say about its rows: module constants, so tests and pages name the
same text. What any importer says about a file and its cells is in ``core.importing.messages``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ERR_COMUNE = _("No comune has this ISTAT code.")
ERR_REGION = _("No region has this ISTAT code or name.")

ERR_DUPLICATE_NUMBER = _("Member number %(number)s is already on row %(row)d.")
ERR_DUPLICATE_FISCAL_CODE = _("This fiscal code is already on row %(row)d.")
ERR_NUMBER_WITHOUT_ADMISSION = _("Only an admitted member has a member number.")
ERR_ADMISSION_WITHOUT_NUMBER = _("An admitted member needs a member number.")
ERR_ADMITTED_BEFORE_APPLIED = _("The admission cannot come before the application.")
ERR_EXIT_WITHOUT_ADMISSION = _("Only an admitted member can leave the book.")
ERR_EXITED_BEFORE_ADMITTED = _("The exit cannot come before the admission.")
ERR_EXIT_WITHOUT_REASON = _("Give the reason of the exit.")
ERR_REASON_WITHOUT_EXIT = _("A reason of exit needs an exit date.")
ERR_PAID_OVER_SUBSCRIBED = _("The capital paid cannot exceed the capital subscribed.")
ERR_NUMBER_OTHER_PERSON = _("Member number %(number)s belongs to another person (%(other)s).")
ERR_SUBSCRIBED_DOWN = _(
    "The capital subscribed cannot go down (it is %(current)s): record a refund instead."
)
ERR_CANNOT_REOPEN = _("This member has already left the book: the exit date cannot be removed.")

ERR_CONSORTIUM_UNKNOWN = _("No consortium with this fiscal code, in the file or in Fragola.")
ERR_CONSORTIUM_NOT_A_CONSORTIUM = _("This organisation is not a consortium.")
ERR_CONSORTIUM_OTHER = _("You can only link co-operatives to %(consortium)s.")
ERR_CONSORTIUM_WITHOUT_DATE = _("Give the date the co-operative joined the consortium.")
ERR_DATE_WITHOUT_CONSORTIUM = _("A joining date needs the consortium's fiscal code.")
ERR_CONSORTIUM_ITSELF = _("An organisation cannot be a member of itself.")
ERR_ORG_NOT_YOURS = _(
    "This organisation is already in Fragola and you may not change it: leave its row unchanged."
)

IMPORT_NOTE = _("Imported from a file")
