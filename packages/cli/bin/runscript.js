#!/usr/bin/env node
// Committed shim so the `runscript` bin exists at install time (the build creates dist/ later).
import "../dist/main.js";
