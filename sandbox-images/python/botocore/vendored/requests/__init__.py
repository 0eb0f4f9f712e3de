"""botocore.vendored.requests: only `exceptions` (bases of botocore's connection errors)."""
