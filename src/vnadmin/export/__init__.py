"""Exports of a parsed document for other tools: tasks and deadlines as CSV, JSON and iCalendar."""
