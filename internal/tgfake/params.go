package tgfake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
)

// File is a file uploaded in a call.
type File struct {
	Name string
	Data []byte
}

// readParams reads a Bot API request's parameters from its query string
// and its drained body: multipart/form-data (what go-telegram/bot sends),
// form-urlencoded or JSON.
func readParams(r *http.Request, body []byte) (map[string]string, map[string]File, error) {
	fields, files := map[string]string{}, map[string]File{}
	for k, v := range r.URL.Query() {
		fields[k] = v[0]
	}
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if len(body) == 0 {
		return fields, files, nil // a method without parameters: the client sends no parts at all
	}
	switch ct {
	case "multipart/form-data":
		form, err := multipart.NewReader(bytes.NewReader(body), params["boundary"]).ReadForm(64 << 20)
		if err != nil {
			return nil, nil, fmt.Errorf("multipart: %w", err)
		}
		defer form.RemoveAll()
		for k, v := range form.Value {
			fields[k] = v[0]
		}
		for k, hs := range form.File {
			fh, err := hs[0].Open()
			if err != nil {
				return nil, nil, err
			}
			data, err := io.ReadAll(fh)
			fh.Close()
			if err != nil {
				return nil, nil, err
			}
			files[k] = File{Name: hs[0].Filename, Data: data}
		}
	case "application/x-www-form-urlencoded":
		vals, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, nil, err
		}
		for k, v := range vals {
			fields[k] = v[0]
		}
	case "application/json":
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil {
			return nil, nil, err
		}
		for k, v := range m {
			var s string
			if json.Unmarshal(v, &s) == nil {
				fields[k] = s
			} else {
				fields[k] = string(v)
			}
		}
	default:
		return nil, nil, fmt.Errorf("%w %q", errUnexpectedType, ct)
	}
	return fields, files, nil
}

var errUnexpectedType = errors.New("unexpected Content-Type")
