# fidelity: match
# seed: elasticache
# services: elasticache
# points: audit, many-services
import boto3

ec = boto3.client("elasticache")
for c in ec.describe_cache_clusters()["CacheClusters"]:
    print(c["CacheClusterId"], c["Engine"], c["CacheNodeType"], c["NumCacheNodes"], c["CacheClusterStatus"],
          c.get("TransitEncryptionEnabled"), c.get("AtRestEncryptionEnabled"), c.get("AutoMinorVersionUpgrade"))
