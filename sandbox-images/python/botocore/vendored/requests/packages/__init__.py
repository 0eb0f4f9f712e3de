"""botocore.vendored.requests.packages: only urllib3's exceptions."""
