"""The statistics, computed by database aggregation, one module per concern.

Every public function runs a fixed number of queries whatever the number of people,
sessions or attendance marks. The database counts the marks: per edition and person
(`courses.attended_counts`), per group or event and person (`participation`, read once
and shared by the groups table and the breakdowns); the per-edition, per-event and
per-group meeting counts are aggregates too. Python then adds up those rows, a few per
person, with the completion rule of `attendance.completion`, and counts each person once
where a row covers several editions. What each figure means is written in
`stats.definitions.DEFINITIONS`; `stats.figures.compute.compute` gives every table.
"""
