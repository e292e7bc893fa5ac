package config

import (
	"github.com/spotter-coach/spotter/coach"
)

// importTable is the [import] table: what one lifter's imports may cost
// everyone else. A key left out keeps coach.DefaultImportLimits.
type importTable struct {
	MaxRows       *int `toml:"max_rows"`
	MaxPerDay     *int `toml:"max_per_day"`
	MaxNameLength *int `toml:"max_name_length"`
	MaxFileMB     *int `toml:"max_file_mb"`
}

// apply checks the [import] table and sets l from it, within the coach's
// bounds: a file may make imports cheaper, never dearer than Spotter is
// built to carry (a file over coach.MaxImportBytes is never even
// downloaded).
func (it importTable) apply(l *coach.ImportLimits, fail failFunc) error {
	*l = coach.DefaultImportLimits()
	keys := []struct {
		key   string
		v     *int
		dst   *int
		most  int
		scale int
		what  string
	}{
		{"import.max_rows", it.MaxRows, &l.Rows, coach.MaxImportRows, 1, "rows in a file"},
		{"import.max_per_day", it.MaxPerDay, &l.PerDay, coach.MaxImportsPerDay, 1, "imports a lifter starts in 24 hours"},
		{"import.max_name_length", it.MaxNameLength, &l.NameLen, coach.MaxImportNameLen, 1, "characters in an exercise name"},
		{"import.max_file_mb", it.MaxFileMB, &l.Bytes, coach.MaxImportBytes >> 20, 1 << 20, "megabytes in a file"},
	}
	for _, k := range keys {
		if k.v == nil {
			continue
		}
		if *k.v < 1 || *k.v > k.most {
			return fail(k.key, "%d is not 1 to %d (%s)", *k.v, k.most, k.what)
		}
		*k.dst = *k.v * k.scale
	}
	return nil
}
