package templates

import (
	"bytes"
	"cmp"
	"encoding"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/campaignretro/retro/analysis"
)

// JSON renders the report as indented JSON with a final newline: the bytes
// of encoding/json's Encoder with SetIndent("", "  "), written in one pass
// (the Encoder marshals, compacts every Money and sub-document again, then
// indents: several times the work on a report of thousands of campaigns).
// A report of aggregated paths, or a value this writer does not handle,
// goes through encoding/json itself.
func JSON(r *analysis.Report) ([]byte, error) {
	parts, err := jsonParts(r)
	return bytes.Join(parts, nil), err
}

// jsonParts renders the report as JSON returns, in parts.
func jsonParts(r *analysis.Report) ([][]byte, error) {
	if r.IsPaths() {
		b, err := stdJSON(r)
		return [][]byte{b}, err
	}
	var w jsonWriter
	if err := w.value(reflect.ValueOf((*plainReport)(r)), 0); err != nil {
		if errors.Is(err, errJSONFallback) {
			b, err := stdJSON(r)
			return [][]byte{b}, err
		}
		return nil, err
	}
	return append(w.chunks, append(w.buf, '\n')), nil
}

// plainReport is analysis.Report without its MarshalJSON, which for a
// report other than of paths writes the plain struct.
type plainReport analysis.Report

// stdJSON renders v with encoding/json's Encoder, indented.
func stdJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// errJSONFallback says a value is left to encoding/json: a float that is
// not finite (encoding/json's error then names it), a text marshaler, a
// byte slice, a map whose keys are not strings, a tag option other than
// omitempty.
var errJSONFallback = errors.New("left to encoding/json")

// jsonWriter appends indented JSON to buf, after the full chunks.
type jsonWriter struct {
	chunks [][]byte
	buf    []byte
}

// jsonChunk is the size of a chunk of report.json, and jsonSlack the room
// left in a chunk that starts the next (variables for a test).
var jsonChunk, jsonSlack = 1 << 20, 1 << 12

// jsonEncoder writes one value of a type at an indentation depth.
type jsonEncoder func(w *jsonWriter, v reflect.Value, depth int) error

func (w *jsonWriter) value(v reflect.Value, depth int) error {
	return encoderFor(v.Type())(w, v, depth)
}

// newline starts a line at depth. It also starts a new chunk when buf is
// nearly full: growing one slice would copy a report of thousands of
// campaigns over and over.
func (w *jsonWriter) newline(depth int) {
	if cap(w.buf)-len(w.buf) < jsonSlack {
		w.chunks = append(w.chunks, w.buf)
		w.buf = make([]byte, 0, jsonChunk)
	}
	w.buf = append(w.buf, '\n')
	for range depth {
		w.buf = append(w.buf, "  "...)
	}
}

var (
	encoders         sync.Map // reflect.Type -> jsonEncoder
	marshalerType    = reflect.TypeFor[json.Marshaler]()
	textMarshalType  = reflect.TypeFor[encoding.TextMarshaler]()
	moneyType        = reflect.TypeFor[analysis.Money]()
	attributionPtrTy = reflect.TypeFor[*analysis.Attribution]()
)

// encoderFor returns the encoder of type t, built once.
func encoderFor(t reflect.Type) jsonEncoder {
	if e, ok := encoders.Load(t); ok {
		return e.(jsonEncoder)
	}
	// A recursive type finds this forwarder while its encoder is built.
	var (
		wg sync.WaitGroup
		f  jsonEncoder
	)
	wg.Add(1)
	e, loaded := encoders.LoadOrStore(t, jsonEncoder(func(w *jsonWriter, v reflect.Value, depth int) error {
		wg.Wait()
		return f(w, v, depth)
	}))
	if loaded {
		return e.(jsonEncoder)
	}
	f = newEncoder(t, true)
	wg.Done()
	encoders.Store(t, f)
	return f
}

