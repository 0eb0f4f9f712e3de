"""The AWS worlds the fidelity scripts run against, seeded with real boto3.

Each fixture is a function of `aws(service, region="us-east-1") -> boto3 client` that creates a small,
fixed set of resources. A script names the fixtures it needs in its header (`# seed: s3, iam`); the
lane resets moto and runs them, in that order, before the script, on both sides. Fixtures must be
deterministic: fixed names, fixed order, no reads of the real clock (moto's clock is frozen).
"""

import io
import json
import zipfile
from datetime import datetime, timezone

ACCOUNT = "123456789012"
FROZEN = datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=timezone.utc)
TRUST_EC2 = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
TRUST_ANYONE = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}],
}
TRUST_LAMBDA = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
ADMIN_POLICY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
READ_BUCKET_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}],
}


def s3(aws):
    s3 = aws("s3")
    s3.create_bucket(Bucket="acme-logs")
    s3.create_bucket(Bucket="acme-public-site")
    s3.create_bucket(Bucket="acme-data-eu", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    s3.put_bucket_versioning(Bucket="acme-logs", VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_encryption(
        Bucket="acme-logs",
        ServerSideEncryptionConfiguration={"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
    )
    s3.put_public_access_block(
        Bucket="acme-logs",
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True,
        },
    )
    s3.put_bucket_policy(
        Bucket="acme-public-site",
        Policy=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                           "Resource": "arn:aws:s3:::acme-public-site/*"}],
        }),
    )
    s3.put_bucket_tagging(Bucket="acme-data-eu", Tagging={"TagSet": [{"Key": "team", "Value": "data"}]})
    for i in range(7):
        s3.put_object(Bucket="acme-logs", Key=f"2024/05/app-{i:02d}.log", Body=f"line one {i}\nline two {i}\n".encode())
    s3.put_object(Bucket="acme-logs", Key="2024/05/app-00.log", Body=b"line one 0 (v2)\nline two 0\n")
    s3.put_object(Bucket="acme-logs", Key="readme.txt", Body=b"hello from acme\n", ContentType="text/plain",
                  Metadata={"owner": "ops"})
    s3.put_object(Bucket="acme-public-site", Key="index.html", Body=b"<html>hi</html>", ContentType="text/html")
    s3.put_object(Bucket="acme-public-site", Key="dir with space/caf\u00e9 & more.txt", Body=b"odd key")
    s3.put_object(Bucket="acme-data-eu", Key="big.bin", Body=bytes(range(256)) * 64)
    s3.create_multipart_upload(Bucket="acme-data-eu", Key="upload-in-progress.bin")


def iam(aws):
    iam = aws("iam")
    for name in ("alice", "bob", "carol"):
        iam.create_user(UserName=name, Tags=[{"Key": "team", "Value": "ops" if name != "carol" else "dev"}])
    iam.create_access_key(UserName="alice")
    iam.create_access_key(UserName="bob")
    iam.create_login_profile(UserName="alice", Password="Secr3t-Passw0rd!")
    iam.create_group(GroupName="admins")
    iam.add_user_to_group(GroupName="admins", UserName="alice")
    admin = iam.create_policy(PolicyName="acme-admin", PolicyDocument=json.dumps(ADMIN_POLICY),
                              Description="full access")["Policy"]["Arn"]
    iam.create_policy_version(PolicyArn=admin, PolicyDocument=json.dumps(READ_BUCKET_POLICY), SetAsDefault=False)
    iam.attach_group_policy(GroupName="admins", PolicyArn=admin)
    readonly = iam.create_policy(PolicyName="acme-read", PolicyDocument=json.dumps(READ_BUCKET_POLICY))["Policy"]["Arn"]
    iam.attach_user_policy(UserName="bob", PolicyArn=readonly)
    iam.put_user_policy(UserName="carol", PolicyName="inline-s3", PolicyDocument=json.dumps(READ_BUCKET_POLICY))
    iam.create_role(RoleName="app-ec2", AssumeRolePolicyDocument=json.dumps(TRUST_EC2), Description="ec2 app role")
    iam.create_role(RoleName="cross-account-open", AssumeRolePolicyDocument=json.dumps(TRUST_ANYONE))
    iam.create_role(RoleName="lambda-exec", AssumeRolePolicyDocument=json.dumps(TRUST_LAMBDA), Path="/service/")
    iam.put_role_policy(RoleName="app-ec2", PolicyName="read-buckets", PolicyDocument=json.dumps(READ_BUCKET_POLICY))
    iam.attach_role_policy(RoleName="cross-account-open", PolicyArn=admin)
    iam.create_instance_profile(InstanceProfileName="app-ec2")
    iam.add_role_to_instance_profile(InstanceProfileName="app-ec2", RoleName="app-ec2")
    iam.update_account_password_policy(MinimumPasswordLength=14, RequireSymbols=True, MaxPasswordAge=90)


