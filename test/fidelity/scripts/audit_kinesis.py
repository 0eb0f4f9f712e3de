# fidelity: pending #11 every kinesis call fails: InternalError "Protocol error" from the bridge
# seed: kinesis
# services: kinesis
# points: audit, many-services
import boto3

k = boto3.client("kinesis")
for name in k.list_streams()["StreamNames"]:
    s = k.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]
    print(name, s["StreamStatus"], s["EncryptionType"], s.get("KeyId"), s["OpenShardCount"], s["RetentionPeriodHours"],
          repr(s["StreamCreationTimestamp"]))
    print(k.list_tags_for_stream(StreamName=name)["Tags"])
shards = k.list_shards(StreamName="clicks")["Shards"]
print([(s["ShardId"], s["HashKeyRange"]["StartingHashKey"][:6]) for s in shards])