// newEncoder follows encoding/json's newTypeEncoder: marshalers first (a
// pointer receiver's when the value is addressable), then by kind.
func newEncoder(t reflect.Type, allowAddr bool) jsonEncoder {
	switch {
	case t == moneyType:
		return moneyEncoder
	case t == attributionPtrTy:
		return attributionEncoder
	case t.Kind() != reflect.Pointer && allowAddr && reflect.PointerTo(t).Implements(marshalerType):
		plain := newEncoder(t, false)
		return func(w *jsonWriter, v reflect.Value, depth int) error {
			if v.CanAddr() {
				return w.marshaler(v.Addr(), depth)
			}
			return plain(w, v, depth)
		}
	case t.Implements(marshalerType):
		return func(w *jsonWriter, v reflect.Value, depth int) error { return w.marshaler(v, depth) }
	case t.Implements(textMarshalType), reflect.PointerTo(t).Implements(textMarshalType):
		return fallbackEncoder
	}
	switch t.Kind() {
	case reflect.Bool:
		return func(w *jsonWriter, v reflect.Value, _ int) error {
			w.buf = strconv.AppendBool(w.buf, v.Bool())
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(w *jsonWriter, v reflect.Value, _ int) error {
			w.buf = strconv.AppendInt(w.buf, v.Int(), 10)
			return nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(w *jsonWriter, v reflect.Value, _ int) error {
			w.buf = strconv.AppendUint(w.buf, v.Uint(), 10)
			return nil
		}
	case reflect.Float32, reflect.Float64:
		bits := t.Bits()
		return func(w *jsonWriter, v reflect.Value, _ int) error { return w.float(v.Float(), bits) }
	case reflect.String:
		if t == reflect.TypeFor[json.Number]() {
			return fallbackEncoder
		}
		return func(w *jsonWriter, v reflect.Value, _ int) error {
			w.string(v.String())
			return nil
		}
	case reflect.Interface:
		return func(w *jsonWriter, v reflect.Value, depth int) error {
			if v.IsNil() {
				w.buf = append(w.buf, "null"...)
				return nil
			}
			return w.value(v.Elem(), depth)
		}
	case reflect.Pointer:
		elem := t.Elem()
		return func(w *jsonWriter, v reflect.Value, depth int) error {
			if v.IsNil() {
				w.buf = append(w.buf, "null"...)
				return nil
			}
			return encoderFor(elem)(w, v.Elem(), depth)
		}
	case reflect.Struct:
		return structEncoder(t)
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return fallbackEncoder
		}
		return mapEncoder(t)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return fallbackEncoder // base64, unless the bytes marshal themselves
		}
		elem := t.Elem()
		return func(w *jsonWriter, v reflect.Value, depth int) error {
			if v.IsNil() {
				w.buf = append(w.buf, "null"...)
				return nil
			}
			return w.array(v, encoderFor(elem), depth)
		}
	case reflect.Array:
		elem := t.Elem()
		return func(w *jsonWriter, v reflect.Value, depth int) error { return w.array(v, encoderFor(elem), depth) }
	}
	return fallbackEncoder
}

func fallbackEncoder(*jsonWriter, reflect.Value, int) error { return errJSONFallback }

// moneyEncoder writes Money as its MarshalJSON does (a number rounded to
// cents), without encoding/json's second pass over it.
func moneyEncoder(w *jsonWriter, v reflect.Value, _ int) error {
	f := v.Float()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return errJSONFallback
	}
	b, err := analysis.Money(f).MarshalJSON()
	if err != nil {
		return err
	}
	w.buf = append(w.buf, b...)
	return nil
}

// attributionEncoder writes attribution as its MarshalJSON does: the plain
// struct, unless it holds paths.
func attributionEncoder(w *jsonWriter, v reflect.Value, depth int) error {
	if v.IsNil() {
		w.buf = append(w.buf, "null"...)
		return nil
	}
	if v.Interface().(*analysis.Attribution).Paths != nil {
		return w.marshaler(v, depth)
	}
	return structEncoder(v.Type().Elem())(w, v.Elem(), depth)
}

// marshaler writes what v's MarshalJSON returns, compacted with HTML
// characters escaped and indented at depth, as encoding/json does.
func (w *jsonWriter) marshaler(v reflect.Value, depth int) error {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		w.buf = append(w.buf, "null"...)
		return nil
	}
	b, err := v.Interface().(json.Marshaler).MarshalJSON()
	if err != nil {
		return errJSONFallback // encoding/json wraps the error
	}
	var compact, escaped, indented bytes.Buffer
	if err := json.Compact(&compact, b); err != nil {
		return errJSONFallback
	}
	json.HTMLEscape(&escaped, compact.Bytes())
	if err := json.Indent(&indented, escaped.Bytes(), strings.Repeat("  ", depth), "  "); err != nil {
		return errJSONFallback
	}
	w.buf = append(w.buf, indented.Bytes()...)
	return nil
}

