// Package loader reads a folder of CSV exports into a Dataset: typed rows
// with ids interned to small integers, and the problems found on the way.
//
// It is the only user of gocsv. Small files (campaigns, assets,
// opportunities, contacts) go through gocsv's Unmarshaller; the large ones
// (leads, touches, activities) stream through a decoder of their own that
// reads the same struct tags. Every bad value becomes a Problem naming its
// file, line and column; only an unreadable file, a missing required column
// or too many bad rows fail the load.
//
// Its files, by job:
//
//   - load.go: Load and the state of one load. options.go: its Options,
//     their parsing (--max-bad-rows, --date-order, --preset) and the
//     bad-row limit that fails a load. rowcheck.go: the row checker (each
//     bad value becomes a Problem). canonical.go: the canonical file names
//     and readers, one per file of SPEC 1. people.go: the person index
//     (lead ids met outside leads.csv, dangling references counted).
//     finish.go: finish (touches and activities grouped by person, touches
//     de-duplicated, dangling references turned into notes, problems
//     sorted). parse.go and time.go read dates, amounts and booleans;
//     currency.go converts amounts (SPEC 11); touchorder.go is the SPEC's
//     touch order (and CampaignRanks, campaign_id order).
//   - parallel.go, chunk.go, freeze.go: large canonical files (leads,
//     touches, activities as written, no mapping) read on every core. One
//     goroutine cuts the file into chunks of about 1 MiB at record ends
//     (a line end outside quotes, by encoding/csv's LazyQuotes rules, so
//     that each chunk parses alone to the records and lines one reader
//     would give); workers parse the chunks, check and type each row in
//     a dry run of the row checker (the first problem, or a value to
//     mask, hands the row back untouched) and look ids up, sixteen at a
//     time, in interners frozen for the file (new ids go to a spill
//     numbered after them, moved in when the file ends); the caller's
//     goroutine takes the chunks in file order, finishes each converted
//     row (row counts, new people and campaigns, dangling references)
//     and reads each handed-back row through the sequential code, so that
//     problems, their lines and order, masks and counts are exactly
//     those of a sequential read. hash.go hashes the inputs on a
//     goroutine of its own; finish sorts per person on every core.
//   - dataset.go: the Dataset and its rows (the package's output); rows.go
//     the canonical files' columns as struct tags.
//   - sources.go, table.go, csv.go, dialect.go, xlsx.go, utf8repair.go:
//     finding a folder's files and reading each as rows of text (gocsv's
//     switches are set in csv.go alone), whatever its delimiter, encoding
//     or spreadsheet form, through files.go's file system (the disk, or
//     memory in the fuzz tests). pii.go masks emails and phone numbers in
//     text.
//   - shapes.go and diagnose.go: which export shape each file is (by its
//     header), shared by Load and `retro mapping --print`.
//   - mapping.go, mapping_check.go, mapping_print.go: the --mapping file,
//     its checks against the folder, and the mapping printed for a folder.
//   - adapter.go: code every export adapter shares (rewriting an export's
//     rows into canonical columns). One file per export shape:
//     salesforce_<object>.go (salesforce.go the family's list, state and
//     notes; salesforce_ids.go the 15/18-character id rules;
//     salesforce_users.go, salesforce_history.go and
//     salesforce_primary_campaign.go what User, OpportunityHistory and
//     Primary Campaign Source add), hubspot_contacts.go and
//     hubspot_deals.go (hubspot.go the family, hubspot_coverage.go the
//     sections its files can feed), generic.go for other CRMs and
//     hand-kept sheets.
//   - paths.go: aggregated path files (SPEC 16).
//   - strings.go: small helpers for messages (plural, contains, sortedKeys).
package loader
