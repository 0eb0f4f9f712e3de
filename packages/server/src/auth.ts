/**
 * Bearer-token authentication. Tokens are stored as SHA-256 digests and compared in constant time
 * against every principal (no early exit that would leak which one matched).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Principal } from "./config.js";

export class Authenticator {
  readonly #principals: { principal: Principal; digest: Buffer }[];

  constructor(principals: readonly Principal[]) {
    this.#principals = principals.map((p) => ({ principal: p, digest: Buffer.from(p.tokenSha256, "hex") }));
  }

  /** The principal whose token is in `authorization` (`Bearer <token>`), or null. */
  authenticate(authorization: string | undefined | null): Principal | null {
    const match = authorization?.match(/^Bearer\s+(\S{1,4096})$/i);
    if (!match?.[1]) return null;
    const digest = createHash("sha256").update(match[1]).digest();
    let found: Principal | null = null;
    for (const entry of this.#principals) {
      if (timingSafeEqual(entry.digest, digest)) found = entry.principal;
    }
    return found;
  }
}