// float writes f as encoding/json does: like ES6, exponent form below 1e-6
// and from 1e21.
func (w *jsonWriter) float(f float64, bits int) error {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return errJSONFallback
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	w.buf = strconv.AppendFloat(w.buf, f, format, -1, bits)
	if format == 'e' {
		// e-09 to e-9
		if n := len(w.buf); n >= 4 && w.buf[n-4] == 'e' && w.buf[n-3] == '-' && w.buf[n-2] == '0' {
			w.buf[n-2] = w.buf[n-1]
			w.buf = w.buf[:n-1]
		}
	}
	return nil
}

// string writes s quoted; a string with anything but printable ASCII
// other than a quote, backslash or HTML character is escaped by
// encoding/json itself.
func (w *jsonWriter) string(s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			b, _ := json.Marshal(s) // strings always marshal
			w.buf = append(w.buf, b...)
			return
		}
	}
	w.buf = append(w.buf, '"')
	w.buf = append(w.buf, s...)
	w.buf = append(w.buf, '"')
}

// array writes the elements of a slice or array.
func (w *jsonWriter) array(v reflect.Value, elem jsonEncoder, depth int) error {
	n := v.Len()
	if n == 0 {
		w.buf = append(w.buf, "[]"...)
		return nil
	}
	w.buf = append(w.buf, '[')
	for i := range n {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.newline(depth + 1)
		if err := elem(w, v.Index(i), depth+1); err != nil {
			return err
		}
	}
	w.newline(depth)
	w.buf = append(w.buf, ']')
	return nil
}

// mapEncoder writes a map with string keys, keys sorted. The values are
// copied into one slice, not boxed one by one, unless being addressable
// there would change how one of them is written.
func mapEncoder(t reflect.Type) jsonEncoder {
	elem := t.Elem()
	boxed := addrSensitive(elem)
	return func(w *jsonWriter, v reflect.Value, depth int) error {
		if v.IsNil() {
			w.buf = append(w.buf, "null"...)
			return nil
		}
		n := v.Len()
		if n == 0 {
			w.buf = append(w.buf, "{}"...)
			return nil
		}
		keys := make([]string, 0, n)
		var vals []reflect.Value // boxed
		var slots reflect.Value  // not boxed: a slice of n values
		if boxed {
			vals = make([]reflect.Value, 0, n)
		} else {
			slots = reflect.MakeSlice(reflect.SliceOf(elem), n, n)
		}
		key := reflect.New(t.Key()).Elem()
		for it := v.MapRange(); it.Next(); {
			key.SetIterKey(it)
			if boxed {
				vals = append(vals, it.Value())
			} else {
				slots.Index(len(keys)).SetIterValue(it)
			}
			keys = append(keys, key.String())
		}
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
		enc := encoderFor(elem)
		w.buf = append(w.buf, '{')
		for k, i := range order {
			if k > 0 {
				w.buf = append(w.buf, ',')
			}
			w.newline(depth + 1)
			w.string(keys[i])
			w.buf = append(w.buf, ": "...)
			var val reflect.Value
			if boxed {
				val = vals[i]
			} else {
				val = slots.Index(i)
			}
			if err := enc(w, val, depth+1); err != nil {
				return err
			}
		}
		w.newline(depth)
		w.buf = append(w.buf, '}')
		return nil
	}
}

// addrSensitive tells whether a value of type t, or a field or element
// held inside it, is written differently when addressable: its pointer
// type alone has a MarshalJSON or MarshalText.
func addrSensitive(t reflect.Type) bool {
	return addrSensitiveSeen(t, map[reflect.Type]bool{})
}

func addrSensitiveSeen(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface {
		p := reflect.PointerTo(t)
		if p.Implements(marshalerType) && !t.Implements(marshalerType) || p.Implements(textMarshalType) && !t.Implements(textMarshalType) {
			return true
		}
	}
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			if addrSensitiveSeen(t.Field(i).Type, seen) {
				return true
			}
		}
	case reflect.Array:
		return addrSensitiveSeen(t.Elem(), seen)
	}
	return false
}

// jsonField is one field of a struct as encoding/json writes it.
type jsonField struct {
	name      string // quoted, with ": "
	index     []int
	omitEmpty bool
}

