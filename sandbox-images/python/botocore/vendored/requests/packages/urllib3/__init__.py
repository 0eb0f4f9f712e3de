"""botocore.vendored.requests.packages.urllib3: only `exceptions`."""
