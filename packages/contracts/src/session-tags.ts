/**
 * STS session tags the bridge sets when it assumes a sandbox role, and that the roles' trust policies
 * in `infra/` require (a trust policy that names another key makes every AssumeRole fail, only in a
 * real deployment).
 */

/** Session tag naming the agent (principal) a run acts for; required by the trust policy. */
export const AGENT_TAG_KEY = "runscript:agent";

/** Session tag naming the run; allowed by the trust policy, not sent (sessions are per principal). */
export const RUN_ID_TAG_KEY = "runscript:run-id";
