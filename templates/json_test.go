package templates

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/campaignretro/retro/analysis"
)

type jsonInner struct {
	A    int    `json:"a"`
	B    string `json:"b,omitempty"`
	Same string `json:"same"`
}

type jsonOuter struct {
	jsonInner
	Same    string                    `json:"same"` // hides the embedded one
	Money   analysis.Money            `json:"money"`
	Ptr     *analysis.Money           `json:"ptr"`
	Floats  []float64                 `json:"floats"`
	Nil     []int                     `json:"nil"`
	Empty   []int                     `json:"empty"`
	Map     map[string]analysis.Money `json:"map"`
	NoMap   map[string]int            `json:"no_map"`
	Omit    *int                      `json:"omit,omitempty"`
	Any     any                       `json:"any"`
	Pair    [2]float64                `json:"pair"`
	Text    string                    `json:"text"`
	Struct  struct{}                  `json:"struct"`
	NoTag   bool
	private int
}

// ptrMarshaler marshals itself through its pointer only: encoding/json
// calls it on addressable values (slice elements, fields reached through a
// pointer), not on map values.
type ptrMarshaler struct{ X int }

func (p *ptrMarshaler) MarshalJSON() ([]byte, error) { return []byte(`{"via": "pointer <"}`), nil }

type holdsPtrMarshaler struct {
	P ptrMarshaler            `json:"p"`
	M map[string]ptrMarshaler `json:"m"`
	H map[string]struct {
		P ptrMarshaler
	} `json:"h"`
	S []ptrMarshaler               `json:"s"`
	I map[string]analysis.Interval `json:"i"`
}

// TestJSONWriter checks the one-pass writer against encoding/json's
// indented output: embedded fields, omitempty, Money, HTML characters and
// other escapes, exponent floats, nil and empty values; a value it leaves
// to encoding/json says so.
func TestJSONWriter(t *testing.T) {
	m := analysis.Money(2.005)
	// Chunks of a few bytes: values straddle them.
	defer func(c, s int) { jsonChunk, jsonSlack = c, s }(jsonChunk, jsonSlack)
	jsonChunk, jsonSlack = 24, 8
	for _, v := range []any{
		jsonOuter{
			jsonInner: jsonInner{A: 1, Same: "hidden"}, Same: "shown", Money: 1234.5678, Ptr: &m,
			Floats: []float64{0, 1e-7, 1e21, 123456789.125, -0.5, 1e20}, Empty: []int{},
			Map: map[string]analysis.Money{"z": 1, "a<b": 2, "é": 3}, Any: map[string]any{"k": []string{"x"}},
			Pair: [2]float64{0.1, 0.2}, private: 7, Text: "<a href=\"x\">&amp;</a>\n\t\u2028 \xff é 😀",
		},
		&jsonOuter{},
		[]jsonInner{{A: 2, B: "b"}},
		&holdsPtrMarshaler{P: ptrMarshaler{1}, M: map[string]ptrMarshaler{"b": {2}, "a": {3}},
			H: map[string]struct{ P ptrMarshaler }{"x": {ptrMarshaler{4}}}, S: []ptrMarshaler{{5}},
			I: map[string]analysis.Interval{"z": {0.1, 0.2}, "y": {1e-9, 3}}},
		holdsPtrMarshaler{P: ptrMarshaler{1}},
	} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		var w jsonWriter
		if err := w.value(reflect.ValueOf(v), 0); err != nil {
			t.Fatal(err)
		}
		if got := string(bytes.Join(append(w.chunks, w.buf, []byte("\n")), nil)); got != want.String() {
			t.Errorf("got\n%s\nwant\n%s", got, want.String())
		}
	}
	for _, v := range []any{math.NaN(), analysis.Money(math.Inf(1)), []byte("x"), map[int]int{1: 1}} {
		var w jsonWriter
		if err := w.value(reflect.ValueOf(v), 0); !errors.Is(err, errJSONFallback) {
			t.Errorf("%#v: error %v, want it left to encoding/json", v, err)
		}
	}
}
