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
		fmt.Fprintf(os.Stderr, "retro: %v\n", err)
		if u := (usageError{}); errors.As(err, &u) && !u.selfExplained {
			fmt.Fprintln(os.Stderr, "Run 'retro --help' for usage.")
		}
		os.Exit(2)
	case loader.IsMappingError(err):
		fmt.Fprintf(os.Stderr, "retro: %v\n", err)
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "retro: %v\n", err)
		os.Exit(1)
	}
}

const usageHead = `retro: a campaign-to-revenue retrospective from CRM and marketing CSV exports.

Usage:
  retro [flags] [DATA_DIR]
  retro mapping --print [flags] [DATA_DIR]   (see retro mapping --help)

Reads the CSV or XLSX exports of DATA_DIR and writes report.html, report.md
and report.json to --out. Each file is recognised by its header row: the
canonical files (leads.csv or opportunities.csv is required; campaigns,
assets, touches, activities and opportunity_contacts enable more sections),
Salesforce exports (Lead, Contact, Campaign, CampaignMember, Opportunity,
OpportunityContactRole, Task) or HubSpot exports (contacts, deals). A folder
holding an aggregated path file (header path;total_conversions, as
ChannelAttribution writes) gives channel attribution alone.

The report covers --period, by default the last quarter ending before the
data's latest event in which a lead or opportunity was created; stderr says
which period was chosen and why. --out receives the whole set of files of one
run (an earlier report there is replaced; a folder holding other files is
refused).

Examples:
  retro                                     # sample-data -> out/
  retro exports/2026-q3                     # a folder of your exports
  retro --period 2026-Q2 --out out/q2 exports
  retro --fiscal-year-start 2 --period FY2027-Q1 exports  # Feb-Apr 2026
  retro --period 2026-07-01..2026-08-31 --tz America/New_York exports
  retro --format md,json --lookback 90 --model linear exports
  retro --date-order dmy --decimal-comma exports/emea   # 22/11/2026, 1.234,50 EUR
  retro --preset salesforce --mapping mapping.yaml exports/sfdc
  retro mapping --print exports/sfdc > mapping.yaml       # the mapping the detector inferred

Flags:
`

const usageTail = `
Exit status: 0 on success, 1 on failure (unreadable input, missing required
column, too many bad rows, a period with no data; nothing is written), 2 on a
usage error.
Definitions of every figure: docs/metrics.md. Input format: docs/data.md.
`

// config is the parsed command line: the raw flag values, then the
// options each stage takes.
type config struct {
	data, out, period, asOf, tz, model, formats, title, maxBad         string
	dateOrder, preset, mapping, sheet                                  string
	lookback, fiscalStart                                              int
	sla, halfLife                                                      float64
	quiet, showVersion, decimalComma, allMembers, longPeriod, mdImages bool
	cpuProfile, notes                                                  string

	load            loader.Options
	analysis        analysis.Options
	render          []string // templates.Formats to write
	prog            *progress
	rates, currency string
	weights         string
}

// run is the whole program: parse flags, load, analyse, render, write.
func run(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "help" { // retro help [mapping]
		args = append(args[1:], "--help")
	}
	if len(args) > 0 && args[0] == "mapping" {
		return runMapping(args[1:], stdout, stderr)
	}
	c, err := parseArgs(args, stdout, stderr)
	if err != nil || c == nil {
		return err
	}
	// The dataset stays live for the whole run, so the default GOGC of 100
	// lets the heap grow to twice it: 50 keeps a million leads under 1 GB
	// for the same CPU time (docs/performance.md).
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	stop, err := startProfile(c.cpuProfile)
	if err != nil {
		return err
	}
	defer stop()
	ds, err := c.loadData(stderr)
	if err != nil {
		return err
	}
	report, err := c.analyse(ds, stderr)
	if err != nil {
		return err
	}
	files, err := templates.Render(report, c.render, templates.Options{MDImages: c.mdImages})
	if err != nil {
		return err
	}
	return c.write(files, stderr)
}

