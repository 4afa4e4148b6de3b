package templates

import "github.com/campaignretro/retro/analysis"

// previousSection writes SPEC section 9's previous: the totals of the
// period right before P beside those of P, with the changes.
func previousSection(d *document, r *analysis.Report) {
	d.h2("Change from the previous period")
	pc := r.PreviousChange
	if pc == nil {
		return
	}
	if r.Previous == nil || pc.Delta == nil {
		d.p("No input event falls in the previous period, %s (%s to %s), so there is nothing to compare with.", mdText(pc.Label), pc.From, pc.To)
		return
	}
	d.p("This period against %s (%s to %s), the period right before it. Relative changes are shown where the previous value is above zero; the win rate changes in percentage points only.", mdText(pc.Label), pc.From, pc.To)
	cur, prev, delta, rel := r.Totals, *r.Previous, *pc.Delta, *pc.Relative
	intRow := func(name string, c, p, dl *int, rl *float64) []string {
		return []string{name, countPtr(c), countPtr(p), signedCount(dl), relText(rl)}
	}
	moneyRow := func(name string, c, p, dl *analysis.Money, rl *float64) []string {
		return []string{name, moneyPtr(c), moneyPtr(p), signedMoney(dl), relText(rl)}
	}
	rows := [][]string{
		intRow("Leads created", cur.LeadsCreated, prev.LeadsCreated, delta.LeadsCreated, rel.LeadsCreated),
		intRow("Responders", cur.Responders, prev.Responders, delta.Responders, rel.Responders),
		intRow("MQLs", cur.MQLs, prev.MQLs, delta.MQLs, rel.MQLs),
		intRow("SQLs", cur.SQLs, prev.SQLs, delta.SQLs, rel.SQLs),
		intRow("Opportunities created", cur.OpportunitiesCreated, prev.OpportunitiesCreated, delta.OpportunitiesCreated, rel.OpportunitiesCreated),
		moneyRow("Pipeline created", cur.Pipeline, prev.Pipeline, delta.Pipeline, rel.Pipeline),
		intRow("Deals won", cur.Won, prev.Won, delta.Won, rel.Won),
		moneyRow("Revenue won", cur.Revenue, prev.Revenue, delta.Revenue, rel.Revenue),
		intRow("Deals lost", cur.Lost, prev.Lost, delta.Lost, rel.Lost),
		{"Win rate", rate(cur.WinRate), rate(prev.WinRate), signedPoints(delta.WinRate), "–"},
		moneyRow("Campaign cost", cur.Cost, prev.Cost, delta.Cost, rel.Cost),
	}
	d.table([]string{"Figure", "This period", mdText(pc.Label), "Change", "Relative"}, "lrrrr", rows)
	d.define("Previous period", "The period right before the report period: the previous quarter for a quarter, else as many days right before it. Shown only when some input event falls in it.")
}
