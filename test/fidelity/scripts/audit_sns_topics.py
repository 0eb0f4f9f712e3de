# fidelity: match
# seed: sns
# services: sns
# points: audit
import boto3

sns = boto3.client("sns")
for t in sns.list_topics()["Topics"]:
    arn = t["TopicArn"]
    attrs = sns.get_topic_attributes(TopicArn=arn)["Attributes"]
    subs = sns.list_subscriptions_by_topic(TopicArn=arn)["Subscriptions"]
    print(arn.split(":")[-1], attrs.get("KmsMasterKeyId", "UNENCRYPTED"), attrs.get("FifoTopic", "false"),
          sorted((s["Protocol"], s["Endpoint"]) for s in subs))
print(len(sns.list_subscriptions()["Subscriptions"]))
