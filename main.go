// Command retro reads a folder of CRM and marketing CSV exports and writes a
// campaign-to-revenue retrospective: out/report.html (for email),
// out/report.md (for a wiki) and out/report.json (every figure).
//
// The whole program is load, analyse, render: see run.
package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/campaignretro/retro/analysis"
	"github.com/campaignretro/retro/loader"
	"github.com/campaignretro/retro/templates"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, pflag.ErrHelp):
	case isUsage(err):
		fmt.Fprintf(os.Stderr, "retro: %v\nRun 'retro --help' for usage.\n", err)
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "retro: %v\n", err)
		os.Exit(1)
	}
}

// usageError is a mistake in the command line (exit status 2).
type usageError struct{ error }

func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u)
}

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

const usageHead = `retro: a campaign-to-revenue retrospective from CRM and marketing CSV exports.

Usage:
  retro [flags] [DATA_DIR]
  retro mapping --print [flags] [DATA_DIR]   (see retro mapping --help)

Reads the CSV or XLSX exports of DATA_DIR and writes report.html, report.md
and report.json to --out. Each file is recognised by its header row: the
canonical files (leads.csv is required; campaigns, assets, touches,
activities, opportunities and opportunity_contacts enable more sections),
Salesforce exports (Lead, Contact, Campaign, CampaignMember, Opportunity,
OpportunityContactRole, Task) or HubSpot exports (contacts, deals).

Examples:
  retro                                     # sample-data -> out/
  retro exports/2026-q3                     # a folder of your exports
  retro --period 2026-Q2 --out out/q2 exports
  retro --period 2026-07-01..2026-08-31 --tz America/New_York exports
  retro --format md,json --lookback 90 --model linear exports
  retro --date-order dmy --decimal-comma exports/emea   # 22/11/2026, 1.234,50 EUR
  retro --preset salesforce --mapping mapping.yaml exports/sfdc
  retro mapping --print exports/sfdc > mapping.yaml       # the mapping the detector inferred

Flags:
`

const usageTail = `
Exit status: 0 on success, 1 on failure (unreadable input, missing required
column, too many bad rows; nothing is written), 2 on a usage error.
Definitions of every figure: docs/metrics.md. Input format: docs/data.md.
`

// config is the parsed command line.
type config struct {
	data, out, period, asOf, tz, model, formats, title, maxBad string
	dateOrder, preset, mapping, sheet                          string
	lookback                                                   int
	sla, halfLife                                              float64
	quiet, showVersion, decimalComma, allMembers               bool
	cpuProfile, notes                                          string
}

