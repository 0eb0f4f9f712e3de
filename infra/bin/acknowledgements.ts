/**
 * Prints the cdk-nag acknowledgements section of docs/deploy.md, generated from the code; with
 * `--write`, replaces that section in docs/deploy.md. (`npm run acknowledgements -w infra`)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  documentedAcknowledgements,
  renderAcknowledgementSection,
  replaceAcknowledgementSection,
} from "../lib/acknowledgement-table.ts";

const { defaults, optOuts } = documentedAcknowledgements();
const section = renderAcknowledgementSection(defaults, optOuts);
if (process.argv.includes("--write")) {
  const docPath = resolve(import.meta.dirname, "..", "..", "docs", "deploy.md");
  writeFileSync(docPath, replaceAcknowledgementSection(readFileSync(docPath, "utf8"), section));
  process.stdout.write(`docs/deploy.md: ${defaults.length} + ${optOuts.length} acknowledgements\n`);
} else {
  process.stdout.write(`${section}\n`);
}
