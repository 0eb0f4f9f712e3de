"""boto3.ec2: the EC2 resource customizations (`create_tags`, `Instance.delete_tags`)."""
