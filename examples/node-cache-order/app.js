// What the page shows: the version, the container's host name and the
// request headers. Kept apart from server.js so `node --test` can check the
// page without opening a port.
const os = require("node:os");

// The line the cache-order lab edits between builds.
const APP_VERSION = "1.0";

function escapeHtml(text) {
  return String(text)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

function describe(headers, hostname = os.hostname()) {
  return { version: APP_VERSION, hostname, headers };
}

function renderPage(template, info) {
  const rows = Object.entries(info.headers)
    .map(([name, value]) => `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(value)}</td></tr>`)
    .join("\n");
  return template
    .replace("{{version}}", escapeHtml(info.version))
    .replace("{{hostname}}", escapeHtml(info.hostname))
    .replace("{{headers}}", rows);
}

module.exports = { APP_VERSION, describe, renderPage };
