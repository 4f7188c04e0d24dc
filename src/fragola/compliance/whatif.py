"""Kept for callers written before ``fragola.compliance.vetting``: ``schedule_scan`` only.

``fragola.workforce.importing`` still imports it from here; new code calls
``fragola.core.vetting.recheck`` (no import of the compliance app from below it).
"""

from __future__ import annotations

from fragola.compliance.vetting import schedule_scan

__all__ = ["schedule_scan"]
