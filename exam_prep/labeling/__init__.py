"""Shared machinery below the question types: Score, geometry, matching, the scoring of paired
shapes, and the importers of references from labeling tools' exports. Imports no question type."""
