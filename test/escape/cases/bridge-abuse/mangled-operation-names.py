# runscript-escape-case
# description: unknown and mangled service/operation names are refused with suggestions
# expect-status: success
# expect-result: [true, true, true, true, true, true]
from botocore.exceptions import ClientError
out = []
for service, op in [("s3", "ListBucketz"), ("s3", "__proto__"), ("s3", "constructor"), ("s4", "ListBuckets"), ("s3", "ListBuckets; rm -rf /"), ("../s3", "ListBuckets")]:
    try:
        await call_boto3(service, op)
        out.append("called")
    except ClientError as e:
        out.append(e.response["Error"]["Code"])
    except Exception as e:
        out.append(type(e).__name__)
[o != "called" for o in out]