// parseArgs reads the command line into a config; a nil config with a nil
// error means the run is over (--version).
func parseArgs(args []string, stdout, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := pflag.NewFlagSet("retro", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.data, "data", "sample-data", "folder of CSV exports (or give it as the argument)")
	fs.StringVar(&c.out, "out", "out", "folder to write the reports to")
	fs.StringVar(&c.period, "period", "", "report period: a quarter (2026-Q3, or FY2027-Q1 with --fiscal-year-start) or a range\n(2026-07-01..2026-09-30); default: the last quarter ending on or before as-of in which\na lead or opportunity was created")
	fs.IntVar(&c.fiscalStart, "fiscal-year-start", 1, "month (1-12) the fiscal year starts in: with 2, quarters run Feb-Apr, ... and are\nlabelled FY2027-Q1 (the fiscal year named by the calendar year it ends in)")
	fs.BoolVar(&c.longPeriod, "long-period", false, "allow a --period longer than 10 years")
	fs.StringVar(&c.asOf, "as-of", "", "the as-of instant (2026-10-01 or 2026-09-30T18:00:00Z);\ndefault: the latest event timestamp in the data")
	fs.StringVar(&c.tz, "tz", "UTC", "report time zone (IANA name): naive timestamps and period days use it")
	fs.IntVar(&c.lookback, "lookback", 180, "lookback window W in days (at most 36500): how long before an opportunity a touch still counts")
	fs.Float64Var(&c.sla, "sla", 60, "follow-up SLA in minutes: the latency section's within_sla counts handoffs contacted this fast")
	fs.StringVar(&c.model, "model", "linear", "default attribution model for campaign rows and ROI: first_touch, last_touch,\nlinear, position_based, j_shaped, inverse_j, w_shaped, full_path, time_decay, markov,\nor custom (with --weights)")
	fs.StringVar(&c.weights, "weights", "", "YAML file of role shares for the custom attribution model: first, mql, created,\nclosed, rest (0 or more, summing to 1)")
	fs.Float64Var(&c.halfLife, "half-life", 7, "half-life in days of the time_decay model: a touch this much older gets half the credit")
	fs.StringVar(&c.formats, "format", "html,md,json,csv", "outputs to write, comma-separated: html, md, json, and csv (every table as tables/NAME.csv)")
	fs.StringVar(&c.notes, "notes", "", "Markdown file of the team's own notes (what we learned, what we agreed to change),\nplaced after the executive summary")
	fs.StringVar(&c.title, "title", "", "report title (default \"Campaign retrospective PERIOD\")")
	fs.StringVar(&c.maxBad, "max-bad-rows", "1%", "fail when a file has more bad rows than this: a percentage (1%) or a count (25)")
	fs.StringVar(&c.dateOrder, "date-order", "mdy", "how slash dates such as 03/04/2026 are read: mdy (month first, US exports) or dmy;\na value that cannot be read in this order is reported, not guessed")
	fs.BoolVar(&c.decimalComma, "decimal-comma", false, "amounts are written 1.234,50 (decimal comma) instead of 1,234.50")
	fs.StringVar(&c.preset, "preset", "auto", "what the files are: auto (recognise each file by its header row), canonical, salesforce, hubspot or generic (plain-word CRM exports)")
	fs.StringVar(&c.mapping, "mapping", "", "YAML file naming custom columns, value maps and fixed values per file\n(start from 'retro mapping --print DATA_DIR')")
	fs.BoolVar(&c.allMembers, "all-members", false, "count every Salesforce campaign member as a touch, not only those who responded")
	fs.StringVar(&c.sheet, "sheet", "", "worksheet to read from XLSX files (default: the first)")
	fs.StringVar(&c.currency, "currency", "USD", "the report currency (ISO code): amounts of exports in other currencies are converted with --rates")
	fs.StringVar(&c.rates, "rates", "", "CSV file of currency,rate rows (the value of one unit in the report currency),\nto convert export amounts that mix currencies")
	fs.BoolVar(&c.mdImages, "md-images", false, "also write each chart as charts/NAME.svg beside report.md and link the images there instead of Mermaid")
	fs.BoolVarP(&c.quiet, "quiet", "q", false, "print nothing but errors")
	fs.BoolVar(&c.showVersion, "version", false, "print the version and exit")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile (pprof) of the run to this file")
	_ = fs.MarkHidden("cpuprofile")
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprint(stdout, usageHead)
		fmt.Fprint(stdout, fs.FlagUsages())
		fmt.Fprint(stdout, usageTail)
	}
	if err := fs.Parse(args); err != nil {
		return nil, flagError(fs, err)
	}
	if c.showVersion {
		fmt.Fprintf(stdout, "retro %s\n", version)
		return nil, nil
	}
	switch fs.NArg() {
	case 0:
		if err := defaultDataFolder(c.data, fs.Changed("data")); err != nil {
			return nil, err
		}
	case 1:
		c.data = fs.Arg(0)
	default:
		return nil, usagef("expected one DATA_DIR, got %d arguments", fs.NArg())
	}
	if err := c.options(); err != nil {
		return nil, err
	}
	c.prog = newProgress(stderr, c.quiet)
	if c.prog != nil {
		c.load.Progress, c.analysis.Progress = c.prog.rows, c.prog.section
	}
	return c, nil
}

