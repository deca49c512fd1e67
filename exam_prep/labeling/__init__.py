"""Labeling exercises: bank references, importers, geometry and scoring."""
