/**
 * The oracle's Python: the interpreter that has real boto3, moto (with its server) and freezegun.
 * A missing oracle is a loud failure, never a skip: `scripts/dev test` installs what is missing.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The modules the oracle imports (moto's server needs flask and flask_cors). */
export const ORACLE_MODULES = [
  "boto3",
  "botocore",
  "moto",
  "moto.server",
  "freezegun",
  "flask",
  "flask_cors",
];

const VENV_PYTHON = fileURLToPath(new URL("../../../.tools/fidelity-venv/bin/python3", import.meta.url));

export class OracleMissing extends Error {
  override readonly name = "OracleMissing";
}

const VersionsSchema = z.object({
  python: z.string(),
  boto3: z.string(),
  botocore: z.string(),
  moto: z.string(),
});
export type OracleVersions = z.infer<typeof VersionsSchema>;

/**
 * The interpreter to use: `FIDELITY_PYTHON` if set, else the venv `scripts/dev test` makes when the
 * machine's Python lacks the oracle, else `python3`.
 */
export function oraclePython(): string {
  const chosen = process.env.FIDELITY_PYTHON;
  if (chosen) return chosen;
  return existsSync(VENV_PYTHON) ? VENV_PYTHON : "python3";
}

/** Checks that the oracle can be imported; throws `OracleMissing` saying how to install it. */
export function checkOracle(python: string = oraclePython()): OracleVersions {
  const probe = [
    "import importlib, json, sys",
    `mods = ${JSON.stringify(ORACLE_MODULES)}`,
    "missing = []",
    "for m in mods:",
    "    try: importlib.import_module(m)",
    "    except Exception as e: missing.append(f'{m} ({type(e).__name__}: {e})')",
    "if missing: print('missing: ' + '; '.join(missing)); sys.exit(3)",
    "import boto3, botocore, moto",
    "print(json.dumps({'python': sys.version.split()[0], 'boto3': boto3.__version__, 'botocore': botocore.__version__, 'moto': moto.__version__}))",
  ].join("\n");
  const probeRun = spawnSync(python, ["-c", probe], { encoding: "utf8", timeout: 120_000 });
  const how =
    "Install it with `scripts/dev test` (it pip-installs boto3, moto[server] and freezegun where missing) " +
    "or `pip install 'moto[server]>=5.2,<6' boto3 freezegun`, or point FIDELITY_PYTHON at an interpreter that has them.";
  if (probeRun.error)
    throw new OracleMissing(`the boto3 oracle needs Python (${python}): ${probeRun.error.message}. ${how}`);
  if (probeRun.status !== 0) {
    const why = (probeRun.stdout + probeRun.stderr).trim().slice(-2000);
    throw new OracleMissing(`the boto3 oracle is missing from ${python}: ${why}. ${how}`);
  }
  return VersionsSchema.parse(JSON.parse(probeRun.stdout));
}

/** The environment of an oracle process: the machine's, minus any AWS setting, plus `extra`. */
export function oracleEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("AWS_") && !key.startsWith("BOTO_") && !key.startsWith("MOTO_")) env[key] = value;
  }
  return {
    ...env,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/nonexistent/fidelity-aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/fidelity-aws-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
    PYTHONDONTWRITEBYTECODE: "1",
    PYTHONUNBUFFERED: "1",
    PYTHONHASHSEED: "0",
    TZ: "UTC",
    ...extra,
  };
}

/** A file of `test/fidelity/python/`. */
export function pythonFile(name: string): string {
  return fileURLToPath(new URL(`../python/${name}`, import.meta.url));
}
