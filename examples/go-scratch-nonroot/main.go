// A web server that reports who it runs as. Built FROM scratch with a
// numeric USER, it answers "uid 10001", which is the point of the example:
// the process in the container is not root.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
)

// whoami describes the process: its user and group ids and the host name
// (in a container, the short container id).
func whoami(uid, gid int, hostname string) string {
	return fmt.Sprintf("uid %d gid %d on %s\n", uid, gid, hostname)
}

func newHandler(uid, gid int, hostname string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, whoami(uid, gid, hostname))
	})
	return mux
}

func main() {
	addr := flag.String("addr", ":3000", "address to listen on (a port above 1023: no root needed)")
	flag.Parse()

	hostname, err := os.Hostname()
	if err != nil {
		hostname = "unknown"
	}
	log.Printf("listening on %s as uid %d", *addr, os.Getuid())
	log.Fatal(http.ListenAndServe(*addr, newHandler(os.Getuid(), os.Getgid(), hostname)))
}
