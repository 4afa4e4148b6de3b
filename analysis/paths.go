package analysis

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/campaignretro/retro/loader"
)

// PathModels are the models that apply to an aggregated path file (SPEC
// 16): those that need no timestamps and no stage roles.
var PathModels = []Model{ModelFirstTouch, ModelLastTouch, ModelLinear, ModelPositionBased, ModelJShaped, ModelInverseJ, ModelMarkov}

// PathAttribution is the credit of an aggregated path file (SPEC 16), per
// model and channel. Total is the sum of total_conversion_value, or of
// total_conversions when the file has no value column; every converting
// journey is attributed, so Unattributed is 0.
type PathAttribution struct {
	File         string                     `json:"file"`
	Total        Money                      `json:"total"`
	Attributed   Money                      `json:"attributed"`
	Unattributed Money                      `json:"unattributed"`
	Conversions  int                        `json:"conversions"`
	Models       map[Model]map[string]Money `json:"models"`
	// Beyond the SPEC: what Total counts ("value" or "conversions"), the
	// paths and the non-converting journeys read, the channels in order
	// of credit under linear, and each model's reconciliation.
	Measure        string           `json:"measure"`
	Paths          int              `json:"paths"`
	NullJourneys   int              `json:"null_journeys"`
	Channels       []string         `json:"channels"`
	Reconciliation []Reconciliation `json:"reconciliation"`
}

// analyzePaths is the report of a folder holding a path file: attribution
// by channel and nothing else. A path file has no dates, so there is no
// period and no as-of; --period and --as-of are ignored with a warning.
func analyzePaths(ds *loader.Dataset, opts Options) (*Report, error) {
	pf := ds.Paths
	journeys := 0
	for _, row := range pf.Rows {
		journeys += row.Conversions + row.Null
	}
	if journeys > maxPathJourneys {
		return nil, fmt.Errorf("%s: %d journeys in all (conversions plus nulls); the Markov model replays each one and takes at most %d", pf.File, journeys, maxPathJourneys)
	}
	r := &Report{
		Schema: Schema, Title: opts.Title, Version: opts.Version,
		Period: PeriodInfo{Label: "all paths"},
		Settings: Settings{TZ: opts.Location.String(), LookbackDays: opts.LookbackDays, Model: opts.Model,
			SLAMinutes: opts.SLAMinutes, HalfLifeDays: opts.HalfLifeDays, Weights: opts.Weights,
			AsOfGiven: opts.AsOf != loader.NoTime, PeriodGiven: opts.Period != nil, MaxBadRows: opts.MaxBadRows,
			FiscalYearStart: max(opts.FiscalYearStart, 1), Currency: opts.Currency},
		InputsHash: ds.Hash, Notes: opts.Notes,
		Inputs: []InputInfo{}, DataQuality: []Problem{}, Warnings: append([]string{}, ds.Notes...),
		Findings: []Finding{}, Missing: []MissingSection{}, Detected: ds.Detected,
	}
	if r.Title == "" {
		r.Title = "Channel attribution from " + pf.File
	}
	if opts.Period != nil || opts.AsOf != loader.NoTime {
		r.Warnings = append(r.Warnings, pf.File+" is a path file, which has no dates: --period and --as-of do not apply and were ignored.")
	}
	if !slices.Contains(PathModels, opts.Model) {
		r.Warnings = append(r.Warnings, fmt.Sprintf("The %s model needs timestamps or stage dates, which a path file lacks; the report shows the models that apply.", opts.Model))
	}
	r.addInputs(ds)
	for _, section := range []Section{SectionTotals, SectionCampaigns, SectionChannels, SectionAccounts, SectionVelocity, SectionLatency, SectionAssetTypes, SectionSourcing, "attribution.pipeline", "attribution.revenue", SectionHygiene, SectionLeadQuality, SectionSegments, SectionTrend, SectionPrevious, SectionWins} {
		r.missing(section, "leads.csv, touches.csv and opportunities.csv (a path file holds journeys only)")
	}
	r.Attribution = &Attribution{Paths: pathCredit(pf)}
	return r, nil
}

// maxPathJourneys bounds the journeys a path file may stand for: Markov
// replays every one (about 50 bytes each).
const maxPathJourneys = 50_000_000

