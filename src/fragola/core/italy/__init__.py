"""Italian reference data any app may need: fiscal codes and VAT numbers (``codes``), the
regions, provinces and comuni shipped with Fragola (``territory``, ``data/``) and the comune
input box (``forms``). Plain data and checks: the tables that store the territory are the
registry's."""
