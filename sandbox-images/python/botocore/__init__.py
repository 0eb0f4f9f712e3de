"""A minimal stand-in for botocore inside the runscript sandbox.

Real botocore is not available (no PyPI in the sandbox, and the sandbox has no network or
credentials). This package provides the parts scripts touch: `botocore.exceptions` (ClientError and
friends, with botocore's constructors and attributes), `botocore.client.BaseClient` (the client
returned by `boto3.client`) and `botocore.paginate` (paginators). Every AWS call is made by the host
through `runscript_aws`.
"""

__version__ = "0.0.0+runscript"