// run is the whole program: parse flags, load, analyse, render, write.
func run(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "mapping" {
		return runMapping(args[1:], stdout, stderr)
	}
	var c config
	fs := pflag.NewFlagSet("retro", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.data, "data", "sample-data", "folder of CSV exports (or give it as the argument)")
	fs.StringVar(&c.out, "out", "out", "folder to write the reports to")
	fs.StringVar(&c.period, "period", "", "report period: a quarter (2026-Q3) or a range (2026-07-01..2026-09-30);\ndefault: the last quarter ending on or before as-of")
	fs.StringVar(&c.asOf, "as-of", "", "the as-of instant (2026-10-01 or 2026-09-30T18:00:00Z);\ndefault: the latest event timestamp in the data")
	fs.StringVar(&c.tz, "tz", "UTC", "report time zone (IANA name): naive timestamps and period days use it")
	fs.IntVar(&c.lookback, "lookback", 180, "lookback window W in days: how long before an opportunity a touch still counts")
	fs.Float64Var(&c.sla, "sla", 60, "follow-up SLA in minutes: the latency section's within_sla counts handoffs contacted this fast")
	fs.StringVar(&c.model, "model", "linear", "default attribution model for campaign rows and ROI: first_touch, last_touch,\nlinear, position_based, w_shaped, time_decay or markov")
	fs.Float64Var(&c.halfLife, "half-life", 7, "half-life in days of the time_decay model: a touch this much older gets half the credit")
	fs.StringVar(&c.formats, "format", "html,md,json,csv", "outputs to write, comma-separated: html, md, json, and csv (every table as tables/NAME.csv)")
	fs.StringVar(&c.notes, "notes", "", "Markdown file of the team's own notes (what we learned, what we agreed to change),\nplaced after the executive summary")
	fs.StringVar(&c.title, "title", "", "report title (default \"Campaign retrospective PERIOD\")")
	fs.StringVar(&c.maxBad, "max-bad-rows", "1%", "fail when a file has more bad rows than this: a percentage (1%) or a count (25)")
	fs.StringVar(&c.dateOrder, "date-order", "mdy", "how slash dates such as 03/04/2026 are read: mdy (month first, US exports) or dmy;\na value that cannot be read in this order is reported, not guessed")
	fs.BoolVar(&c.decimalComma, "decimal-comma", false, "amounts are written 1.234,50 (decimal comma) instead of 1,234.50")
	fs.StringVar(&c.preset, "preset", "auto", "what the files are: auto (recognise each file by its header row), canonical, salesforce or hubspot")
	fs.StringVar(&c.mapping, "mapping", "", "YAML file naming custom columns, value maps and fixed values per file\n(start from 'retro mapping --print DATA_DIR')")
	fs.BoolVar(&c.allMembers, "all-members", false, "count every Salesforce campaign member as a touch, not only those who responded")
	fs.StringVar(&c.sheet, "sheet", "", "worksheet to read from XLSX files (default: the first)")
	fs.BoolVarP(&c.quiet, "quiet", "q", false, "print nothing but errors")
	fs.BoolVar(&c.showVersion, "version", false, "print the version and exit")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile (pprof) of the run to this file")
	_ = fs.MarkHidden("cpuprofile")
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprint(stderr, usageHead)
		fmt.Fprint(stderr, fs.FlagUsages())
		fmt.Fprint(stderr, usageTail)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if c.showVersion {
		fmt.Fprintf(stdout, "retro %s\n", version)
		return nil
	}
	switch fs.NArg() {
	case 0:
	case 1:
		c.data = fs.Arg(0)
	default:
		return usagef("expected one DATA_DIR, got %d arguments", fs.NArg())
	}

	loadOpts, analysisOpts, formats, err := c.options()
	if err != nil {
		return err
	}

	// The dataset stays live for the whole run, so the default GOGC of 100
	// lets the heap grow to twice it: 50 keeps a million leads under 1 GB
	// for the same CPU time (docs/performance.md).
	defer debug.SetGCPercent(debug.SetGCPercent(50))

	if c.cpuProfile != "" {
		f, err := os.Create(c.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}

	prog := newProgress(stderr, c.quiet)
	if prog != nil {
		loadOpts.Progress, analysisOpts.Progress = prog.rows, prog.section
		defer prog.finish()
	}
	ds, err := loader.Load(c.data, loadOpts)
	prog.finish()
	if err != nil {
		return err
	}
	if !c.quiet {
		for _, d := range ds.Detected {
			fmt.Fprintln(stderr, d)
		}
		reportProblems(stderr, ds)
	}
	analysisOpts.InputsHash = ds.Hash
	report, err := analysis.Analyze(ds, analysisOpts)
	if err != nil {
		return err
	}
	if prog != nil {
		prog.section("the reports")
	}
	files, err := templates.Render(report, formats)
	if err != nil {
		return err
	}
	if err := writeAll(c.out, files); err != nil {
		return err
	}
	prog.finish()
	if !c.quiet {
		for _, f := range files {
			fmt.Fprintf(stderr, "wrote %s\n", filepath.Join(c.out, f.Name))
		}
	}
	return nil
}

// options turns the flags into loader and analysis options.
func (c *config) options() (loader.Options, analysis.Options, []string, error) {
	lo, ao := loader.DefaultOptions(), analysis.DefaultOptions()
	loc, err := time.LoadLocation(c.tz)
	if err != nil {
		return lo, ao, nil, usagef("--tz %q: not a known time zone", c.tz)
	}
	lo.Location, ao.Location = loc, loc
	if strings.HasSuffix(c.maxBad, "%") {
		f, err := strconv.ParseFloat(strings.TrimSuffix(c.maxBad, "%"), 64)
		if err != nil || f < 0 || f > 100 {
			return lo, ao, nil, usagef("--max-bad-rows %q: use a percentage such as 1%% or a count such as 25", c.maxBad)
		}
		lo.MaxBadFraction, lo.MaxBadRows = f/100, -1
	} else {
		n, err := strconv.Atoi(c.maxBad)
		if err != nil || n < 0 {
			return lo, ao, nil, usagef("--max-bad-rows %q: use a percentage such as 1%% or a count such as 25", c.maxBad)
		}
		lo.MaxBadRows = n
	}
	ao.MaxBadRows = c.maxBad
	switch strings.ToLower(c.dateOrder) {
	case "mdy":
		lo.DateOrder = loader.MDY
	case "dmy":
		lo.DateOrder = loader.DMY
	default:
		return lo, ao, nil, usagef("--date-order %q: use mdy or dmy", c.dateOrder)
	}
	lo.DecimalComma = c.decimalComma
	lo.AllMembers = c.allMembers
	lo.Sheet = c.sheet
	if lo.Preset, err = parsePreset(c.preset); err != nil {
		return lo, ao, nil, err
	}
	if c.mapping != "" {
		m, err := loader.ReadMapping(c.mapping)
		if err != nil {
			return lo, ao, nil, err
		}
		lo.Mapping = m
	}
	if c.period != "" {
		p, err := analysis.ParsePeriod(c.period)
		if err != nil {
			return lo, ao, nil, usageError{err}
		}
		ao.Period = &p
	}
	if c.asOf != "" {
		t, _, err := loader.ParseTime(c.asOf, loc)
		if err != nil {
			return lo, ao, nil, usagef("--as-of %q: use an ISO 8601 date or date-time", c.asOf)
		}
		ao.AsOf = t
	}
	if c.lookback < 0 {
		return lo, ao, nil, usagef("--lookback must be 0 or more days")
	}
	ao.LookbackDays = c.lookback
	if c.sla < 0 || math.IsNaN(c.sla) || math.IsInf(c.sla, 0) {
		return lo, ao, nil, usagef("--sla must be a number of minutes, 0 or more")
	}
	ao.SLAMinutes = c.sla
	if !(c.halfLife > 0) || math.IsInf(c.halfLife, 0) {
		return lo, ao, nil, usagef("--half-life must be a number of days above 0")
	}
	ao.HalfLifeDays = c.halfLife
	if !validModel(c.model) {
		return lo, ao, nil, usagef("--model %q: use one of %s", c.model, strings.Join(analysis.Models, ", "))
	}
	ao.Model = c.model
	ao.Title = c.title
	if c.notes != "" {
		b, err := os.ReadFile(c.notes)
		if err != nil {
			return lo, ao, nil, fmt.Errorf("--notes: %w", err)
		}
		ao.Notes = string(b)
	}
	ao.Version = version
	var formats []string
	for _, f := range strings.Split(c.formats, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case "html", "md", "json", "csv":
			formats = append(formats, f)
		case "":
		default:
			return lo, ao, nil, usagef("--format %q: use html, md, json and/or csv", f)
		}
	}
	if len(formats) == 0 {
		return lo, ao, nil, usagef("--format: name at least one of html, md, json, csv")
	}
	return lo, ao, formats, nil
}

