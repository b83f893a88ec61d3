"""The statistics, computed by database aggregation, one module per concern.

Every public function runs a fixed number of queries whatever the number of people,
sessions or attendance marks: enrolments come back grouped by edition and number of
meetings attended, group and event figures as conditional aggregates, breakdowns
grouped by every characteristic at once. Python only adds up those already
aggregated rows (with the completion rule of `attendance.completion`) or takes a
median over per-person outcome rows fetched in one query. What each figure means is
written in `stats.definitions.DEFINITIONS`; `stats.figures.compute.compute` gives
every table.
"""
