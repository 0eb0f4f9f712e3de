"""botocore.vendored: only the exception classes botocore's connection errors derive from."""
