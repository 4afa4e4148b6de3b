package templates

import (
	"fmt"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

// headerSection writes the front page's title, period line and tiles.
func headerSection(d *document, r *analysis.Report) {
	fmt.Fprintf(&d.header, "# %s\n\n", mdText(r.Title))
	rows, skipped := r.InputRows()
	fmt.Fprintf(&d.header, "**%s** (%s to %s, %d days) · data as of %s · %s, %s rows, %s skipped · lookback %d days · %s attribution\n\n",
		mdText(r.Period.Label), r.Period.From, r.Period.To, r.Period.Days, dateOf(r.Period.AsOf), plural(len(r.Inputs), "file", "files"), count(rows), count(skipped),
		r.Settings.LookbackDays, mdText(strings.ReplaceAll(string(r.Settings.Model), "_", " ")))
	t := r.Totals
	// vs writes a tile's change against the previous period.
	vs := func(rel *float64, delta string) string {
		pc := r.PreviousChange
		if pc == nil {
			return ""
		}
		if rel != nil {
			return signedPct(*rel) + " vs " + pc.Label
		}
		if delta != "" {
			return delta + " vs " + pc.Label
		}
		return ""
	}
	var rel analysis.TotalsChange
	winDelta := ""
	if pc := r.PreviousChange; pc != nil {
		if pc.Relative != nil {
			rel = *pc.Relative
		}
		if pc.Delta != nil && pc.Delta.WinRate != nil {
			winDelta = signedPoints(pc.Delta.WinRate)
		}
	}
	d.tileRow("totals", []Tile{
		{Label: "Leads created", Value: countPtr(t.LeadsCreated), Note: vs(rel.LeadsCreated, "")},
		{Label: "Responders", Value: countPtr(t.Responders), Note: vs(rel.Responders, "")},
		{Label: "MQLs", Value: countPtr(t.MQLs), Note: vs(rel.MQLs, "")},
		{Label: "SQLs", Value: countPtr(t.SQLs), Note: vs(rel.SQLs, "")},
		{Label: "Pipeline created", Value: shortPtr(t.Pipeline), Note: joinNotes(pluralPtr(t.OpportunitiesCreated, "opportunity", "opportunities"), vs(rel.Pipeline, ""))},
		{Label: "Revenue won", Value: shortPtr(t.Revenue), Note: joinNotes(pluralPtr(t.Won, "deal", "deals"), vs(rel.Revenue, ""))},
		{Label: "Win rate", Value: rate(t.WinRate), Note: joinNotes(countPtr(t.Won)+" won, "+countPtr(t.Lost)+" lost", vs(nil, winDelta))},
		{Label: "Campaign cost", Value: shortPtr(t.Cost), Note: vs(rel.Cost, "")},
	})
	d.define("Period", "The report period: whole days, inclusive, in the report time zone ("+r.Settings.TZ+"). A figure is \"in the period\" when its date falls in it.")
	d.define("As of", "The moment the data describes: --as-of if given, else the latest event timestamp in the input. It only bounds open windows (for example how long a never-contacted lead has waited); it removes no data.")
	d.define("Lookback window", fmt.Sprintf("How long before an opportunity a campaign touch still counts for it: %d days.", r.Settings.LookbackDays))
	d.define("Leads created", "Leads whose record was created in the period.")
	d.define("MQL", "Marketing-qualified lead: a lead whose mql_at date is in the period.")
	d.define("SQL", "Sales-accepted (sales-qualified) lead: a lead whose sql_at date is in the period.")
	d.define("Pipeline", "The amount of the opportunities created in the period.")
	d.define("Revenue", "The amount of the opportunities won (closed) in the period.")
	d.define("Win rate", "Won deals divided by won plus lost deals (open deals do not count).")
}
