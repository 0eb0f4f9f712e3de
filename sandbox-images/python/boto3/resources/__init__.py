"""boto3 resources (`boto3.resource(...)`): see `boto3.resources.factory`."""
