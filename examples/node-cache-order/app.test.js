const test = require("node:test");
const assert = require("node:assert/strict");
const { APP_VERSION, describe, renderPage } = require("./app.js");

test("the page shows the version and the container's host name", () => {
  const page = renderPage("v{{version}} on {{hostname}}", describe({}, "c0ffee123456"));
  assert.equal(page, `v${APP_VERSION} on c0ffee123456`);
});

test("request headers are listed and escaped", () => {
  const page = renderPage("{{headers}}", describe({ "user-agent": "<curl>" }, "h"));
  assert.equal(page, "<tr><td>user-agent</td><td>&lt;curl&gt;</td></tr>");
});
