/**
 * Deterministic bucket seeding plans: N buckets with mixed security settings, derived from a seed,
 * plus the expected per-bucket truth an audit report can be checked against.
 */
import {
  type BucketAcl,
  type BucketSecurity,
  effectivePublicity,
  type PublicAccessBlock,
  type PublicVia,
} from "./bucket-security.js";

/** Largest N for one seeding call. */
export const MAX_SEED_BUCKETS = 1000;

/**
 * The kinds of seeded bucket:
 * - `blocked`: public-access block fully on, private ACL, no or private policy. Not public.
 * - `public-acl`: no block (absent or all off), ACL granting AllUsers or AuthenticatedUsers. Public.
 * - `public-policy`: no block (absent or all off), public bucket policy, private ACL. Public.
 * - `no-pab`: no public-access-block configuration at all, private ACL, no or private policy. Not public.
 */
export type SeedBucketKind = "blocked" | "public-acl" | "public-policy" | "no-pab";

const KINDS: readonly SeedBucketKind[] = ["blocked", "public-acl", "public-policy", "no-pab"];

/** Expected truth about one seeded bucket. */
export interface BucketTruth {
  bucket: string;
  kind: SeedBucketKind;
  security: BucketSecurity;
  /** Whether the bucket is effectively public (see `effectivePublicity`). */
  isPublic: boolean;
  publicVia: PublicVia[];
}

/** mulberry32: small deterministic PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

const ALL_ON: PublicAccessBlock = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const ALL_OFF: PublicAccessBlock = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};
const PUBLIC_ACLS: readonly BucketAcl[] = ["public-read", "public-read-write", "authenticated-read"];

function securityFor(kind: SeedBucketKind, rand: () => number): BucketSecurity {
  switch (kind) {
    case "blocked":
      return {
        publicAccessBlock: { ...ALL_ON },
        acl: "private",
        policy: pick(rand, ["none", "private"] as const),
      };
    case "public-acl":
      return {
        publicAccessBlock: rand() < 0.5 ? null : { ...ALL_OFF },
        acl: pick(rand, PUBLIC_ACLS),
        policy: "none",
      };
    case "public-policy":
      return { publicAccessBlock: rand() < 0.5 ? null : { ...ALL_OFF }, acl: "private", policy: "public" };
    case "no-pab":
      return { publicAccessBlock: null, acl: "private", policy: pick(rand, ["none", "private"] as const) };
  }
}

/**
 * Plans `n` buckets from `seed`. The same (n, seed) always gives the same plan. When `n >= 4`,
 * every kind appears at least once (the first four buckets are a seeded permutation of the kinds).
 * Names are `rs-seed<seed>-<index>-<kind>` (valid S3 bucket names).
 */
export function planSeedBuckets(n: number, seed: number): BucketTruth[] {
  const rand = mulberry32(seed);
  const firstKinds = [...KINDS];
  for (let i = firstKinds.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [firstKinds[i], firstKinds[j]] = [firstKinds[j]!, firstKinds[i]!];
  }
  const out: BucketTruth[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i < firstKinds.length ? firstKinds[i]! : pick(rand, KINDS);
    const security = securityFor(kind, rand);
    const { isPublic, publicVia } = effectivePublicity(security);
    out.push({
      bucket: `rs-seed${seed}-${String(i).padStart(3, "0")}-${kind}`,
      kind,
      security,
      isPublic,
      publicVia,
    });
  }
  return out;
}
