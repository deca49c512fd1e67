"""Practice sets: untimed, chosen by the candidate, each item checked at once (issue 11)."""
