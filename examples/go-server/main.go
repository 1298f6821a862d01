// Command go-server answers GET /hello/NAME with a greeting, GET /healthz with
// "ok", and serves nothing else. Standard library only, so the module needs no
// downloads and builds the same inside and outside a container.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"
)

// newMux wires the routes; main and the tests share it.
func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/hello/", func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/hello/")
		if name == "" {
			http.Error(w, "say who to greet: /hello/NAME", http.StatusBadRequest)
			return
		}
		fmt.Fprintf(w, "Hello, %s!\n", name)
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	return mux
}

func main() {
	addr := ":8080"
	if port := os.Getenv("PORT"); port != "" {
		addr = ":" + port
	}
	log.Printf("go-server listening on %s", addr)
	log.Fatal(http.ListenAndServe(addr, newMux()))
}
