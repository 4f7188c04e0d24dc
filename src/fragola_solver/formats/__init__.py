"""Readers and writers for benchmark file formats (iolab JSON: Mankowska and UHHC)."""

from fragola_solver.formats.iolab import (
    InstanceFormatError,
    detect_format,
    load_instance,
    load_solution,
    read_instance,
    read_solution,
    solution_to_json,
    write_solution,
)

__all__ = [
    "InstanceFormatError",
    "detect_format",
    "load_instance",
    "load_solution",
    "read_instance",
    "read_solution",
    "solution_to_json",
    "write_solution",
]
