"""`make bench`: build the handbook and scaled copies of it, against the naive pipeline (issue 7)."""
