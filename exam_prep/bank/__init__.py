"""The YAML side of the application: schema, loader with file:line errors, sync into the database."""
from .loader import Bank, BankError, Problem, load_bank

__all__ = ["Bank", "BankError", "Problem", "load_bank"]
