# fidelity: match
# seed: firehose
# services: firehose
# points: audit, many-services
import boto3

fh = boto3.client("firehose")
for name in fh.list_delivery_streams()["DeliveryStreamNames"]:
    d = fh.describe_delivery_stream(DeliveryStreamName=name)["DeliveryStreamDescription"]
    dest = d["Destinations"][0]
    s3 = dest.get("ExtendedS3DestinationDescription") or dest.get("S3DestinationDescription")
    print(name, d["DeliveryStreamStatus"], d["DeliveryStreamType"], s3["BucketARN"], s3.get("Prefix"),
          s3["BufferingHints"], d.get("DeliveryStreamEncryptionConfiguration"))
