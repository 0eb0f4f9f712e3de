/**
 * The JS heap cap of a Python sandbox's isolate, on top of the run's wasm (Python) memory cap. The
 * sandbox process sets it on every isolate it boots; the pool adds it to the RSS a process may reach
 * during a run before it is killed.
 */
export const ISOLATE_JS_HEAP_MB = 192;
