package loader

import (
	"encoding/csv"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
)

// Currencies (SPEC 11): an export's amount may come with its currency
// (Salesforce CurrencyIsoCode, HubSpot Currency, a plain "currency"
// column). A converted amount (Salesforce "Amount (converted)", HubSpot
// "Amount in company currency") is used as it is. Otherwise, with --rates
// every amount is converted to the report currency; without, a file in
// one currency is read as it is (with a note when that is not the report
// currency) and a file that mixes currencies fails, naming them.

// ReadRates reads a --rates file: CSV rows currency,rate, the rate being
// the value of one unit in the report currency; a header row is allowed.
func ReadRates(file string) (map[string]float64, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("--rates: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("--rates %s: %w", file, err)
	}
	rates := map[string]float64{}
	for i, rec := range recs {
		if len(rec) < 2 {
			return nil, fmt.Errorf("--rates %s:%d: expected currency,rate", file, i+1)
		}
		code := strings.ToUpper(strings.TrimSpace(rec[0]))
		rate, err := strconv.ParseFloat(strings.TrimSpace(rec[1]), 64)
		if err != nil || !(rate > 0) {
			if i == 0 {
				continue // a header row
			}
			return nil, fmt.Errorf("--rates %s:%d: %q is not a rate above 0", file, i+1, rec[1])
		}
		rates[code] = rate
	}
	if len(rates) == 0 {
		return nil, fmt.Errorf("--rates %s: no currency,rate rows", file)
	}
	return rates, nil
}

// reportCurrency is --currency, upper-cased; USD by default.
func (l *load) reportCurrency() string {
	if c := strings.ToUpper(strings.TrimSpace(l.opts.Currency)); c != "" {
		return c
	}
	return "USD"
}

// money puts the amount of an export row in the report currency into
// out[i]: the converted amount when the file has one, else the amount
// converted with --rates, else the amount as written (noting its currency,
// checked once the file is read).
func (l *load) money(rec, out []string, i int, c cols, t *table) {
	if v := c.get(rec, "amount_converted"); v != "" {
		out[i] = v
		return
	}
	if !c.has("currency") {
		return
	}
	cur := strings.ToUpper(c.get(rec, "currency"))
	if cur == "" {
		cur = l.reportCurrency()
	}
	if l.opts.Rates == nil {
		if l.currencies == nil {
			l.currencies = map[string]map[string]int{}
		}
		if l.currencies[t.File] == nil {
			l.currencies[t.File] = map[string]int{}
		}
		l.currencies[t.File][cur]++
		return
	}
	rate, ok := l.opts.Rates[cur]
	if cur == l.reportCurrency() {
		rate, ok = 1, true
	}
	col := strings.TrimSpace(t.Raw[c["currency"]])
	if !ok {
		t.issues = append(t.issues, issue{column: col, problem: quote(cur) + " is not in --rates", skip: true})
		return
	}
	v := strings.TrimSpace(out[i])
	if v == "" {
		return
	}
	f, err := ParseAmount(v, l.opts.DecimalComma)
	if err != nil {
		return // the reader reports it
	}
	out[i] = strconv.FormatFloat(f*rate, 'f', -1, 64)
}

// checkCurrencies fails a file whose amounts mix currencies with nothing
// to convert them, and notes one read in another currency than the report's.
func (l *load) checkCurrencies(file string) error {
	seen := l.currencies[file]
	if len(seen) == 0 {
		return nil
	}
	codes := make([]string, 0, len(seen))
	for c := range seen {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	if len(codes) > 1 {
		return fmt.Errorf("%s: amounts in several currencies (%s) and no converted amount: give --rates FILE (CSV rows currency,rate: the value of one unit in %s) to convert them",
			file, strings.Join(codes, ", "), l.reportCurrency())
	}
	if codes[0] != l.reportCurrency() {
		l.ds.Notes = append(l.ds.Notes, fmt.Sprintf("%s: amounts are in %s, not the report currency %s; they are read as they are (--currency %s names them, --rates converts them).",
			file, codes[0], l.reportCurrency(), codes[0]))
	}
	return nil
}

// canonicalMoney converts the amount (opportunities) or cost (campaigns)
// of a canonical file that has a currency column, as money does for an
// export's.
func (l *load) canonicalMoney(t *table, k kind) {
	col := map[kind]string{kindOpportunities: "amount", kindCampaigns: "cost"}[k]
	ia, ic := -1, -1
	for i, h := range t.header {
		switch h {
		case col:
			if ia < 0 {
				ia = i
			}
		case "currency":
			if ic < 0 {
				ic = i
			}
		}
	}
	if col == "" || ia < 0 || ic < 0 {
		return
	}
	c := cols{"amount": ia, "currency": ic}
	t.rewrite(len(t.header), func(rec, out []string) []string {
		l.money(rec, out, ia, c, t)
		return out
	})
}
