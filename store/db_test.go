package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestOpenCreatesPrivateFileWithSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "spotter.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := db.Schema()
	if err != nil || v != SchemaVersion {
		t.Fatalf("Schema() = %d, %v; want %d", v, err, SchemaVersion)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("file mode %o, want 600", perm)
	}
	// Reopening keeps the file and its schema.
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.Schema(); v != SchemaVersion {
		t.Errorf("after reopen schema %d", v)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spotter.db")
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		m, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		return m.Put(keySchema, []byte{0, 0, 0, 0, 0, 0, 0, 99})
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("Open of a schema-99 file: %v, want ErrNewerSchema", err)
	}
}

func TestOpenFailsWhileAnotherHoldsTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spotter.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := Open(path); err == nil {
		t.Fatal("second Open of a held file succeeded")
	}
}
