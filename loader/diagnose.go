package loader

import (
	"fmt"
	"path/filepath"
	"strings"
)

// diagnosis is what one file of the folder is taken for. Load and
// PrintMapping share it, so that `retro` and `retro mapping --print` never
// disagree about a file.
type diagnosis struct {
	name, path string
	// t holds the header row and the dialect (records unread); nil when
	// the file cannot be read.
	t *table
	// best is the shape the header fits; closest, when none fits, the one
	// it nearly fits.
	best, closest *match
	// canonical is set for a file named as a canonical file (leads.csv)
	// that fits no shape: it is read as that file, so that its reader
	// names the missing column.
	canonical bool
	kind      kind
	// err says why the file cannot be read; skip says it is left out
	// (with note) rather than failing the load.
	err  error
	note string
}

// skipped reports whether the file is left out of the load.
func (d *diagnosis) skipped() bool { return d.note != "" }

// nextStep is the command that writes a mapping for the folder, named in
// every message about a file the loader cannot take as it is.
func nextStep(dir string) string {
	return "retro mapping --print " + shellWord(dir) + " > mapping.yaml"
}

// shellWord quotes a path for a shell when it needs it.
func shellWord(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"$`\\&;|<>()*?[]#~!{}") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// diagnoseDir lists the data files of dir in name order and diagnoses
// each. Only a folder that cannot be listed is an error; a file that
// cannot be read or matches nothing carries a note.
func (l *load) diagnoseDir(dir string) ([]diagnosis, error) {
	entries, err := files.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	var out []diagnosis
	for _, e := range entries { // ReadDir sorts by name
		if !dataFile(e.Name()) {
			continue
		}
		if err := regularFile(e.Name(), filepath.Join(dir, e.Name())); err != nil {
			return nil, err
		}
		d, err := l.diagnose(dir, e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// diagnose reads the header of one file and decides what it is taken for.
// A file that cannot be read is an error only when the user named it (in
// the mapping, or by a canonical name, or by asking for a sheet); else it
// is skipped with a note.
func (l *load) diagnose(dir, name string) (diagnosis, error) {
	d := diagnosis{name: name, path: filepath.Join(dir, name)}
	fm := l.opts.Mapping.file(name)
	t, best, closest, err := l.detectFile(name, d.path)
	if err != nil {
		if fm != nil || canonicalKind(name) >= 0 || l.opts.Sheet != "" && strings.EqualFold(filepath.Ext(name), ".xlsx") {
			return d, err
		}
		d.err = err
		d.note = fmt.Sprintf("%v; the file is skipped (if it holds data, save it as a CSV file, or name its sheet with --sheet or a mapping's sheet:).", err)
		return d, nil
	}
	d.t, d.best, d.closest = t, best, closest
	if best != nil && best.shape.unused != "" {
		d.note = fmt.Sprintf("%s: %s (%s); the file is skipped.", name, best.shape.Name, best.shape.unused)
		return d, nil
	}
	if best != nil {
		d.kind = best.shape.kind
		return d, nil
	}
	preset := l.preset()
	nearExport := closest != nil && closest.shape.preset != "canonical"
	if k := canonicalKind(name); k >= 0 && (preset == "auto" || preset == "canonical") && fm.shapeName() == "" && !nearExport {
		d.canonical, d.kind = true, kind(k)
		return d, nil
	}
	d.note = unknownNote(d, dir)
	return d, nil
}

// canonicalKind is the kind of a canonical file name, or -1.
func canonicalKind(name string) int {
	for k, f := range kindFiles {
		if strings.EqualFold(f, name) {
			return k
		}
	}
	return -1
}

// unknownNote is the one line that says a file was not recognised, what
// it nearly is, and the next step.
func unknownNote(d diagnosis, dir string) string {
	if isDictionary(d.t.Raw) {
		return fmt.Sprintf("%s: a data dictionary (it describes columns, it holds no records); the file is skipped.", d.name)
	}
	if d.closest == nil {
		return fmt.Sprintf("%s: not a known export; the file is skipped (if it holds leads or opportunities, `%s` and name its shape and columns).", d.name, nextStep(dir))
	}
	u := &UnknownFileError{File: d.name, Closest: d.closest.shape.Name, Missing: d.closest.missing}
	if r := d.closest.missingRoles; len(r) == 1 && r[0] == "created_at" && len(d.closest.missing) == 1 {
		return fmt.Sprintf("%s: read as %s, but no column gives the date each record was created (created_at), so the file is skipped. Fix: `%s`, then under %s name that column (columns: {created_at: COLUMN}) or, when every record came in one period, give one date (fixed: {created_at: YYYY-MM-DD}).",
			d.name, d.closest.shape.Name, nextStep(dir), yamlScalar(d.name))
	}
	if len(d.closest.missingRoles) == 0 {
		return fmt.Sprintf("%s; the file is skipped (if it is one, `%s` and keep its shape: line).", u.Error(), nextStep(dir))
	}
	return fmt.Sprintf("%s; the file is skipped (to read it as %s, `%s` and name the column of %s under %s).",
		u.Error(), d.closest.shape.Name, nextStep(dir), strings.Join(d.closest.missingRoles, ", "), yamlScalar(d.name))
}

// isDictionary reports whether a header is that of a data dictionary: a
// few columns, one of them a description of the others.
func isDictionary(raw []string) bool {
	if len(raw) > 4 {
		return false
	}
	for _, h := range raw {
		switch normalizeHeader(h) {
		case "description", "definition", "meaning":
			return true
		}
	}
	return false
}
