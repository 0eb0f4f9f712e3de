# fidelity: match
# seed: cognito
# services: cognito-idp
# points: audit, many-services
import boto3

idp = boto3.client("cognito-idp")
for p in idp.list_user_pools(MaxResults=10)["UserPools"]:
    d = idp.describe_user_pool(UserPoolId=p["Id"])["UserPool"]
    pw = d["Policies"]["PasswordPolicy"]
    clients = idp.list_user_pool_clients(UserPoolId=p["Id"])["UserPoolClients"]
    users = idp.list_users(UserPoolId=p["Id"])["Users"]
    print(d["Name"], d["MfaConfiguration"], pw["MinimumLength"], pw["RequireSymbols"], [c["ClientName"] for c in clients],
          [(u["Username"], u["UserStatus"], u["Enabled"]) for u in users])
