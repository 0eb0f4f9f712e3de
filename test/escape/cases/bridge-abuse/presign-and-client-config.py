# runscript-escape-case
# description: presigning, endpoints and credentials cannot be chosen by the script
# expect-status: success
# expect-result: [false]
import boto3
out = []
for attempt in (lambda: boto3.client("s3").generate_presigned_url("get_object", Params={"Bucket": "b", "Key": "k"}),
                lambda: boto3.client("s3", endpoint_url="http://127.0.0.1:{LISTENER_PORT}"),
                lambda: boto3.client("s3", aws_access_key_id="AKIAX", aws_secret_access_key="x"),
                lambda: boto3.Session(profile_name="admin").client("s3")):
    try:
        attempt()
        out.append("allowed")
    except Exception as e:
        out.append(type(e).__name__)
["allowed" in out]