// structEncoder writes a struct's fields in encoding/json's order, with its
// rules for embedded structs and omitempty.
func structEncoder(t reflect.Type) jsonEncoder {
	fields, ok := structFields(t)
	if !ok {
		return fallbackEncoder
	}
	return func(w *jsonWriter, v reflect.Value, depth int) error {
		n := 0
	fields:
		for _, f := range fields {
			fv := v
			for _, i := range f.index {
				if fv.Kind() == reflect.Pointer {
					if fv.IsNil() {
						continue fields
					}
					fv = fv.Elem()
				}
				fv = fv.Field(i)
			}
			if f.omitEmpty && isEmptyValue(fv) {
				continue
			}
			if n == 0 {
				w.buf = append(w.buf, '{')
			} else {
				w.buf = append(w.buf, ',')
			}
			n++
			w.newline(depth + 1)
			w.buf = append(w.buf, f.name...)
			if err := w.value(fv, depth+1); err != nil {
				return err
			}
		}
		if n == 0 {
			w.buf = append(w.buf, "{}"...)
			return nil
		}
		w.newline(depth)
		w.buf = append(w.buf, '}')
		return nil
	}
}

// structFields lists t's fields as encoding/json's typeFields does; false
// for a tag option this writer leaves to encoding/json.
func structFields(t reflect.Type) ([]jsonField, bool) {
	type field struct {
		name      string
		tagged    bool
		index     []int
		typ       reflect.Type
		omitEmpty bool
	}
	var current, fields []field
	next := []field{{typ: t}}
	var count, nextCount map[reflect.Type]int
	visited := map[reflect.Type]bool{}
	for len(next) > 0 {
		current, next = next, current[:0]
		count, nextCount = nextCount, map[reflect.Type]int{}
		for _, f := range current {
			if visited[f.typ] {
				continue
			}
			visited[f.typ] = true
			for i := 0; i < f.typ.NumField(); i++ {
				sf := f.typ.Field(i)
				if sf.Anonymous {
					ft := sf.Type
					if ft.Kind() == reflect.Pointer {
						ft = ft.Elem()
					}
					if !sf.IsExported() && ft.Kind() != reflect.Struct {
						continue
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				omitEmpty := false
				for o := range strings.SplitSeq(opts, ",") {
					switch o {
					case "":
					case "omitempty":
						omitEmpty = true
					default:
						return nil, false // string, omitzero
					}
				}
				if !validTag(name) {
					name = ""
				}
				index := append(slices.Clone(f.index), i)
				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if name != "" || !sf.Anonymous || ft.Kind() != reflect.Struct {
					tagged := name != ""
					if name == "" {
						name = sf.Name
					}
					fields = append(fields, field{name: name, tagged: tagged, index: index, typ: ft, omitEmpty: omitEmpty})
					if count[f.typ] > 1 {
						fields = append(fields, fields[len(fields)-1])
					}
					continue
				}
				nextCount[ft]++
				if nextCount[ft] == 1 {
					next = append(next, field{name: ft.Name(), index: index, typ: ft})
				}
			}
		}
	}
	slices.SortFunc(fields, func(a, b field) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		if c := cmp.Compare(len(a.index), len(b.index)); c != 0 {
			return c
		}
		if a.tagged != b.tagged {
			if a.tagged {
				return -1
			}
			return 1
		}
		return slices.Compare(a.index, b.index)
	})
	// Go's rules for embedded fields: the shallowest wins, a tag breaks a
	// tie, a remaining tie drops the name.
	var out []field
	for adv, i := 0, 0; i < len(fields); i += adv {
		for adv = 1; i+adv < len(fields) && fields[i+adv].name == fields[i].name; adv++ {
		}
		if adv > 1 && len(fields[i].index) == len(fields[i+1].index) && fields[i].tagged == fields[i+1].tagged {
			continue
		}
		out = append(out, fields[i])
	}
	slices.SortFunc(out, func(a, b field) int { return slices.Compare(a.index, b.index) })
	list := make([]jsonField, len(out))
	for i, f := range out {
		var name bytes.Buffer
		json.HTMLEscape(&name, []byte(strconv.Quote(f.name)))
		if strings.ContainsFunc(f.name, func(r rune) bool { return r < 0x20 || r >= utf8.RuneSelf || r == '"' || r == '\\' }) {
			return nil, false
		}
		list[i] = jsonField{name: name.String() + ": ", index: f.index, omitEmpty: f.omitEmpty}
	}
	return list, true
}

// validTag is encoding/json's isValidTag.
func validTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// isEmptyValue is encoding/json's test for omitempty.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64,
		reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}