EC2_REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")


def ec2(aws):
    for n, region in enumerate(EC2_REGIONS):
        ec2 = aws("ec2", region)
        image_id = "ami-04681a1dbd79675a5"  # amzn2 (python/amis.json)
        vpc = ec2.create_vpc(CidrBlock=f"10.{n}.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.{n}.1.0/24")["Subnet"]["SubnetId"]
        open_sg = ec2.create_security_group(GroupName="open-ssh", Description="ssh from anywhere", VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=open_sg, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
        ])
        web_sg = ec2.create_security_group(GroupName="web", Description="https", VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=web_sg, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
        ])
        ec2.run_instances(
            ImageId=image_id, MinCount=n + 1, MaxCount=n + 1, InstanceType="t3.micro", SubnetId=subnet,
            SecurityGroupIds=[open_sg],
            TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": f"app-{region}"},
                                                                     {"Key": "env", "Value": "prod"}]}],
        )
        ec2.create_volume(AvailabilityZone=f"{region}a", Size=8 + n, Encrypted=False)
        ec2.create_volume(AvailabilityZone=f"{region}a", Size=20, Encrypted=True, VolumeType="gp3")


def cloudwatch(aws):
    cw = aws("cloudwatch")
    cw.put_metric_alarm(
        AlarmName="high-cpu", MetricName="CPUUtilization", Namespace="AWS/EC2", Statistic="Average",
        Period=300, EvaluationPeriods=2, Threshold=80.0, ComparisonOperator="GreaterThanThreshold",
        Dimensions=[{"Name": "InstanceId", "Value": "i-0123456789abcdef0"}], ActionsEnabled=True,
        AlarmActions=["arn:aws:sns:us-east-1:123456789012:ops-alerts"],
    )
    cw.put_metric_alarm(
        AlarmName="errors", MetricName="Errors", Namespace="Acme/App", Statistic="Sum", Period=60,
        EvaluationPeriods=1, Threshold=1.5, ComparisonOperator="GreaterThanOrEqualToThreshold",
    )
    data = []
    for i, value in enumerate([10.0, 20.5, 30.25, 40.0, 0.1]):
        data.append({"MetricName": "Latency", "Dimensions": [{"Name": "Service", "Value": "api"}],
                     "Timestamp": datetime(2024, 5, 6, 7, i, 0, tzinfo=timezone.utc), "Value": value, "Unit": "Milliseconds"})
    cw.put_metric_data(Namespace="Acme/App", MetricData=data)
    cw.put_metric_data(Namespace="Acme/App", MetricData=[{"MetricName": "Requests", "Value": 3, "Unit": "Count",
                                                          "Timestamp": datetime(2024, 5, 6, 7, 0, 0, tzinfo=timezone.utc)}])


def logs(aws):
    logs = aws("logs")
    logs.create_log_group(logGroupName="/aws/lambda/orders")
    logs.put_retention_policy(logGroupName="/aws/lambda/orders", retentionInDays=30)
    logs.create_log_group(logGroupName="/acme/app", tags={"team": "ops"})
    logs.create_log_group(logGroupName="/acme/audit")
    logs.create_log_stream(logGroupName="/acme/app", logStreamName="web-1")
    base = int(datetime(2024, 5, 6, 7, 0, 0, tzinfo=timezone.utc).timestamp() * 1000)
    logs.put_log_events(logGroupName="/acme/app", logStreamName="web-1", logEvents=[
        {"timestamp": base + i * 1000, "message": msg}
        for i, msg in enumerate(["GET /health 200", "ERROR db timeout", "GET /orders 200", "ERROR disk full"])
    ])
    logs.put_metric_filter(logGroupName="/acme/app", filterName="errors", filterPattern="ERROR",
                           metricTransformations=[{"metricName": "AppErrors", "metricNamespace": "Acme/App",
                                                   "metricValue": "1"}])


