package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestAnswersWithTheUserItRunsAs(t *testing.T) {
	server := httptest.NewServer(newHandler(10001, 10001, "c0ffee123456"))
	defer server.Close()

	res, err := http.Get(server.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(body), "uid 10001 gid 10001 on c0ffee123456\n"; got != want {
		t.Errorf("body = %q, want %q", got, want)
	}
}
