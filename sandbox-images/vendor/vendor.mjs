// Image build step: the pure-Python packages scripts expect (python-dateutil, jmespath, ...), taken from
// Debian's pinned .deb files. Reproducible: every package is pinned by version, URL and sha256 in
// packages.json; a download is cached and re-verified on every build; any mismatch fails the build.
//
// Only `usr/lib/python3/dist-packages/<module>` files named in packages.json are taken, plus the
// package's Debian copyright file (its license). Nothing is executed at build time except our own
// parsers (ar, tar) and `xz -dc` for the .deb's data archive.
//
// Used by sandbox-images/build.mjs; also runnable alone to pre-fill the cache:
//   node sandbox-images/vendor/vendor.mjs [--cache DIR]
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, zstdDecompressSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const DIST = "usr/lib/python3/dist-packages/";
const SHA256 = /^[0-9a-f]{64}$/;

/** Where downloads are cached: $RUNSCRIPT_VENDOR_CACHE, else sandbox-images/.cache/debs. */
export function defaultCacheDir() {
  return process.env.RUNSCRIPT_VENDOR_CACHE || join(here, "..", ".cache", "debs");
}

function fail(message) {
  throw new Error(`sandbox image vendor step: ${message}`);
}

function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Reads and checks packages.json (the lock). */
export function readLock(path = join(here, "packages.json")) {
  const lock = JSON.parse(readFileSync(path, "utf8"));
  if (!Array.isArray(lock.packages)) fail(`${path}: "packages" must be a list`);
  for (const p of lock.packages) {
    for (const key of ["name", "version", "deb", "debVersion", "url", "sha256", "license"]) {
      if (typeof p[key] !== "string" || p[key] === "") fail(`${path}: package ${p.name}: "${key}" missing`);
    }
    if (!SHA256.test(p.sha256)) fail(`${path}: package ${p.name}: sha256 must be 64 lowercase hex digits`);
    if (!p.url.startsWith("https://deb.debian.org/") || !p.url.endsWith(".deb"))
      fail(`${path}: package ${p.name}: url must be a .deb on https://deb.debian.org/`);
    if (!Array.isArray(p.modules) || p.modules.length === 0) fail(`${path}: package ${p.name}: no modules`);
    for (const m of p.modules) {
      if (typeof m !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*(\.py)?$/.test(m))
        fail(`${path}: package ${p.name}: bad module name ${m}`);
    }
  }
  return lock.packages;
}