def dynamodb(aws):
    ddb = aws("dynamodb")
    ddb.create_table(
        TableName="orders", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "customer", "AttributeType": "S"},
                              {"AttributeName": "order_id", "AttributeType": "N"}],
        KeySchema=[{"AttributeName": "customer", "KeyType": "HASH"}, {"AttributeName": "order_id", "KeyType": "RANGE"}],
    )
    ddb.create_table(
        TableName="sessions", BillingMode="PROVISIONED",
        ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        SSESpecification={"Enabled": True, "SSEType": "KMS"},
    )
    items = []
    for i in range(45):
        customer = f"c{i % 5}"
        items.append({
            "customer": {"S": customer}, "order_id": {"N": str(i)},
            "total": {"N": f"{i * 1.5:.2f}"}, "status": {"S": "open" if i % 3 else "shipped"},
            "tags": {"SS": ["a", "b"]} if i % 2 else {"L": [{"S": "x"}, {"N": "1"}]},
            "gift": {"BOOL": i % 4 == 0}, "note": {"NULL": True} if i % 7 == 0 else {"S": f"n{i}"},
            "blob": {"B": bytes([i, 255 - i])},
        })
    for start in range(0, len(items), 25):
        ddb.batch_write_item(RequestItems={"orders": [{"PutRequest": {"Item": it}} for it in items[start:start + 25]]})
    ddb.put_item(TableName="sessions", Item={"id": {"S": "s1"}, "ttl": {"N": "1714979289"}})


def sqs(aws):
    sqs = aws("sqs")
    sqs.create_queue(QueueName="orders")
    sqs.create_queue(QueueName="orders-dlq", Attributes={"MessageRetentionPeriod": "1209600"})
    sqs.create_queue(QueueName="events.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true",
                                                           "KmsMasterKeyId": "alias/aws/sqs"})
    url = sqs.get_queue_url(QueueName="orders")["QueueUrl"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*"}],
    })})
    sqs.send_message(QueueUrl=url, MessageBody="hello", MessageAttributes={
        "kind": {"DataType": "String", "StringValue": "greeting"}})


def sns(aws):
    sns = aws("sns")
    ops = sns.create_topic(Name="ops-alerts")["TopicArn"]
    sns.create_topic(Name="orders-events", Attributes={"KmsMasterKeyId": "alias/aws/sns"})
    sns.create_topic(Name="events.fifo", Attributes={"FifoTopic": "true"})
    sns.subscribe(TopicArn=ops, Protocol="email", Endpoint="oncall@example.com")
    sns.subscribe(TopicArn=ops, Protocol="https", Endpoint="https://hooks.example.com/alert")


def kms(aws):
    kms = aws("kms")
    k1 = kms.create_key(Description="app data key", Tags=[{"TagKey": "team", "TagValue": "ops"}])["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/app-data", TargetKeyId=k1)
    kms.enable_key_rotation(KeyId=k1)
    k2 = kms.create_key(Description="legacy key")["KeyMetadata"]["KeyId"]
    kms.disable_key(KeyId=k2)
    kms.create_key(Description="signing", KeyUsage="SIGN_VERIFY", KeySpec="ECC_NIST_P256")


def _zip(source):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("index.py", date_time=(2024, 5, 6, 7, 8, 8))
        z.writestr(info, source)
    return buf.getvalue()


def lambda_(aws):
    iam = aws("iam")
    role = iam.create_role(RoleName="fn-exec", AssumeRolePolicyDocument=json.dumps(TRUST_LAMBDA))["Role"]["Arn"]
    fn = aws("lambda")
    code = _zip("def handler(event, context):\n    return {'ok': True}\n")
    fn.create_function(FunctionName="orders-api", Runtime="python3.12", Role=role, Handler="index.handler",
                       Code={"ZipFile": code}, Timeout=30, MemorySize=256, Tags={"team": "ops"},
                       Environment={"Variables": {"STAGE": "prod"}})
    fn.create_function(FunctionName="legacy-job", Runtime="python3.7", Role=role, Handler="index.handler",
                       Code={"ZipFile": code}, Timeout=900, MemorySize=128)
    fn.add_permission(FunctionName="orders-api", StatementId="public", Action="lambda:InvokeFunction",
                      Principal="*")


