# fidelity: match
# seed: sns
# services: sns
# points: error-sns-not-found, error-modeled-exceptions
import boto3
from botocore.exceptions import ClientError

sns = boto3.client("sns")
for arn in ["arn:aws:sns:us-east-1:123456789012:ops-alerts", "arn:aws:sns:us-east-1:123456789012:gone"]:
    try:
        attrs = sns.get_topic_attributes(TopicArn=arn)["Attributes"]
        print(arn.split(":")[-1], attrs["SubscriptionsConfirmed"], attrs["SubscriptionsPending"])
    except sns.exceptions.NotFoundException as e:
        print("NotFoundException:", e.response["Error"]["Code"], e.response["Error"]["Message"])
    except ClientError as e:
        print("other", e.response["Error"]["Code"])
