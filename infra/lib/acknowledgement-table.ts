/**
 * The cdk-nag acknowledgements as the Markdown section of docs/deploy.md. The code owns them (each
 * reason sits next to its resource); this module renders that section and splices it into the doc,
 * for `npm run acknowledgements -w infra` (which writes it) and the test that keeps it current.
 */
import { createRunscriptApp } from "./app.ts";
import { listAcknowledgements, type RecordedAcknowledgement } from "./compliance-checks.ts";

/** Context that turns off every secure default that has a setting (what the second table shows). */
export const SECURE_DEFAULTS_OFF: Readonly<Record<string, string>> = {
  vpcFlowLogs: "false",
  accessLogs: "false",
  pointInTimeRecovery: "false",
  containerInsights: "disabled",
};

/** The acknowledgements the doc lists, from the synthesized default app and the opt-out app. */
export function documentedAcknowledgements(): {
  defaults: RecordedAcknowledgement[];
  optOuts: RecordedAcknowledgement[];
} {
  const appProps = { builtinCloudFormationValidation: false };
  const build = (context: Record<string, string>) => {
    const { app } = createRunscriptApp({ ...appProps, context: { ...context, complianceChecks: "false" } });
    app.synth();
    return listAcknowledgements(app);
  };
  const defaults = build({});
  const key = (a: RecordedAcknowledgement) => `${a.path} ${a.finding}`;
  const inDefaults = new Set(defaults.map(key));
  const optOuts = build({ ...SECURE_DEFAULTS_OFF }).filter((a) => !inDefaults.has(key(a)));
  return { defaults, optOuts };
}

/** First line of the generated section. */
export const TABLE_START =
  "<!-- cdk-nag acknowledgements: generated from the code by `npm run acknowledgements -w infra`; do not edit -->";

/** Last line of the generated section. */
export const TABLE_END = "<!-- end of cdk-nag acknowledgements -->";

/** Thrown when the document lacks the markers of the generated section. */
export class MissingTableMarkersError extends Error {
  constructor() {
    super(`the document has no "${TABLE_START}" ... "${TABLE_END}" section to replace`);
    this.name = "MissingTableMarkersError";
  }
}

/** A construct path shown relative to its stack, without CDK's `/Resource` leaf. */
function resourceName(path: string): string {
  return path
    .split("/")
    .slice(1)
    .join("/")
    .replace(/\/Resource$/, "");
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

function table(acknowledgements: readonly RecordedAcknowledgement[]): string[] {
  return [
    "| resource | finding | reason |",
    "| --- | --- | --- |",
    ...acknowledgements.map(
      (a) => `| \`${cell(resourceName(a.path))}\` | \`${cell(a.finding)}\` | ${cell(a.reason)} |`,
    ),
  ];
}

/**
 * The generated section: the acknowledgements of the default deployment, then those that appear only
 * when an operator turns a secure default off.
 */
export function renderAcknowledgementSection(
  defaults: readonly RecordedAcknowledgement[],
  optOuts: readonly RecordedAcknowledgement[],
): string {
  return [
    TABLE_START,
    "",
    "With the default settings:",
    "",
    ...table(defaults),
    "",
    "Added only when a secure default is turned off by context (the reason names the setting):",
    "",
    ...table(optOuts),
    "",
    TABLE_END,
  ].join("\n");
}

/** `document` with its generated section replaced by `section`. */
export function replaceAcknowledgementSection(document: string, section: string): string {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start === -1 || end === -1 || end < start) throw new MissingTableMarkersError();
  return document.slice(0, start) + section + document.slice(end + TABLE_END.length);
}

/** The generated section currently in `document`, or `undefined` without markers. */
export function currentAcknowledgementSection(document: string): string | undefined {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start === -1 || end === -1 || end < start) return undefined;
  return document.slice(start, end + TABLE_END.length);
}
