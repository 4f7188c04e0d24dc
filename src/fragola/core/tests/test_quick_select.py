"""QuickSelect writes what Django's own select writes, byte for byte."""

from __future__ import annotations

import pytest
from django import forms

from fragola.core.forms import QuickSelect

CHOICES = [
    ("", "---------"),
    (1, 'Rossi "Tom" & <Figli>'),
    ("Lavoratori", [(2, "Bianchi Anna"), (3, "Verdi Luca")]),
]

BOOTSTRAP = {"class": "form-select", "required": True, "disabled": False}


@pytest.mark.parametrize("value", [None, 1, 3])
@pytest.mark.parametrize("attrs", [{}, BOOTSTRAP])
def test_it_writes_the_markup_of_djangos_select(value, attrs):
    django_select = forms.Select(choices=CHOICES).render("person", value, attrs=dict(attrs))
    quick = QuickSelect(choices=CHOICES).render("person", value, attrs=dict(attrs))
    assert quick == django_select
    assert "&quot;Tom&quot; &amp; &lt;Figli&gt;" in quick
