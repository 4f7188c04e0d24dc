"""What every import of a CSV or XLSX file shares: reading the table, typed cells collecting every
problem, the report (counts, row errors, past breaches), all-or-nothing runs, uploads kept
between the dry run and the confirmation, and the command-line plumbing.

The importers themselves belong to the app that owns the data (``registry.importing``: the
co-operatives and the members' book; ``workforce.services.imports``: the workers).
"""
