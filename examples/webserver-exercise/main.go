// A web server that serves the files of one folder. Every request reads the
// file from disk again, so an edit on the host shows up at once when the
// folder is bind-mounted into the container.
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
)

// newHandler serves dir read-only: GET /message.txt answers dir/message.txt,
// GET / lists the folder.
func newHandler(dir string) http.Handler {
	return http.FileServer(http.Dir(dir))
}

func main() {
	dir := flag.String("dir", "/app/input", "folder to serve")
	addr := flag.String("addr", ":8080", "address to listen on")
	flag.Parse()

	if info, err := os.Stat(*dir); err != nil || !info.IsDir() {
		log.Fatalf("cannot serve %s: it is not a folder (mount one there, or pass -dir)", *dir)
	}
	log.Printf("serving %s on %s", *dir, *addr)
	log.Fatal(http.ListenAndServe(*addr, newHandler(*dir)))
}
