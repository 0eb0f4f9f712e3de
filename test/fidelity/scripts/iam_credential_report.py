# fidelity: match
# seed: iam
# services: iam
# points: credential-report
import csv
import io

import boto3

iam = boto3.client("iam")
state = iam.generate_credential_report()["State"]
print("state:", state)
for _ in range(10):
    if iam.generate_credential_report()["State"] == "COMPLETE":
        break
report = iam.get_credential_report()
print(report["ReportFormat"], type(report["Content"]).__name__, repr(report["GeneratedTime"]))
rows = list(csv.DictReader(io.StringIO(report["Content"].decode("utf-8"))))
print(list(rows[0].keys())[:8])
for row in rows:
    print(row["user"], row["password_enabled"], row["mfa_active"], row["access_key_1_active"], row["access_key_2_active"])
