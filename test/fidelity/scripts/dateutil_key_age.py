# fidelity: pending #12 no time-zone database in the sandbox: tz.gettz("Europe/Paris") is None (README: Packages)
# seed: iam, acm
# services: iam, acm
# points: dateutil, timestamps
from datetime import datetime

import boto3
from dateutil import parser, tz
from dateutil.relativedelta import relativedelta

now = parser.parse("2024-11-06T07:08:09Z")
print(repr(now), now.tzinfo == tz.tzutc())
iam = boto3.client("iam")
for user in iam.list_users()["Users"]:
    for key in iam.list_access_keys(UserName=user["UserName"])["AccessKeyMetadata"]:
        age = relativedelta(now, key["CreateDate"])
        print(user["UserName"], key["Status"], f"{age.months} months {age.days} days", age.months >= 3)
created = iam.get_user(UserName="carol")["User"]["CreateDate"]
print(created.astimezone(tz.gettz("Europe/Paris")).isoformat())
print((created + relativedelta(days=+90)).date(), created.tzname())
print(parser.isoparse("2024-05-06T07:08:09.123456+00:00") == created)
print(datetime.fromisoformat("2024-05-06T07:08:09+00:00") < created)
acm = boto3.client("acm")
for c in acm.list_certificates()["CertificateSummaryList"]:
    d = acm.describe_certificate(CertificateArn=c["CertificateArn"])["Certificate"]
    print(d["DomainName"], d["Status"], type(d.get("CreatedAt")).__name__)