// parsePreset checks --preset.
func parsePreset(p string) (string, error) {
	for _, x := range loader.Presets {
		if strings.EqualFold(p, x) {
			return x, nil
		}
	}
	return "", usagef("--preset %q: use one of %s", p, strings.Join(loader.Presets, ", "))
}

const mappingUsage = `retro mapping: the mapping the detector infers for each file of a folder.

Usage:
  retro mapping --print [flags] [DATA_DIR]

Writes YAML to standard output: per file, what it was taken for, the column
each field was found in, the origin of each lead source and the status of
each stage as they are read, and comments naming what was not found. Edit it,
then pass it back: retro --mapping mapping.yaml DATA_DIR. Passed back
unchanged, it gives the same report.

Examples:
  retro mapping --print exports/sfdc > mapping.yaml
  retro mapping --print --mapping mapping.yaml exports/sfdc   # after naming a column

Flags:
`

// runMapping is the mapping subcommand.
func runMapping(args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("retro mapping", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	var print bool
	var preset, sheet, mapping string
	fs.BoolVar(&print, "print", false, "write the inferred mapping as YAML to standard output")
	fs.StringVar(&preset, "preset", "auto", "what the files are: auto, canonical, salesforce or hubspot")
	fs.StringVar(&sheet, "sheet", "", "worksheet to read from XLSX files (default: the first)")
	fs.StringVar(&mapping, "mapping", "", "a mapping to start from: its shapes and columns steer detection")
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprint(stderr, mappingUsage)
		fmt.Fprint(stderr, fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if !print {
		return usagef("mapping: say --print (write the inferred mapping to standard output)")
	}
	lo := loader.DefaultOptions()
	var err error
	if lo.Preset, err = parsePreset(preset); err != nil {
		return err
	}
	lo.Sheet = sheet
	if mapping != "" {
		if lo.Mapping, err = loader.ReadMapping(mapping); err != nil {
			return err
		}
	}
	data := "sample-data"
	switch fs.NArg() {
	case 0:
	case 1:
		data = fs.Arg(0)
	default:
		return usagef("mapping: expected one DATA_DIR, got %d arguments", fs.NArg())
	}
	return loader.PrintMapping(stdout, data, lo)
}

func validModel(m string) bool {
	for _, x := range analysis.Models {
		if x == m {
			return true
		}
	}
	return false
}

// reportProblems prints the input's problems, a few per file, on stderr.
func reportProblems(w io.Writer, ds *loader.Dataset) {
	const perFile = 20
	shown := map[string]int{}
	for _, p := range ds.Problems {
		shown[p.File]++
		if shown[p.File] <= perFile {
			fmt.Fprintln(w, p.String())
		}
	}
	for _, in := range ds.Inputs {
		if n := in.Skipped + in.Blanked; n > perFile {
			fmt.Fprintf(w, "%s: %d problems in all (%d rows skipped, %d values blanked); the report's data quality section lists them\n", in.File, n, in.Skipped, in.Blanked)
		}
	}
	for _, n := range ds.Notes {
		fmt.Fprintln(w, n)
	}
}

// writeAll writes every file atomically (a temporary file, then a rename),
// after all of them were rendered: a failed run leaves the previous report.
func writeAll(dir string, files []templates.File) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := writeAtomic(filepath.Join(dir, f.Name), f.Data); err != nil {
			return err
		}
	}
	return nil
}

func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