// startProfile starts the --cpuprofile, when asked for; stop ends it.
func startProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// loadData reads the data folder and says on stderr what each file was
// taken for and which rows were bad.
func (c *config) loadData(stderr io.Writer) (*loader.Dataset, error) {
	ds, err := loader.Load(c.data, c.load)
	c.prog.finish()
	if err != nil {
		return nil, err
	}
	if !c.quiet {
		for _, d := range ds.Detected {
			fmt.Fprintln(stderr, d)
		}
		reportProblems(stderr, ds)
	}
	return ds, nil
}

// analyse computes the report and says on stderr which period it covers
// and why.
func (c *config) analyse(ds *loader.Dataset, stderr io.Writer) (*analysis.Report, error) {
	report, err := analysis.Analyze(ds, c.analysis)
	c.prog.finish()
	if err != nil {
		// Say how an empty period was chosen, as for any other run.
		var empty *analysis.EmptyPeriodError
		if errors.As(err, &empty) && !c.quiet && empty.Why != "" {
			fmt.Fprintln(stderr, empty.Why)
		}
		return nil, err
	}
	if !c.quiet {
		fmt.Fprintln(stderr, report.Period.Why)
	}
	if c.prog != nil {
		c.prog.section("the reports")
	}
	return report, nil
}

// write writes the rendered files to --out and lists them on stderr.
func (c *config) write(files []templates.File, stderr io.Writer) error {
	err := writeAll(c.out, files)
	c.prog.finish()
	if err != nil || c.quiet {
		return err
	}
	for _, f := range files {
		fmt.Fprintf(stderr, "wrote %s\n", filepath.Join(c.out, f.Name))
	}
	return nil
}

// Bounds of the flags: beyond them a figure would overflow or a run
// would take hours.
const (
	maxLookbackDays = 36500 // 100 years
	maxPeriodYears  = 10    // without --long-period
)

