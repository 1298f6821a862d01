package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func get(t *testing.T, path string) (int, string) {
	t.Helper()
	server := httptest.NewServer(newMux())
	defer server.Close()
	resp, err := http.Get(server.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return resp.StatusCode, string(body)
}

func TestGreetsByName(t *testing.T) {
	status, body := get(t, "/hello/docker")
	if status != http.StatusOK || body != "Hello, docker!\n" {
		t.Fatalf("got %d %q, want 200 %q", status, body, "Hello, docker!\n")
	}
}

func TestAsksForANameWhenMissing(t *testing.T) {
	if status, _ := get(t, "/hello/"); status != http.StatusBadRequest {
		t.Fatalf("got %d, want 400", status)
	}
}

func TestHealthz(t *testing.T) {
	if status, body := get(t, "/healthz"); status != http.StatusOK || body != "ok\n" {
		t.Fatalf("got %d %q, want 200 \"ok\\n\"", status, body)
	}
}

func TestUnknownPathIsNotFound(t *testing.T) {
	if status, _ := get(t, "/nope"); status != http.StatusNotFound {
		t.Fatalf("got %d, want 404", status)
	}
}
