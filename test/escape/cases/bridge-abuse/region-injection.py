# runscript-escape-case
# description: regions meant to redirect signed requests elsewhere are refused
# expect-status: success
# expect-result: [true, true, true, true, true]
from botocore.exceptions import ClientError
out = []
for region in ["x@evil.example:443/#", "us-east-1.evil.example", "us-east-1/../../", "127.0.0.1:{LISTENER_PORT}", "us-east-1\r\nHost: evil"]:
    try:
        await call_boto3("s3", "ListBuckets", region_name=region)
        out.append("called")
    except ClientError as e:
        out.append(e.response["Error"]["Code"])
    except Exception as e:
        out.append(type(e).__name__)
[o != "called" for o in out]
