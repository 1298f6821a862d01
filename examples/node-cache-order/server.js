// Serves the page on the port given as the first argument (3000 by default).
// GET /version answers the bare version, handy for `curl` after a rebuild.
const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");
const { APP_VERSION, describe, renderPage } = require("./app.js");

const port = Number(process.argv[2] ?? 3000);
const template = fs.readFileSync(path.join(__dirname, "index.html"), "utf8");

const server = http.createServer((req, res) => {
  if (req.url === "/version") {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(`${APP_VERSION}\n`);
    return;
  }
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end(renderPage(template, describe(req.headers)));
});

server.listen(port, () => console.log(`node-cache-order ${APP_VERSION} listening on port ${port}`));

// Containers get SIGTERM on `docker stop`: close at once instead of waiting 10 s for SIGKILL.
process.on("SIGTERM", () => server.close(() => process.exit(0)));
