# fidelity: match
# seed: config
# services: config
# points: audit
import boto3

cfg = boto3.client("config")
for r in cfg.describe_configuration_recorders()["ConfigurationRecorders"]:
    print(r["name"], r["recordingGroup"]["allSupported"], r["recordingGroup"]["includeGlobalResourceTypes"])
for s in cfg.describe_configuration_recorder_status()["ConfigurationRecordersStatus"]:
    print(s["name"], s["recording"], s.get("lastStatus"))
print([(c["name"], c["s3BucketName"]) for c in cfg.describe_delivery_channels()["DeliveryChannels"]])
print([(r["ConfigRuleName"], r["Source"]["SourceIdentifier"], r["ConfigRuleState"]) for r in cfg.describe_config_rules()["ConfigRules"]])
