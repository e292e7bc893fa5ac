package pg

import (
	"context"
	"encoding/json"

	"github.com/jackc/pgx/v5"

	"github.com/spotter-coach/spotter/record"
)

// boardsMigration adds chats' weekly board posts (record.Board), each as
// the JSON the bbolt store keeps.
const boardsMigration = `
CREATE TABLE boards (
	platform text COLLATE "C" NOT NULL,
	chat_id text COLLATE "C" NOT NULL,
	board jsonb NOT NULL,
	PRIMARY KEY (platform, chat_id)
);
`

// Boards are every chat's weekly board post, in any order.
func (db *DB) Boards() ([]record.Board, error) {
	rows, err := db.pool.Query(context.Background(), `SELECT board FROM boards`)
	if err != nil {
		return nil, db.wrap("boards", err)
	}
	var out []record.Board
	defer rows.Close()
	for rows.Next() {
		var raw []byte
		if err := rows.Scan(&raw); err != nil {
			return nil, db.wrap("boards", err)
		}
		var b record.Board
		if err := json.Unmarshal(raw, &b); err != nil {
			return nil, db.wrap("boards", err)
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, db.wrap("boards", err)
	}
	return out, nil
}

// queueBoard replaces a chat's weekly board post.
func queueBoard(b *pgx.Batch, r *record.Board) error {
	v, err := json.Marshal(r)
	if err != nil {
		return err
	}
	b.Queue(`INSERT INTO boards (platform, chat_id, board) VALUES ($1, $2, $3)
		ON CONFLICT (platform, chat_id) DO UPDATE SET board = excluded.board`, r.Platform, r.ChatID, string(v))
	return nil
}
