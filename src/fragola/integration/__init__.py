"""Work integration for type B co-ops: paths, the 30 %, relief, conventions (L. 381 arts. 4-5)."""
