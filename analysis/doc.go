// Package analysis turns a loader.Dataset into a Report: every figure of
// shared/SPEC.md, as plain values, with no I/O. Analyze (analyze.go) reads
// as the table of contents; each section is computed in its own file. The
// report's sections, in order:
//
//   - totals (SPEC 2, totals.go): leads, responders, MQLs, SQLs, pipeline,
//     revenue, cost
//   - campaigns (SPEC 3, funnel.go): the funnel of each campaign in scope,
//     cost prorated
//   - channels (SPEC 13, channels.go): the campaign rows summed per
//     channel, with cost per stage and return per dollar
//   - accounts (SPEC 15, accounts.go): the accounts campaigns reached and
//     the pipeline they opened
//   - velocity (SPEC 12, velocity.go): how fast the funnel moves, per
//     origin
//   - latency (SPEC 4, latency.go): how fast sales followed up on handoffs,
//     and what it paid
//   - asset_types (SPEC 5, assets.go): whether deals touched by each kind
//     of content win more often, and each asset's row
//   - sourcing (SPEC 6, sourcing.go): pipeline and revenue by origin, beside
//     what marketing touched
//   - attribution (SPEC 6, attribution.go and models.go): credit per
//     campaign and channel under every model (models_list.go names them)
//   - hygiene (SPEC 7, hygiene.go): late, cold and fast-lost pipeline, per
//     owner
//   - lead_quality (SPEC 8, leadquality.go): disqualify reasons, overall and
//     per campaign
//   - segments, trend, previous (SPEC 9, segments.go, trend.go,
//     previous.go): region and industry, weeks, the period before P
//   - wins (wins.go): the largest marketing-touched deals won in P
//   - findings (findings.go, with findings_velocity.go and
//     attribution_findings.go): the executive summary, written from the
//     finished report
//
// A folder holding an aggregated path file (SPEC 16) has no dates: Analyze
// hands it to paths.go: attribution by channel under PathModels, nothing
// else.
//
// scope.go holds what the sections share: P, W and as_of as instants, and
// the indexes and lookups built once; touches.go the windows of a person's
// touches. stats.go computes rates and intervals, and rates.go pairs each
// rate of the report with the count it rests on. sections.go names the
// sections. period.go reads --period into P; weights.go reads the custom
// model's --weights.
//
// Warnings about missing files or odd data are returned in the Report, never
// printed. Renderers read the Report and compute nothing.
package analysis
