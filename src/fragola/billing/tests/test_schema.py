"""The shipped official schema: the files the manifest names, validating offline."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from lxml import etree

from fragola.billing import schema

DATA = Path(schema.__file__).parent / "data"


@pytest.mark.parametrize("shipped", schema.MANIFEST, ids=lambda s: s.name)
def test_it_ships_the_schema_files_the_manifest_names(shipped):
    assert hashlib.sha256((DATA / shipped.name).read_bytes()).hexdigest() == shipped.sha256
    assert shipped.sha256 in (DATA / "SCHEMA.md").read_text()


def test_it_ships_version_1_2_3():
    root = etree.fromstring(schema.shipped_bytes(schema.INVOICE_XSD))
    assert root.get("version") == schema.SCHEMA_VERSION == "1.2.3"


def test_it_resolves_the_signature_schema_to_the_local_copy(monkeypatch):
    asked = []
    original = schema._LocalResolver.resolve

    def spy(self, url, public_id, context):
        asked.append(url)
        return original(self, url, public_id, context)

    monkeypatch.setattr(schema._LocalResolver, "resolve", spy)
    schema.invoice_schema.cache_clear()
    try:
        schema.invoice_schema()
    finally:
        schema.invoice_schema.cache_clear()
    assert asked == [schema.XMLDSIG_URL]


def test_it_never_loads_an_address_it_does_not_know():
    # An external entity pointing elsewhere is not fetched: the parser refuses the network.
    data = (
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "http://example.invalid/x">]>'
        b"<a>&x;</a>"
    )
    root = schema.parse_xml(data)
    assert root.text in (None, "")


def test_it_reports_a_file_that_is_not_xml_by_line():
    assert schema.validate_invoice(b"<a>\n<b></a>")[0].startswith("line 2:")
