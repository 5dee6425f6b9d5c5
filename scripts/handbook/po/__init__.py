"""Translators\x27 tools: .po catalogs, merging, statistics, checks and the glossary."""
