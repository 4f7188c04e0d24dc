"""The demo: a consortium of social co-operatives in the province of Bergamo, with logins.

Load it with ``fragola demo`` (see docs/demo.md) or call ``fragola.demo.services.demo_load``. It
is the top layer: it builds the registry's world (``catalogue``, ``book``, ``people``) and asks
each app for its own demo data (``care.services.demo``, ``integration.services.demo``) by plain
imports.
"""
