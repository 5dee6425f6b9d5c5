"""`make upgrade-check`: the newest releases of the main dependencies (or a given set) in an
environment of their own, the whole build and the tests run with them, and a report of what
changed — without touching the pinned `.venv`."""
