package analysis

// Section is the key of a report section: the report.json key of its
// figures, and what findings and missing_sections name.
type Section string

// The report's sections, in the SPEC's order. Spend is the report's
// "spend and return" view of the campaign rows (cost, ROI); LatencyByCampaign
// is the latency table by campaign, listed as missing on its own.
const (
	SectionTotals            Section = "totals"
	SectionLeadCounts        Section = "lead counts"
	SectionCampaigns         Section = "campaigns"
	SectionChannels          Section = "channels"
	SectionAccounts          Section = "accounts"
	SectionVelocity          Section = "velocity"
	SectionSpend             Section = "spend"
	SectionLatency           Section = "latency"
	SectionLatencyByCampaign Section = "latency.by_campaign"
	SectionAssetTypes        Section = "asset_types"
	SectionSourcing          Section = "sourcing"
	SectionAttribution       Section = "attribution"
	SectionHygiene           Section = "hygiene"
	SectionLeadQuality       Section = "lead_quality"
	SectionSegments          Section = "segments"
	SectionTrend             Section = "trend"
	SectionPrevious          Section = "previous"
	SectionWins              Section = "wins"
	SectionFindings          Section = "findings"
)
