"""The minutes of an assembly as a PDF (``core.pdf``): convening, attendance with proxies, the
quorum of each call and the agenda."""

from __future__ import annotations

import datetime as dt

from django.utils import formats
from django.utils.translation import gettext as _

from fragola.core.pdf import Document
from fragola.governance.models import Assembly, AssemblyVoter, Attendance
from fragola.governance.services.assemblies import Quorum


def _day(value: dt.date | None) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def _share(quorum: Quorum) -> str:
    return f"{float(quorum.present):g} / {float(quorum.total):g} ({float(quorum.quorum):.0%})"


def minutes_pdf(*, assembly: Assembly, voters: list[AssemblyVoter], quorums: list[Quorum]) -> bytes:
    organisation = assembly.organisation
    title = _("Minutes of the assembly")
    pdf = Document(title=f"{title} · {organisation.name}")
    pdf.add_page()
    pdf.style(14, bold=True)
    pdf.text_line(f"{organisation.name} · {assembly.get_kind_display()} {_day(assembly.held_on)}")
    pdf.style(10)
    pdf.text_line(_("Convened on %(day)s") % {"day": _day(assembly.convened_on)})
    if assembly.second_call_on:
        pdf.text_line(_("Second call: %(day)s") % {"day": _day(assembly.second_call_on)})
    pdf.ln(2)
    pdf.style(11, bold=True)
    pdf.text_line(_("Agenda"))
    pdf.style(10)
    pdf.paragraph(assembly.agenda or "—")
    pdf.ln(2)
    pdf.style(11, bold=True)
    pdf.text_line(_("Attendance"))
    pdf.style(10)
    for voter in voters:
        line = f"{voter.membership.member_number or '—'}  {voter.membership.person}"
        line += f"  · {voter.get_attendance_display()}"
        if voter.attendance == Attendance.PROXY and voter.delegate is not None:
            line += f" ({voter.delegate.membership.person})"
        if voter.votes > 1:
            line += "  · " + _("votes: %(n)d") % {"n": voter.votes}
        pdf.text_line(line, height=5)
    pdf.ln(2)
    pdf.style(11, bold=True)
    pdf.text_line(_("Quorum"))
    pdf.style(10)
    for quorum in quorums:
        reached = _("reached") if quorum.reached else _("not reached")
        pdf.text_line(
            _("Call %(n)d: votes present %(share)s, %(reached)s")
            % {"n": quorum.call, "share": _share(quorum), "reached": reached}
        )
    return pdf.render()
