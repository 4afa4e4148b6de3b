package loader

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// InferMapping returns the mapping the detector infers for the files of dir:
// per recognised file, the shape it was taken for and the column each field
// was read from. Written out (WriteMapping), it is a starting point to edit
// and pass back with --mapping.
func InferMapping(dir string, opts Options) (*Mapping, []string, error) {
	l := &load{ds: &Dataset{Dir: dir, HasColumn: map[string]bool{}}, opts: opts, lastPersonID: NoID}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("data folder: %w", err)
	}
	preset := strings.ToLower(opts.Preset)
	if preset == "" {
		preset = "auto"
	}
	m := &Mapping{Files: map[string]*FileMapping{}}
	var unknown []string
	for _, e := range entries {
		if e.IsDir() || !dataFile(e.Name()) {
			continue
		}
		name := e.Name()
		fm := opts.Mapping.file(name)
		t, c, err := openTable(name, filepath.Join(dir, name), nil, l.sheet(fm))
		if err != nil {
			return nil, nil, err
		}
		c.Close()
		best, closest := detect(normalizedHeader(t.Raw), preset, fm.renames(), fm.shapeName())
		if best == nil {
			msg := name + ": not recognised"
			if closest != nil {
				msg += fmt.Sprintf(" (closest: %s, which needs %s)", closest.shape.Name, strings.Join(closest.missing, ", "))
			}
			unknown = append(unknown, msg)
			continue
		}
		out := &FileMapping{Shape: best.shape.Name, Columns: map[string]string{}}
		for role, i := range best.cols {
			out.Columns[role] = strings.TrimSpace(t.Raw[i])
		}
		if fm != nil {
			out.Values, out.Fixed, out.DateFormats, out.Sheet = fm.Values, fm.Fixed, fm.DateFormats, fm.Sheet
		}
		m.Files[name] = out
	}
	sort.Strings(unknown)
	return m, unknown, nil
}

// WriteMapping writes m as YAML, with a comment on how to use it and the
// fields each shape could read but did not find.
func WriteMapping(m *Mapping, unknown []string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# Mapping inferred by retro: edit it and pass it back with --mapping FILE.\n")
	b.WriteString("# columns: field -> the column it is read from; values: field -> {value in the file: value};\n")
	b.WriteString("# fixed: field -> a value for every row; date_formats: field -> Go layout (02/01/2006).\n")
	names := make([]string, 0, len(m.Files))
	for n := range m.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		var missing []string
		for _, s := range allShapes {
			if s.Name != m.Files[n].Shape {
				continue
			}
			for _, f := range s.fields {
				if _, ok := m.Files[n].Columns[f.role]; !ok && !f.required {
					missing = append(missing, f.role)
				}
			}
		}
		if len(missing) > 0 {
			fmt.Fprintf(&b, "# %s: not found, can be named under columns: %s\n", n, strings.Join(missing, ", "))
		}
	}
	for _, u := range unknown {
		fmt.Fprintf(&b, "# %s\n", u)
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}
