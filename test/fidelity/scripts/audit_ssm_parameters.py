# fidelity: match
# seed: ssm
# services: ssm
# points: audit, many-services
import boto3

ssm = boto3.client("ssm")
for p in ssm.get_paginator("describe_parameters").paginate().build_full_result()["Parameters"]:
    print(p["Name"], p["Type"], p.get("Tier"), p["Version"], p.get("Description"), repr(p["LastModifiedDate"]))
params = ssm.get_parameters_by_path(Path="/app/prod", Recursive=True)["Parameters"]
print([(p["Name"], p["Type"], p["Value"] if p["Type"] != "SecureString" else "***") for p in params])
print(ssm.get_parameter(Name="/app/prod/db-host")["Parameter"]["Value"])
try:
    ssm.get_parameter(Name="/app/none")
except ssm.exceptions.ParameterNotFound as e:
    print(e.response["Error"]["Code"])
