package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/bot"
)

// maxDownload caps a document the adapter downloads for an import.
const maxDownload = 10 << 20

var errTooBig = fmt.Errorf("the document is larger than %d MB", maxDownload>>20)

// attach downloads doc into m.File. When that fails (too big, network),
// m goes to the hub without a file and the hub answers; the adapter
// itself only logs.
func (a *Adapter) attach(ctx context.Context, m *bot.Message, doc *models.Document) {
	f, err := a.download(ctx, doc)
	if err != nil {
		a.log.Warn("import: document not downloaded; the hub gets the import without a file",
			"chat", m.ChatID, "file", doc.FileName, "size", doc.FileSize, "err", err)
		return
	}
	m.File = f
}

// download fetches a document with getFile and the file URL
// (APIURL/file/bot<token>/<file_path>), at most maxDownload bytes.
// Errors never show the token.
func (a *Adapter) download(ctx context.Context, doc *models.Document) (*bot.File, error) {
	if doc.FileSize > maxDownload {
		return nil, errTooBig
	}
	f, err := a.api.GetFile(ctx, &tgbot.GetFileParams{FileID: doc.FileID})
	if err != nil {
		return nil, a.redactErr("getFile", err)
	}
	if f.FileSize > maxDownload {
		return nil, errTooBig
	}
	if f.FilePath == "" {
		return nil, errors.New("telegram: getFile gave no file_path")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.api.FileDownloadLink(f), nil)
	if err != nil {
		return nil, a.redactErr("download", err)
	}
	resp, err := a.files.Do(req)
	if err != nil {
		return nil, a.redactErr("download", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("telegram: download: HTTP %s", resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxDownload+1))
	if err != nil {
		return nil, a.redactErr("download", err)
	}
	if len(data) > maxDownload {
		return nil, errTooBig
	}
	name := doc.FileName
	if name == "" {
		name = path.Base(f.FilePath)
	}
	mime := doc.MimeType
	if mime == "" {
		mime = "application/octet-stream"
	}
	return &bot.File{Name: name, MIME: mime, Data: data}, nil
}