// options checks the flags and turns them into each stage's options.
func (c *config) options() error {
	c.load, c.analysis = loader.DefaultOptions(), analysis.DefaultOptions()
	lo, ao := &c.load, &c.analysis
	loc, err := time.LoadLocation(c.tz)
	if err != nil {
		return usagef("--tz %q: not a known time zone", c.tz)
	}
	lo.Location, ao.Location = loc, loc
	if err := lo.ParseBadRowLimit(c.maxBad); err != nil {
		return usagef("--max-bad-rows %v", err)
	}
	ao.MaxBadRows = c.maxBad
	if lo.DateOrder, err = loader.ParseDateOrder(c.dateOrder); err != nil {
		return usagef("--date-order %v", err)
	}
	lo.DecimalComma = c.decimalComma
	lo.AllMembers = c.allMembers
	lo.Sheet = c.sheet
	if lo.Preset, err = loader.ParsePreset(c.preset); err != nil {
		return usagef("--preset %v", err)
	}
	if c.mapping != "" {
		if lo.Mapping, err = loader.ReadMapping(c.mapping); err != nil {
			return err
		}
	}
	if c.fiscalStart < 1 || c.fiscalStart > 12 {
		return usagef("--fiscal-year-start %d: use a month number, 1 to 12", c.fiscalStart)
	}
	ao.FiscalYearStart = c.fiscalStart
	lo.Currency, ao.Currency = strings.ToUpper(strings.TrimSpace(c.currency)), strings.ToUpper(strings.TrimSpace(c.currency))
	if c.rates != "" {
		if lo.Rates, err = loader.ReadRates(c.rates); err != nil {
			return usageError{error: err}
		}
	}
	if c.period != "" {
		p, err := analysis.ParsePeriodFiscal(c.period, c.fiscalStart)
		if err != nil {
			return usageError{error: err}
		}
		if p.LongerThanYears(maxPeriodYears) && !c.longPeriod {
			return usagef("--period %s spans %d days, more than %d years: pass --long-period if you mean it", c.period, p.Days(), maxPeriodYears)
		}
		ao.Period = &p
	}
	if c.asOf != "" {
		t, _, err := loader.ParseTime(c.asOf, loc)
		if err != nil {
			return usagef("--as-of %q: use an ISO 8601 date or date-time", c.asOf)
		}
		ao.AsOf = t
	}
	if c.lookback < 0 || c.lookback > maxLookbackDays {
		return usagef("--lookback %d: use 0 to %d days (100 years)", c.lookback, maxLookbackDays)
	}
	ao.LookbackDays = c.lookback
	if c.sla < 0 || math.IsNaN(c.sla) || math.IsInf(c.sla, 0) {
		return usagef("--sla must be a number of minutes, 0 or more")
	}
	ao.SLAMinutes = c.sla
	if !(c.halfLife > 0) || math.IsInf(c.halfLife, 0) {
		return usagef("--half-life must be a number of days above 0")
	}
	ao.HalfLifeDays = c.halfLife
	if c.weights != "" {
		b, err := os.ReadFile(c.weights)
		if err != nil {
			return usagef("--weights: %v", err)
		}
		if ao.Weights, err = analysis.ParseWeights(b); err != nil {
			return usagef("--weights %s: %v", c.weights, err)
		}
	}
	if ao.Model, err = analysis.ParseModel(c.model, ao.Weights); err != nil {
		return usagef("--%v", err) // --model "x": use one of ...
	}
	ao.Title = c.title
	if c.notes != "" {
		b, err := os.ReadFile(c.notes)
		if err != nil {
			return fmt.Errorf("--notes: %w", err)
		}
		ao.Notes = string(b)
	}
	ao.Version = version
	if c.render, err = templates.ParseFormats(c.formats); err != nil {
		return usagef("--format %v", err)
	}
	return nil
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
	fs.StringVar(&preset, "preset", "auto", "what the files are: auto, canonical, salesforce, hubspot or generic")
	fs.StringVar(&sheet, "sheet", "", "worksheet to read from XLSX files (default: the first)")
	fs.StringVar(&mapping, "mapping", "", "a mapping to start from: its shapes and columns steer detection")
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprint(stdout, mappingUsage)
		fmt.Fprint(stdout, fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		return flagError(fs, err)
	}
	if !print {
		return usagef("mapping: say --print (write the inferred mapping to standard output)")
	}
	lo := loader.DefaultOptions()
	var err error
	if lo.Preset, err = loader.ParsePreset(preset); err != nil {
		return usagef("--preset %v", err)
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
		if err := defaultDataFolder(data, false); err != nil {
			return err
		}
	case 1:
		data = fs.Arg(0)
	default:
		return usagef("mapping: expected one DATA_DIR, got %d arguments", fs.NArg())
	}
	return loader.PrintMapping(stdout, data, lo)
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
