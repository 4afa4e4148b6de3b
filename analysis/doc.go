// Package analysis turns a loader.Dataset into a Report: every figure of
// shared/SPEC.md, as plain values, with no I/O. The report's sections, in
// order:
//
//   - totals (SPEC 2): leads, responders, MQLs, SQLs, pipeline, revenue, cost
//   - campaigns (SPEC 3): the funnel of each campaign in scope, cost prorated
//   - latency (SPEC 4): how fast sales followed up on handoffs, and what it paid
//   - attribution (SPEC 6): credit per campaign and channel (linear so far)
//   - hygiene (SPEC 7): late, cold and fast-lost pipeline, per owner
//   - lead_quality (SPEC 8): disqualify reasons, overall and per campaign
//   - segments, trend, previous (SPEC 9): region and industry, weeks, the
//     period before P; and wins, the largest marketing-touched deals won
//
// Warnings about missing files or odd data are returned in the Report, never
// printed. Renderers read the Report and compute nothing.
package analysis