def cloudtrail(aws):
    aws("s3").create_bucket(Bucket="acme-trail")
    ct = aws("cloudtrail")
    ct.create_trail(Name="org-trail", S3BucketName="acme-trail", IsMultiRegionTrail=True, EnableLogFileValidation=True)
    ct.start_logging(Name="org-trail")
    ct.create_trail(Name="old-trail", S3BucketName="acme-trail")


def secretsmanager(aws):
    sm = aws("secretsmanager")
    sm.create_secret(Name="prod/db", SecretString=json.dumps({"user": "app", "password": "hunter2"}),
                     Description="database", Tags=[{"Key": "team", "Value": "ops"}])
    sm.create_secret(Name="prod/api-key", SecretBinary=b"\x00\x01binary")
    sm.create_secret(Name="dev/old", SecretString="x")


def ssm(aws):
    ssm = aws("ssm")
    ssm.put_parameter(Name="/app/prod/db-host", Value="db.internal", Type="String")
    ssm.put_parameter(Name="/app/prod/db-password", Value="hunter2", Type="SecureString")
    ssm.put_parameter(Name="/app/prod/features", Value="a,b,c", Type="StringList", Description="flags")
    ssm.put_parameter(Name="/app/dev/db-host", Value="localhost", Type="String", Tier="Standard")


def elbv2(aws):
    ec2 = aws("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    s1 = ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    s2 = ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.2.0/24", AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
    elb = aws("elbv2")
    lb = elb.create_load_balancer(Name="web", Subnets=[s1, s2], Scheme="internet-facing")["LoadBalancers"][0]
    tg = elb.create_target_group(Name="web-tg", Protocol="HTTP", Port=80, VpcId=vpc,
                                 HealthCheckPath="/health")["TargetGroups"][0]
    elb.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])
    elb.create_load_balancer(Name="internal-api", Subnets=[s1, s2], Scheme="internal")


def acm(aws):
    acm = aws("acm")
    acm.request_certificate(DomainName="www.example.com", ValidationMethod="DNS",
                            SubjectAlternativeNames=["example.com"], IdempotencyToken="www")
    acm.request_certificate(DomainName="api.example.com", ValidationMethod="EMAIL", IdempotencyToken="api")


def route53(aws):
    r53 = aws("route53")
    zone = r53.create_hosted_zone(Name="example.com", CallerReference="zone-1")["HostedZone"]["Id"]
    r53.create_hosted_zone(Name="internal.example", CallerReference="zone-2",
                           HostedZoneConfig={"Comment": "private", "PrivateZone": False})
    r53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={"Changes": [
        {"Action": "CREATE", "ResourceRecordSet": {"Name": "www.example.com", "Type": "A", "TTL": 300,
                                                   "ResourceRecords": [{"Value": "192.0.2.10"}]}},
        {"Action": "CREATE", "ResourceRecordSet": {"Name": "old.example.com", "Type": "CNAME", "TTL": 60,
                                                   "ResourceRecords": [{"Value": "gone.s3-website.amazonaws.com"}]}},
    ]})


def ecr(aws):
    ecr = aws("ecr")
    ecr.create_repository(repositoryName="web", imageScanningConfiguration={"scanOnPush": True},
                          imageTagMutability="IMMUTABLE")
    ecr.create_repository(repositoryName="legacy/worker")
    ecr.set_repository_policy(repositoryName="legacy/worker", policyText=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Sid": "pull", "Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage"]}],
    }))


