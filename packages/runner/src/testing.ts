/** `@runscript/runner/testing`: test doubles for code built on the runner's ports. */
export { ManualClock } from "./manual-clock.js";
