"""Demo data: a consortium of social co-operatives in the province of Bergamo, with logins.

Load it with ``fragola demo`` (see docs/demo.md) or call :func:`demo_load`.
"""

from fragola.registry.demo.catalogue import DEMO_PASSWORD
from fragola.registry.demo.logins import DemoLogin
from fragola.registry.demo.services import DemoSummary, demo_load

__all__ = ["DEMO_PASSWORD", "DemoLogin", "DemoSummary", "demo_load"]
