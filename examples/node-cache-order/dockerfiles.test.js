// The images cannot be built without node:24-alpine from a registry, so these tests check offline what
// would break the lesson: every file a Dockerfile copies exists and reaches the build context, and the
// two Dockerfiles really differ in the order the lesson is about.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const read = (name) => fs.readFileSync(path.join(__dirname, name), "utf8");
const instructions = (name) =>
  read(name)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
const ignored = read(".dockerignore").split("\n").filter(Boolean);

test("every file the good-order Dockerfile copies exists and is not ignored", () => {
  const sources = instructions("Dockerfile.good-order")
    .filter((line) => line.startsWith("COPY "))
    .flatMap((line) => line.split(/\s+/).slice(1, -1));
  assert.ok(sources.length > 0);
  for (const source of sources) {
    assert.ok(fs.existsSync(path.join(__dirname, source)), `${source} is missing`);
    assert.ok(!ignored.includes(source), `${source} is in .dockerignore`);
  }
});

test("good order installs before the sources arrive; bad order copies everything first", () => {
  const good = instructions("Dockerfile.good-order");
  const bad = instructions("Dockerfile.bad-order");
  const install = (lines) => lines.findIndex((line) => line.startsWith("RUN npm install"));
  const copyOf = (lines, what) => lines.findIndex((line) => line.startsWith("COPY ") && line.includes(what));
  assert.ok(copyOf(good, "package.json") < install(good));
  assert.ok(install(good) < copyOf(good, "app.js"));
  assert.ok(copyOf(bad, ". .") < install(bad));
});