/** The .deb of `entry`, from the cache or downloaded, always checked against the pinned sha256. */
export async function fetchDeb(entry, cacheDir = defaultCacheDir()) {
  const file = join(cacheDir, `${entry.deb}_${entry.debVersion}_all.deb`);
  if (existsSync(file)) {
    const cached = readFileSync(file);
    if (sha256(cached) === entry.sha256) return cached;
    fail(
      `cached ${file} has sha256 ${sha256(cached)}, packages.json pins ${entry.sha256}; ` +
        "delete the cached file to download it again",
    );
  }
  let response;
  try {
    response = await fetch(entry.url, { signal: AbortSignal.timeout(120_000) });
  } catch (cause) {
    fail(
      `cannot download ${entry.url} (${cause instanceof Error ? cause.message : cause}); ` +
        `put the file in ${cacheDir} by hand or set RUNSCRIPT_VENDOR_CACHE`,
    );
  }
  if (!response.ok) fail(`downloading ${entry.url}: HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const got = sha256(bytes);
  if (got !== entry.sha256) fail(`${entry.url} has sha256 ${got}, packages.json pins ${entry.sha256}`);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(`${file}.part`, bytes);
  renameSync(`${file}.part`, file);
  return bytes;
}

/** The members of an `ar` archive (a .deb is one). */
function readAr(bytes) {
  if (bytes.subarray(0, 8).toString("latin1") !== "!<arch>\n") fail("not an ar archive (.deb)");
  const members = new Map();
  let at = 8;
  while (at + 60 <= bytes.length) {
    const name = bytes
      .subarray(at, at + 16)
      .toString("latin1")
      .trim()
      .replace(/\/$/, "");
    const size = Number.parseInt(
      bytes
        .subarray(at + 48, at + 58)
        .toString("latin1")
        .trim(),
      10,
    );
    if (!Number.isFinite(size) || size < 0 || at + 60 + size > bytes.length) fail("truncated ar archive");
    members.set(name, bytes.subarray(at + 60, at + 60 + size));
    at += 60 + size + (size % 2);
  }
  return members;
}

function decompress(name, bytes) {
  if (name.endsWith(".xz")) {
    const out = spawnSync("xz", ["-dc"], { input: bytes, maxBuffer: 256 * 1024 * 1024 });
    if (out.error || out.status !== 0)
      fail(`xz -dc failed (${out.error?.message ?? out.stderr.toString()}); install xz-utils`);
    return out.stdout;
  }
  if (name.endsWith(".zst")) return zstdDecompressSync(bytes);
  if (name.endsWith(".gz")) return gunzipSync(bytes);
  if (name.endsWith(".tar")) return bytes;
  return fail(`unsupported data archive ${name}`);
}

/** Regular files of a tar archive (ustar, with GNU long names and pax paths): path -> bytes. */
function readTar(bytes) {
  const files = new Map();
  let at = 0;
  let longName = null;
  const text = (from, len) => {
    const raw = bytes.subarray(from, from + len);
    const end = raw.indexOf(0);
    return raw.subarray(0, end === -1 ? len : end).toString("utf8");
  };
  while (at + 512 <= bytes.length) {
    if (bytes.subarray(at, at + 512).every((b) => b === 0)) break;
    const size = Number.parseInt(text(at + 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(bytes[at + 156] || 48);
    const prefix = text(at + 345, 155);
    let path = longName ?? (prefix ? `${prefix}/${text(at, 100)}` : text(at, 100));
    longName = null;
    const body = bytes.subarray(at + 512, at + 512 + size);
    if (type === "L") longName = body.toString("utf8").replace(/\0+$/, "");
    else if (type === "x") {
      const m = /\d+ path=([^\n]*)\n/.exec(body.toString("utf8"));
      if (m) longName = m[1];
    } else if (type === "0" || type === "\0") {
      path = path.replace(/^\.\//, "");
      files.set(path, Buffer.from(body));
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** Python files (relative to site-packages) and the Debian copyright text of one package. */
export function extractPackage(entry, debBytes) {
  const members = readAr(debBytes);
  const dataName = [...members.keys()].find((n) => n.startsWith("data.tar"));
  if (!dataName) fail(`${entry.deb}: no data.tar.* in the .deb`);
  const tar = readTar(decompress(dataName, members.get(dataName)));
  const files = {};
  const exclude = new Set(entry.exclude ?? []);
  for (const [path, body] of tar) {
    if (!path.startsWith(DIST) || !path.endsWith(".py")) continue;
    const rel = path.slice(DIST.length);
    const top = rel.includes("/") ? rel.slice(0, rel.indexOf("/")) : rel;
    if (!entry.modules.includes(top) || exclude.has(rel)) continue;
    files[rel] = body.toString("utf8");
  }
  for (const m of entry.modules) {
    if (!Object.keys(files).some((f) => f === m || f.startsWith(`${m}/`)))
      fail(`${entry.deb}: module ${m} not found under /${DIST}`);
  }
  const copyright = tar.get(`usr/share/doc/${entry.deb}/copyright`);
  if (!copyright) fail(`${entry.deb}: no usr/share/doc/${entry.deb}/copyright (license) in the .deb`);
  return { files, copyright: copyright.toString("utf8") };
}

/**
 * Every vendored package: `files` (path relative to the sandbox's library dir -> Python source),
 * `licenses` (package name -> Debian copyright text) and `manifest` (what was taken from where).
 */
export async function vendorPythonFiles({ cacheDir = defaultCacheDir(), lockPath } = {}) {
  const files = {};
  const licenses = {};
  const manifest = [];
  for (const entry of readLock(lockPath)) {
    const deb = await fetchDeb(entry, cacheDir);
    const extracted = extractPackage(entry, deb);
    for (const [rel, source] of Object.entries(extracted.files)) {
      if (rel in files) fail(`${entry.name}: ${rel} is also shipped by another package`);
      files[rel] = source;
    }
    licenses[entry.name] = extracted.copyright;
    manifest.push({
      name: entry.name,
      version: entry.version,
      deb: `${entry.deb}_${entry.debVersion}_all.deb`,
      url: entry.url,
      sha256: entry.sha256,
      license: entry.license,
      files: Object.keys(extracted.files).sort(),
    });
  }
  return { files, licenses, manifest };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf("--cache");
  const cacheDir = i > 0 ? process.argv[i + 1] : defaultCacheDir();
  const { manifest } = await vendorPythonFiles({ cacheDir });
  for (const m of manifest)
    process.stdout.write(`${m.name} ${m.version}: ${m.files.length} files (${m.deb})\n`);
}
