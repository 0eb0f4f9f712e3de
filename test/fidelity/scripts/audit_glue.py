# fidelity: match
# seed: glue
# services: glue
# points: audit, many-services
import boto3

glue = boto3.client("glue")
for db in glue.get_databases()["DatabaseList"]:
    tables = glue.get_tables(DatabaseName=db["Name"])["TableList"]
    print(db["Name"], db.get("Description"), [(t["Name"], t.get("TableType"), t["StorageDescriptor"]["Location"],
                                                [c["Name"] for c in t["StorageDescriptor"]["Columns"]]) for t in tables])
for c in glue.get_crawlers()["Crawlers"]:
    print(c["Name"], c["State"], c["DatabaseName"], c["Targets"]["S3Targets"])
