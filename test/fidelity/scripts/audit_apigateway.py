# fidelity: match
# seed: apigateway
# services: apigateway
# points: audit, many-services
import boto3

api = boto3.client("apigateway")
for rest in api.get_rest_apis()["items"]:
    stages = api.get_stages(restApiId=rest["id"])["item"]
    print(rest["name"], rest["endpointConfiguration"]["types"], rest.get("description"),
          [(s["stageName"], s.get("tracingEnabled"), s.get("methodSettings")) for s in stages])
    for r in api.get_resources(restApiId=rest["id"])["items"]:
        for method in sorted(r.get("resourceMethods", {})):
            m = api.get_method(restApiId=rest["id"], resourceId=r["id"], httpMethod=method)
            print("  ", r["path"], method, m["authorizationType"], m.get("apiKeyRequired"))
