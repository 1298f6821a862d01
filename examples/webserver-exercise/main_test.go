package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

func get(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

func TestServesTheCurrentContentOfAFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "message.txt")
	server := httptest.NewServer(newHandler(dir))
	defer server.Close()

	for _, message := range []string{"hello world\n", "I am standing on the moon\n"} {
		if err := os.WriteFile(file, []byte(message), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := get(t, server.URL+"/message.txt"); got != message {
			t.Errorf("GET /message.txt = %q, want %q", got, message)
		}
	}
}
