"""Care pages, one module per audience: coordinators, carers, volunteers, families."""