def eks(aws):
    iam = aws("iam")
    role = iam.create_role(RoleName="eks-cluster", AssumeRolePolicyDocument=json.dumps(TRUST_EC2))["Role"]["Arn"]
    eks = aws("eks")
    eks.create_cluster(name="prod", version="1.29", roleArn=role,
                       resourcesVpcConfig={"subnetIds": ["subnet-1", "subnet-2"], "endpointPublicAccess": True,
                                           "publicAccessCidrs": ["0.0.0.0/0"]},
                       logging={"clusterLogging": [{"types": ["api", "audit"], "enabled": True}]})
    eks.create_cluster(name="dev", version="1.27", roleArn=role,
                       resourcesVpcConfig={"subnetIds": ["subnet-3"], "endpointPublicAccess": False,
                                           "endpointPrivateAccess": True})
    eks.create_nodegroup(clusterName="prod", nodegroupName="workers", subnets=["subnet-1"], nodeRole=role,
                         scalingConfig={"minSize": 1, "maxSize": 3, "desiredSize": 2})


def autoscaling(aws):
    asg = aws("autoscaling")
    asg.create_launch_configuration(LaunchConfigurationName="web-lc", ImageId="ami-12c6146b", InstanceType="t3.micro")
    asg.create_auto_scaling_group(AutoScalingGroupName="web", LaunchConfigurationName="web-lc", MinSize=0,
                                  MaxSize=4, DesiredCapacity=0, AvailabilityZones=["us-east-1a", "us-east-1b"],
                                  Tags=[{"Key": "env", "Value": "prod", "PropagateAtLaunch": True}])
    asg.create_auto_scaling_group(AutoScalingGroupName="batch", LaunchConfigurationName="web-lc", MinSize=0,
                                  MaxSize=10, DesiredCapacity=0, AvailabilityZones=["us-east-1a"],
                                  HealthCheckType="EC2", HealthCheckGracePeriod=120)


