"""Audit every S3 bucket for public access, concurrently, and return a report.

For each bucket it asks three questions (3 bridged calls per bucket, run concurrently):
  - is Block Public Access fully on?              (GetPublicAccessBlock)
  - does the bucket policy make it public?        (GetBucketPolicyStatus)
  - does the ACL grant AllUsers/AuthenticatedUsers? (GetBucketAcl)

Run it: `runscript run examples/s3-public-access-audit.py` (your AWS credentials, read-only), or with no
AWS account: `runscript run --local-aws 20 examples/s3-public-access-audit.py`; or send it as the MCP
`run_script` tool's `code`.
"""

import asyncio

from botocore.exceptions import ClientError

PUBLIC_GROUPS = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)


async def optional(operation, bucket, missing_code):
    """Calls an operation; a `missing_code` error means "not configured" and gives None."""
    try:
        return await call_boto3("s3", operation, params={"Bucket": bucket})  # noqa: F821 (injected)
    except ClientError as error:
        if error.response["Error"]["Code"] == missing_code:
            return None
        raise


async def audit(bucket):
    block, policy, acl = await asyncio.gather(
        optional("GetPublicAccessBlock", bucket, "NoSuchPublicAccessBlockConfiguration"),
        optional("GetBucketPolicyStatus", bucket, "NoSuchBucketPolicy"),
        call_boto3("s3", "GetBucketAcl", params={"Bucket": bucket}),  # noqa: F821
    )
    config = (block or {}).get("PublicAccessBlockConfiguration", {})
    fully_blocked = bool(config) and all(config.get(k) for k in (
        "BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"))
    public_policy = bool((policy or {}).get("PolicyStatus", {}).get("IsPublic"))
    public_acl = any(g.get("Grantee", {}).get("URI") in PUBLIC_GROUPS for g in acl.get("Grants", []))
    # Effective exposure, as S3 evaluates it: IgnorePublicAcls neutralizes public ACL grants and
    # RestrictPublicBuckets neutralizes a public policy.
    via = []
    if public_acl and not config.get("IgnorePublicAcls"):
        via.append("acl")
    if public_policy and not config.get("RestrictPublicBuckets"):
        via.append("policy")
    findings = []
    if not fully_blocked:
        findings.append("block-public-access-not-fully-enabled")
    if public_policy:
        findings.append("public-bucket-policy")
    if public_acl:
        findings.append("public-acl-grant")
    return {"bucket": bucket, "public": bool(via), "public_via": via, "findings": findings}


buckets = [b["Name"] for b in (await call_boto3("s3", "ListBuckets")).get("Buckets", [])]  # noqa: F821
results = await asyncio.gather(*(audit(b) for b in buckets))  # noqa: F704
public = sorted(r["bucket"] for r in results if r["public"])
{
    "buckets": len(results),
    "public": public,
    "public_count": len(public),
    "without_full_block": sorted(r["bucket"] for r in results if "block-public-access-not-fully-enabled" in r["findings"]),
    "details": sorted(results, key=lambda r: r["bucket"]),
}
