# runscript-escape-case
# description: a call flood ends at the per-run call budget (the corpus runners set a 200-call budget)
# expect-status: success | timeout
# expect-result: true
import asyncio
from botocore.exceptions import ClientError
async def one():
    try:
        await call_boto3("s3", "ListBuckets")
        return "ok"
    except ClientError as e:
        return e.response["Error"]["Code"]
results = await asyncio.gather(*[one() for _ in range(300)])
"CallBudgetExceeded" in results
