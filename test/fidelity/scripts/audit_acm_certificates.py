# fidelity: match
# seed: acm
# services: acm
# points: audit, many-services
import boto3

acm = boto3.client("acm")
for c in acm.list_certificates(CertificateStatuses=["PENDING_VALIDATION", "ISSUED"])["CertificateSummaryList"]:
    d = acm.describe_certificate(CertificateArn=c["CertificateArn"])["Certificate"]
    print(d["DomainName"], d["Status"], d["Type"], d.get("SubjectAlternativeNames"), d.get("KeyAlgorithm"),
          [o.get("ValidationMethod") for o in d.get("DomainValidationOptions", [])], d.get("InUseBy"))
