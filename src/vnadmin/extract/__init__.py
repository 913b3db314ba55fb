"""Extractors: citations, organisations, tasks and deadlines, dates. Each works on normalised text."""