// pathCredit credits a path file's channels under every path model. Each
// row stands for total_conversions journeys sharing its value evenly, and
// total_null non-converting journeys (for Markov only).
func pathCredit(pf *loader.PathFile) *PathAttribution {
	a := &PathAttribution{File: pf.File, Measure: "conversions", Paths: len(pf.Rows), Models: map[Model]map[string]Money{}}
	if pf.HasValue {
		a.Measure = "value"
	}
	nc := len(pf.Channels.Names)
	total := 0.0
	var journeys []journey
	var nonConverting [][]loader.ID
	for _, row := range pf.Rows {
		a.Conversions += row.Conversions
		a.NullJourneys += row.Null
		value := float64(row.Conversions)
		if pf.HasValue {
			value = row.Value
		}
		total += value
		touches := make([]journeyTouch, len(row.Steps))
		for i, c := range row.Steps {
			touches[i] = journeyTouch{Campaign: c}
		}
		for range row.Conversions {
			journeys = append(journeys, journey{amount: value / float64(row.Conversions), touches: touches})
		}
		for range row.Null {
			nonConverting = append(nonConverting, row.Steps)
		}
	}
	a.Total, a.Attributed = Money(total), Money(total)
	perModel := map[Model][]float64{}
	var w []float64
	for _, m := range PathModels {
		if m == ModelMarkov {
			perModel[m] = markovCredit(journeys, nonConverting, nc, total)
			continue
		}
		credit := make([]float64, nc)
		// Journeys of one row are alike: credit the row's value at once.
		for _, row := range pf.Rows {
			if row.Conversions == 0 {
				continue
			}
			value := float64(row.Conversions)
			if pf.HasValue {
				value = row.Value
			}
			w = slices.Grow(w[:0], len(row.Steps))[:len(row.Steps)]
			clear(w)
			positionModels[m](&journey{}, w)
			for k, c := range row.Steps {
				credit[c] += value * w[k]
			}
		}
		perModel[m] = credit
	}
	seen := make([]bool, nc)
	for _, j := range journeys {
		for _, t := range j.touches {
			seen[t.Campaign] = true
		}
	}
	for _, m := range PathModels {
		ch := map[string]Money{}
		sum := 0.0
		for c, v := range perModel[m] {
			if seen[c] || v != 0 {
				ch[pf.Channels.Names[c]] = Money(v)
				sum += v
			}
		}
		a.Models[m] = ch
		a.Reconciliation = append(a.Reconciliation, Reconciliation{Model: m, Credited: Money(sum), Total: Money(total), Difference: Money(sum - total)})
	}
	// Channels by linear credit (in cents, most first), then by name.
	lin := perModel[ModelLinear]
	var ids []int
	for c := range pf.Channels.Names {
		if seen[c] {
			ids = append(ids, c)
		}
	}
	slices.SortStableFunc(ids, func(x, y int) int {
		if c := cmp.Compare(RoundCents(lin[y]), RoundCents(lin[x])); c != 0 {
			return c
		}
		return cmp.Compare(pf.Channels.Names[x], pf.Channels.Names[y])
	})
	for _, c := range ids {
		a.Channels = append(a.Channels, pf.Channels.Names[c])
	}
	return a
}

// MarshalJSON writes the attribution; for a path report pipeline and
// revenue are null and paths holds the credit.
func (a *Attribution) MarshalJSON() ([]byte, error) {
	type plain Attribution
	if a.Paths == nil {
		return json.Marshal((*plain)(a))
	}
	return json.Marshal(struct {
		Pipeline *AttributionTarget `json:"pipeline"`
		Revenue  *AttributionTarget `json:"revenue"`
		Paths    *PathAttribution   `json:"paths"`
	}{Paths: a.Paths})
}

// pathReportKeys are the report.json keys a path report fills; every other
// section is null (SPEC 16).
var pathReportKeys = map[string]bool{"schema": true, "title": true, "version": true, "settings": true, "inputs": true,
	"inputs_hash": true, "notes": true, "data_quality": true, "problem_counts": true, "warnings": true, "detected": true,
	"coverage": true, "attribution": true, "findings": true, "missing_sections": true}

// MarshalJSON writes the report; for a path report every section but
// attribution is null, keys in the usual order.
func (r *Report) MarshalJSON() ([]byte, error) {
	type plain Report
	b, err := json.Marshal((*plain)(r))
	if err != nil || !r.IsPaths() {
		return b, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil { // {
		return nil, err
	}
	var out bytes.Buffer
	out.WriteByte('{')
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return nil, err
		}
		key := tok.(string)
		if out.Len() > 1 {
			out.WriteByte(',')
		}
		k, _ := json.Marshal(key)
		out.Write(k)
		out.WriteByte(':')
		if pathReportKeys[key] {
			out.Write(val)
		} else {
			out.WriteString("null")
		}
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}

// IsPaths reports whether r is the report of an aggregated path file.
func (r *Report) IsPaths() bool { return r.Attribution != nil && r.Attribution.Paths != nil }