def events(aws):
    ev = aws("events")
    ev.create_event_bus(Name="orders-bus")
    ev.put_rule(Name="nightly", ScheduleExpression="cron(0 3 * * ? *)", State="ENABLED", Description="nightly job")
    ev.put_rule(Name="on-s3", EventPattern=json.dumps({"source": ["aws.s3"]}), State="DISABLED")
    ev.put_targets(Rule="nightly", Targets=[{"Id": "fn", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:orders-api"}])


def stepfunctions(aws):
    iam = aws("iam")
    role = iam.create_role(RoleName="sfn-exec", AssumeRolePolicyDocument=json.dumps(TRUST_EC2))["Role"]["Arn"]
    sfn = aws("stepfunctions")
    definition = {"StartAt": "Done", "States": {"Done": {"Type": "Pass", "Result": {"ok": 1.5}, "End": True}}}
    sfn.create_state_machine(name="order-flow", definition=json.dumps(definition), roleArn=role,
                             loggingConfiguration={"level": "ALL", "includeExecutionData": True,
                                                   "destinations": [{"cloudWatchLogsLogGroup": {
                                                       "logGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:/sfn:*"}}]})
    sfn.create_state_machine(name="express-flow", definition=json.dumps(definition), roleArn=role, type="EXPRESS")


def kinesis(aws):
    k = aws("kinesis")
    k.create_stream(StreamName="clicks", ShardCount=2)
    k.create_stream(StreamName="audit", ShardCount=1)
    k.start_stream_encryption(StreamName="audit", EncryptionType="KMS", KeyId="alias/aws/kinesis")
    k.add_tags_to_stream(StreamName="clicks", Tags={"team": "web"})


def firehose(aws):
    aws("s3").create_bucket(Bucket="acme-firehose")
    fh = aws("firehose")
    fh.create_delivery_stream(DeliveryStreamName="clicks-to-s3", DeliveryStreamType="DirectPut",
                              ExtendedS3DestinationConfiguration={
                                  "RoleARN": "arn:aws:iam::123456789012:role/firehose",
                                  "BucketARN": "arn:aws:s3:::acme-firehose", "Prefix": "clicks/",
                                  "BufferingHints": {"SizeInMBs": 5, "IntervalInSeconds": 300}})


def glue(aws):
    glue = aws("glue")
    glue.create_database(DatabaseInput={"Name": "analytics", "Description": "curated"})
    glue.create_table(DatabaseName="analytics", TableInput={
        "Name": "orders", "TableType": "EXTERNAL_TABLE",
        "StorageDescriptor": {"Columns": [{"Name": "id", "Type": "bigint"}, {"Name": "total", "Type": "double"}],
                              "Location": "s3://acme-data-eu/orders/"},
        "PartitionKeys": [{"Name": "dt", "Type": "string"}]})
    glue.create_crawler(Name="orders-crawler", Role="arn:aws:iam::123456789012:role/glue", DatabaseName="analytics",
                        Targets={"S3Targets": [{"Path": "s3://acme-data-eu/orders/"}]})


def athena(aws):
    ath = aws("athena")
    ath.create_work_group(Name="analysts", Configuration={
        "ResultConfiguration": {"OutputLocation": "s3://acme-athena/results/",
                                "EncryptionConfiguration": {"EncryptionOption": "SSE_S3"}},
        "EnforceWorkGroupConfiguration": True, "BytesScannedCutoffPerQuery": 10_000_000_000},
        Description="analyst queries")
    ath.create_named_query(Name="daily orders", Database="analytics", QueryString="SELECT count(*) FROM orders",
                           WorkGroup="analysts")


def efs(aws):
    efs = aws("efs")
    efs.create_file_system(CreationToken="shared", PerformanceMode="generalPurpose", Encrypted=True,
                           Tags=[{"Key": "Name", "Value": "shared"}])
    efs.create_file_system(CreationToken="scratch", Encrypted=False, ThroughputMode="bursting")


def elasticache(aws):
    ec = aws("elasticache")
    ec.create_cache_cluster(CacheClusterId="sessions", Engine="redis", CacheNodeType="cache.t3.micro",
                            NumCacheNodes=1, Tags=[{"Key": "team", "Value": "web"}])
    ec.create_cache_cluster(CacheClusterId="legacy-memcached", Engine="memcached", CacheNodeType="cache.t3.small",
                            NumCacheNodes=2)


def redshift(aws):
    rs = aws("redshift")
    rs.create_cluster(ClusterIdentifier="warehouse", NodeType="ra3.xlplus", MasterUsername="admin",
                      MasterUserPassword="Passw0rd-long", ClusterType="multi-node", NumberOfNodes=2,
                      Encrypted=True, PubliclyAccessible=False)
    rs.create_cluster(ClusterIdentifier="sandbox", NodeType="dc2.large", MasterUsername="admin",
                      MasterUserPassword="Passw0rd-long", ClusterType="single-node", PubliclyAccessible=True)


def apigateway(aws):
    api = aws("apigateway")
    rest = api.create_rest_api(name="orders-api", description="public orders", endpointConfiguration={"types": ["REGIONAL"]})
    root = [r for r in api.get_resources(restApiId=rest["id"])["items"] if r["path"] == "/"][0]["id"]
    res = api.create_resource(restApiId=rest["id"], parentId=root, pathPart="orders")
    api.put_method(restApiId=rest["id"], resourceId=res["id"], httpMethod="GET", authorizationType="NONE")
    api.put_integration(restApiId=rest["id"], resourceId=res["id"], httpMethod="GET", type="MOCK")
    api.create_deployment(restApiId=rest["id"], stageName="prod", description="first")
    api.create_rest_api(name="internal-api", endpointConfiguration={"types": ["PRIVATE"]})


def cognito(aws):
    idp = aws("cognito-idp")
    pool = idp.create_user_pool(PoolName="customers", MfaConfiguration="OFF",
                                Policies={"PasswordPolicy": {"MinimumLength": 8, "RequireSymbols": False}})["UserPool"]
    idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="web", GenerateSecret=False)
    idp.admin_create_user(UserPoolId=pool["Id"], Username="dana", UserAttributes=[{"Name": "email", "Value": "d@example.com"}])
    idp.create_user_pool(PoolName="staff", MfaConfiguration="ON", SmsConfiguration={"SnsCallerArn": "arn:aws:iam::123456789012:role/sms"})


def backup(aws):
    b = aws("backup")
    b.create_backup_vault(BackupVaultName="prod-vault", BackupVaultTags={"team": "ops"})
    b.create_backup_plan(BackupPlan={"BackupPlanName": "daily", "Rules": [{
        "RuleName": "daily-35d", "TargetBackupVaultName": "prod-vault", "ScheduleExpression": "cron(0 5 * * ? *)",
        "Lifecycle": {"DeleteAfterDays": 35}}]})


def organizations(aws):
    org = aws("organizations")
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    ou = org.create_organizational_unit(ParentId=root, Name="workloads")["OrganizationalUnit"]["Id"]
    acct = org.create_account(Email="prod@example.com", AccountName="prod")["CreateAccountStatus"]
    org.create_policy(Name="deny-leave", Type="SERVICE_CONTROL_POLICY", Description="no leaving",
                      Content=json.dumps({"Version": "2012-10-17", "Statement": [
                          {"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}))


def config(aws):
    aws("s3").create_bucket(Bucket="acme-config")
    cfg = aws("config")
    cfg.put_configuration_recorder(ConfigurationRecorder={
        "name": "default", "roleARN": "arn:aws:iam::123456789012:role/config",
        "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True}})
    cfg.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": "acme-config"})
    cfg.start_configuration_recorder(ConfigurationRecorderName="default")
    cfg.put_config_rule(ConfigRule={"ConfigRuleName": "s3-versioning", "Source": {
        "Owner": "AWS", "SourceIdentifier": "S3_BUCKET_VERSIONING_ENABLED"}})


CFN_TEMPLATE = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Description": "queue stack",
    "Parameters": {"Env": {"Type": "String", "Default": "prod"}},
    "Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "cfn-queue"}}},
    "Outputs": {"QueueArn": {"Value": {"Fn::GetAtt": ["Queue", "Arn"]}}},
}


def cloudformation(aws):
    cfn = aws("cloudformation")
    cfn.create_stack(StackName="queues", TemplateBody=json.dumps(CFN_TEMPLATE), Tags=[{"Key": "team", "Value": "ops"}])
    cfn.create_stack(StackName="yaml-stack", TemplateBody="Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n")


def rds(aws):
    rds = aws("rds")
    rds.create_db_instance(DBInstanceIdentifier="orders-db", Engine="postgres", DBInstanceClass="db.t3.micro",
                           MasterUsername="admin", MasterUserPassword="Passw0rd-long", AllocatedStorage=20,
                           StorageEncrypted=True, PubliclyAccessible=False, BackupRetentionPeriod=7,
                           MultiAZ=True, Tags=[{"Key": "team", "Value": "ops"}])
    rds.create_db_instance(DBInstanceIdentifier="legacy-mysql", Engine="mysql", DBInstanceClass="db.t3.micro",
                           MasterUsername="admin", MasterUserPassword="Passw0rd-long", AllocatedStorage=5,
                           StorageEncrypted=False, PubliclyAccessible=True, BackupRetentionPeriod=0)
    rds.create_db_snapshot(DBInstanceIdentifier="orders-db", DBSnapshotIdentifier="orders-before-migration")


def ecs(aws):
    ecs = aws("ecs")
    ecs.create_cluster(clusterName="web", settings=[{"name": "containerInsights", "value": "enabled"}])
    ecs.create_cluster(clusterName="batch")
    ecs.register_task_definition(family="web", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256",
                                 memory="512", containerDefinitions=[{
                                     "name": "app", "image": "nginx:1.25", "essential": True, "privileged": False,
                                     "portMappings": [{"containerPort": 80}],
                                     "environment": [{"name": "STAGE", "value": "prod"}]}])


FIXTURES = {
    "s3": s3,
    "iam": iam,
    "ec2": ec2,
    "cloudwatch": cloudwatch,
    "logs": logs,
    "dynamodb": dynamodb,
    "sqs": sqs,
    "sns": sns,
    "kms": kms,
    "lambda": lambda_,
    "cloudtrail": cloudtrail,
    "secretsmanager": secretsmanager,
    "ssm": ssm,
    "elbv2": elbv2,
    "acm": acm,
    "route53": route53,
    "ecr": ecr,
    "eks": eks,
    "autoscaling": autoscaling,
    "events": events,
    "stepfunctions": stepfunctions,
    "kinesis": kinesis,
    "firehose": firehose,
    "glue": glue,
    "athena": athena,
    "efs": efs,
    "elasticache": elasticache,
    "redshift": redshift,
    "apigateway": apigateway,
    "cognito": cognito,
    "backup": backup,
    "organizations": organizations,
    "config": config,
    "cloudformation": cloudformation,
    "rds": rds,
    "ecs": ecs,
}
