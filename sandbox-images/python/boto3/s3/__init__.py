"""boto3.s3: the S3 transfer methods boto3 adds to S3 clients (`inject`) and `transfer.TransferConfig`."""
