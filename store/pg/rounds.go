package pg

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/spotter-coach/spotter/record"
)

// roundsMigration adds the class rounds open or running, one per chat:
// the JSON of record.Round the bbolt store keeps.
const roundsMigration = `
CREATE TABLE rounds (
	platform text COLLATE "C" NOT NULL,
	chat_id text COLLATE "C" NOT NULL,
	record bytea NOT NULL,
	PRIMARY KEY (platform, chat_id)
);
`

// queueRound removes the round of del, then writes r.
func queueRound(b *pgx.Batch, r *record.Round, del *record.RoundKey) error {
	if del != nil {
		b.Queue(`DELETE FROM rounds WHERE platform = $1 AND chat_id = $2`, del.Platform, del.ChatID)
	}
	if r == nil {
		return nil
	}
	v, err := json.Marshal(r)
	if err != nil {
		return err
	}
	b.Queue(`INSERT INTO rounds (platform, chat_id, record) VALUES ($1, $2, $3)
		ON CONFLICT (platform, chat_id) DO UPDATE SET record = excluded.record`, r.Platform, r.ChatID, v)
	return nil
}

// Rounds loads every class round open or running.
func (db *DB) Rounds() ([]record.Round, error) {
	out, err := db.rounds(context.Background())
	if err != nil {
		return nil, db.wrap("rounds", err)
	}
	return out, nil
}

func (db *DB) rounds(ctx context.Context) ([]record.Round, error) {
	rows, err := db.pool.Query(ctx, `SELECT platform, chat_id, record FROM rounds ORDER BY platform, chat_id`)
	if err != nil {
		return nil, err
	}
	var out []record.Round
	var platform, chat string
	var raw pgtype.DriverBytes
	_, err = pgx.ForEachRow(rows, []any{&platform, &chat, &raw}, func() error {
		var r record.Round
		if err := json.Unmarshal(raw, &r); err != nil {
			return fmt.Errorf("round %s/%s: %w", platform, chat, err)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}
