"""botocore's exceptions for scripts in the runscript sandbox: every class of botocore 1.43's
`botocore/exceptions.py`, with its name, base classes and message format, so `from botocore.exceptions
import X` and `except X` behave as under boto3.

- `BotoCoreError(**kwargs)`: the message is the class's `fmt` formatted with the keyword arguments,
  which are kept in `.kwargs`.
- `ClientError(error_response, operation_name)`: `.response`, `.operation_name`, and
  `str(e) == "An error occurred (Code) when calling the Operation operation: Message"`. Modeled service
  errors are subclasses, reachable as `client.exceptions.<ShapeName>` (`botocore.errorfactory`).
- Connection and timeout errors keep botocore's extra bases (the `requests` exception family, an
  `OSError`), so `except OSError` catches them as it does under boto3.

`SandboxRestrictionError` is runscript's own (also a `NotImplementedError`): raised for what the
sandbox deliberately does not offer (choosing endpoints, credentials, proxies; presigning).
"""

__all__ = [
    "BotoCoreError",
    "ClientError",
    "EventStreamError",
    "HTTPClientError",
    "ImminentRemovalWarning",
    "MissingServiceIdError",
    "SandboxRestrictionError",
    "UndefinedModelAttributeError",
    "UnsupportedTLSVersionWarning",
    "WaiterError",
]  # plus every class of _TABLE (below)


class BotoCoreError(Exception):
    """Base of every non-service error: message from the class's `fmt` and the keyword arguments."""

    fmt = "An unspecified error occurred"

    def __init__(self, **kwargs):
        msg = self.fmt.format(**kwargs)
        Exception.__init__(self, msg)
        self.kwargs = kwargs

    def __reduce__(self):
        return _exception_from_packed_args, (self.__class__, None, self.kwargs)


class HTTPClientError(BotoCoreError):
    fmt = "An HTTP Client raised an unhandled exception: {error}"

    def __init__(self, request=None, response=None, **kwargs):
        self.request = request
        self.response = response
        super().__init__(**kwargs)

    def __reduce__(self):
        return _exception_from_packed_args, (self.__class__, (self.request, self.response), self.kwargs)


class WaiterError(BotoCoreError):
    """A waiter failed to reach the desired state (`.last_response` is the last response seen)."""

    fmt = "Waiter {name} failed: {reason}"

    def __init__(self, name, reason, last_response):
        super().__init__(name=name, reason=reason)
        self.last_response = last_response


class ClientError(Exception):
    """An AWS service error (or a refusal by the host's policy), as botocore's ClientError."""

    MSG_TEMPLATE = (
        "An error occurred ({error_code}) when calling the {operation_name} operation{retry_info}: {error_message}"
    )

    def __init__(self, error_response, operation_name):
        retry_info = self._get_retry_info(error_response)
        error = error_response.get("Error", {})
        msg = self.MSG_TEMPLATE.format(
            error_code=error.get("Code", "Unknown"),
            error_message=error.get("Message", "Unknown"),
            operation_name=operation_name,
            retry_info=retry_info,
        )
        super().__init__(msg)
        self.response = error_response
        self.operation_name = operation_name

    def _get_retry_info(self, response):
        metadata = response.get("ResponseMetadata") if isinstance(response, dict) else None
        if isinstance(metadata, dict) and metadata.get("MaxAttemptsReached", False) and "RetryAttempts" in metadata:
            return f" (reached max retries: {metadata['RetryAttempts']})"
        return ""

    def __reduce__(self):
        return ClientError, (self.response, self.operation_name)


class EventStreamError(ClientError):
    pass


class UndefinedModelAttributeError(Exception):
    pass


class MissingServiceIdError(UndefinedModelAttributeError):
    fmt = (
        "The model being used for the service {service_name} is missing the serviceId metadata property, "
        "which is required."
    )

    def __init__(self, **kwargs):
        Exception.__init__(self, self.fmt.format(**kwargs))
        self.kwargs = kwargs


class UnsupportedTLSVersionWarning(Warning):
    pass


class ImminentRemovalWarning(Warning):
    pass


# The `requests`/urllib3 exception classes botocore's connection errors also derive from (OSErrors).
from botocore.vendored.requests.exceptions import ConnectTimeout as _RequestsConnectTimeout  # noqa: E402
from botocore.vendored.requests.exceptions import ProxyError as _RequestsProxyError  # noqa: E402
from botocore.vendored.requests.exceptions import ReadTimeout as _RequestsReadTimeout  # noqa: E402
from botocore.vendored.requests.exceptions import SSLError as _RequestsSSLError  # noqa: E402
from botocore.vendored.requests.packages.urllib3.exceptions import (  # noqa: E402
    ReadTimeoutError as _Urllib3ReadTimeoutError,
)

# (name, base names, fmt) in botocore's order; each base is defined before it is used.
_TABLE = (
    ('DataNotFoundError', ('BotoCoreError',), 'Unable to load data for: {data_path}'),
    ('UnknownServiceError', ('DataNotFoundError',), "Unknown service: '{service_name}'. Valid service names are: {known_service_names}"),
    ('UnknownRegionError', ('BotoCoreError',), "Unknown region: '{region_name}'. {error_msg}"),
    ('ApiVersionNotFoundError', ('BotoCoreError',), 'Unable to load data {data_path} for: {api_version}'),
    ('ConnectionError', ('BotoCoreError',), 'An HTTP Client failed to establish a connection: {error}'),
    ('InvalidIMDSEndpointError', ('BotoCoreError',), 'Invalid endpoint EC2 Instance Metadata endpoint: {endpoint}'),
    ('InvalidIMDSEndpointModeError', ('BotoCoreError',), 'Invalid EC2 Instance Metadata endpoint mode: {mode} Valid endpoint modes (case-insensitive): {valid_modes}.'),
    ('EndpointConnectionError', ('ConnectionError',), 'Could not connect to the endpoint URL: "{endpoint_url}"'),
    ('SSLError', ('ConnectionError', '_RequestsSSLError'), 'SSL validation failed for {endpoint_url} {error}'),
    ('ConnectionClosedError', ('HTTPClientError',), 'Connection was closed before we received a valid response from endpoint URL: "{endpoint_url}".'),
    ('ReadTimeoutError', ('HTTPClientError', '_RequestsReadTimeout', '_Urllib3ReadTimeoutError'), 'Read timeout on endpoint URL: "{endpoint_url}"'),
    ('ConnectTimeoutError', ('ConnectionError', '_RequestsConnectTimeout'), 'Connect timeout on endpoint URL: "{endpoint_url}"'),
    ('ProxyConnectionError', ('ConnectionError', '_RequestsProxyError'), 'Failed to connect to proxy URL: "{proxy_url}"'),
    ('ResponseStreamingError', ('HTTPClientError',), 'An error occurred while reading from response stream: {error}'),
    ('NoCredentialsError', ('BotoCoreError',), 'Unable to locate credentials'),
    ('NoAuthTokenError', ('BotoCoreError',), 'Unable to locate authorization token'),
    ('TokenRetrievalError', ('BotoCoreError',), 'Error when retrieving token from {provider}: {error_msg}'),
    ('PartialCredentialsError', ('BotoCoreError',), 'Partial credentials found in {provider}, missing: {cred_var}'),
    ('CredentialRetrievalError', ('BotoCoreError',), 'Error when retrieving credentials from {provider}: {error_msg}'),
    ('UnknownSignatureVersionError', ('BotoCoreError',), 'Unknown Signature Version: {signature_version}.'),
    ('ServiceNotInRegionError', ('BotoCoreError',), 'Service {service_name} not available in region {region_name}'),
    ('BaseEndpointResolverError', ('BotoCoreError',), None),
    ('NoRegionError', ('BaseEndpointResolverError',), 'You must specify a region.'),
    ('EndpointVariantError', ('BaseEndpointResolverError',), 'Unable to construct a modeled endpoint with the following variant(s) {tags}: '),
    ('UnknownEndpointError', ('BaseEndpointResolverError', 'ValueError'), 'Unable to construct an endpoint for {service_name} in region {region_name}'),
    ('UnknownFIPSEndpointError', ('BaseEndpointResolverError',), 'The provided FIPS pseudo-region "{region_name}" is not known for the service "{service_name}". A FIPS compliant endpoint cannot be constructed.'),
    ('ProfileNotFound', ('BotoCoreError',), 'The config profile ({profile}) could not be found'),
    ('ConfigParseError', ('BotoCoreError',), 'Unable to parse config file: {path}'),
    ('ConfigNotFound', ('BotoCoreError',), 'The specified config file ({path}) could not be found.'),
    ('MissingParametersError', ('BotoCoreError',), 'The following required parameters are missing for {object_name}: {missing}'),
    ('ValidationError', ('BotoCoreError',), "Invalid value ('{value}') for param {param} of type {type_name} "),
    ('ParamValidationError', ('BotoCoreError',), 'Parameter validation failed:\n{report}'),
    ('UnknownKeyError', ('ValidationError',), "Unknown key '{value}' for param '{param}'.  Must be one of: {choices}"),
    ('RangeError', ('ValidationError',), 'Value out of range for param {param}: {min_value} <= {value} <= {max_value}'),
    ('UnknownParameterError', ('ValidationError',), "Unknown parameter '{name}' for operation {operation}.  Must be one of: {choices}"),
    ('InvalidRegionError', ('ValidationError', 'ValueError'), "Provided region_name '{region_name}' doesn't match a supported format."),
    ('AliasConflictParameterError', ('ValidationError',), "Parameter '{original}' and its alias '{alias}' were provided for operation {operation}.  Only one of them may be used."),
    ('UnknownServiceStyle', ('BotoCoreError',), 'The service style ({service_style}) is not understood.'),
    ('PaginationError', ('BotoCoreError',), 'Error during pagination: {message}'),
    ('OperationNotPageableError', ('BotoCoreError',), 'Operation cannot be paginated: {operation_name}'),
    ('ChecksumError', ('BotoCoreError',), 'Checksum {checksum_type} failed, expected checksum {expected_checksum} did not match calculated checksum {actual_checksum}.'),
    ('UnseekableStreamError', ('BotoCoreError',), 'Need to rewind the stream {stream_object}, but stream is not seekable.'),
    ('IncompleteReadError', ('BotoCoreError',), '{actual_bytes} read, but total bytes expected is {expected_bytes}.'),
    ('InvalidExpressionError', ('BotoCoreError',), 'Invalid expression {expression}: Only dotted lookups are supported.'),
    ('UnknownCredentialError', ('BotoCoreError',), 'Credential named {name} not found.'),
    ('WaiterConfigError', ('BotoCoreError',), 'Error processing waiter config: {error_msg}'),
    ('UnknownClientMethodError', ('BotoCoreError',), 'Client does not have method: {method_name}'),
    ('UnsupportedSignatureVersionError', ('BotoCoreError',), 'Signature version(s) are not supported: {signature_version}'),
    ('InvalidDNSNameError', ('BotoCoreError',), "Bucket named {bucket_name} is not DNS compatible. Virtual hosted-style addressing cannot be used. The addressing style can be configured by removing the addressing_style value or setting that value to 'path' or 'auto' in the AWS Config file or in the botocore.client.Config object."),
    ('InvalidS3AddressingStyleError', ('BotoCoreError',), "S3 addressing style {s3_addressing_style} is invalid. Valid options are: 'auto', 'virtual', and 'path'"),
    ('UnsupportedS3ArnError', ('BotoCoreError',), 'S3 ARN {arn} provided to "Bucket" parameter is invalid. Only ARNs for S3 access-points are supported.'),
    ('UnsupportedS3ControlArnError', ('BotoCoreError',), 'S3 ARN "{arn}" provided is invalid for this operation. {msg}'),
    ('InvalidHostLabelError', ('BotoCoreError',), 'Invalid host label to be bound to the hostname of the endpoint: "{label}".'),
    ('UnsupportedOutpostResourceError', ('BotoCoreError',), 'S3 Outpost ARN resource "{resource_name}" provided to "Bucket" parameter is invalid. Only ARNs for S3 Outpost arns with an access-point sub-resource are supported.'),
    ('UnsupportedS3ConfigurationError', ('BotoCoreError',), 'Unsupported configuration when using S3: {msg}'),
    ('UnsupportedS3AccesspointConfigurationError', ('BotoCoreError',), 'Unsupported configuration when using S3 access-points: {msg}'),
    ('InvalidEndpointDiscoveryConfigurationError', ('BotoCoreError',), 'Unsupported configuration value for endpoint_discovery_enabled. Expected one of ("true", "false", "auto") but got {config_value}.'),
    ('UnsupportedS3ControlConfigurationError', ('BotoCoreError',), 'Unsupported configuration when using S3 Control: {msg}'),
    ('InvalidRetryConfigurationError', ('BotoCoreError',), 'Cannot provide retry configuration for "{retry_config_option}". Valid retry configuration options are: {valid_options}'),
    ('InvalidMaxRetryAttemptsError', ('InvalidRetryConfigurationError',), 'Value provided to "max_attempts": {provided_max_attempts} must be an integer greater than or equal to {min_value}.'),
    ('InvalidRetryModeError', ('InvalidRetryConfigurationError',), 'Invalid value provided to "mode": "{provided_retry_mode}" must be one of: {valid_modes}'),
    ('InvalidS3UsEast1RegionalEndpointConfigError', ('BotoCoreError',), 'S3 us-east-1 regional endpoint option {s3_us_east_1_regional_endpoint_config} is invalid. Valid options are: "legacy", "regional"'),
    ('InvalidSTSRegionalEndpointsConfigError', ('BotoCoreError',), 'STS regional endpoints option {sts_regional_endpoints_config} is invalid. Valid options are: "legacy", "regional"'),
    ('StubResponseError', ('BotoCoreError',), 'Error getting response stub for operation {operation_name}: {reason}'),
    ('StubAssertionError', ('StubResponseError', 'AssertionError'), None),
    ('UnStubbedResponseError', ('StubResponseError',), None),
    ('InvalidConfigError', ('BotoCoreError',), '{error_msg}'),
    ('InfiniteLoopConfigError', ('InvalidConfigError',), 'Infinite loop in credential configuration detected. Attempting to load from profile {source_profile} which has already been visited. Visited profiles: {visited_profiles}'),
    ('RefreshWithMFAUnsupportedError', ('BotoCoreError',), 'Cannot refresh credentials: MFA token required.'),
    ('MD5UnavailableError', ('BotoCoreError',), 'This system does not support MD5 generation.'),
    ('MissingDependencyException', ('BotoCoreError',), 'Missing Dependency: {msg}'),
    ('MetadataRetrievalError', ('BotoCoreError',), 'Error retrieving metadata: {error_msg}'),
    ('SSOError', ('BotoCoreError',), 'An unspecified error happened when resolving AWS credentials or an access token from SSO.'),
    ('SSOTokenLoadError', ('SSOError',), 'Error loading SSO Token: {error_msg}'),
    ('UnauthorizedSSOTokenError', ('SSOError',), 'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.'),
    ('LoginError', ('BotoCoreError',), 'An unspecified error happened when resolving AWS credentials or refreshing a login session profile.'),
    ('LoginRefreshRequired', ('LoginError',), "Your session has expired or credentials have changed. Please reauthenticate using 'aws login'."),
    ('LoginInsufficientPermissions', ('LoginError',), "Unable to create or refresh login credentials due to insufficient permissions. You may be missing permission for the 'signin:CreateOAuth2Token' action."),
    ('LoginTokenLoadError', ('LoginError',), 'Error loading login session token: {error_msg}'),
    ('LoginAuthorizationCodeError', ('LoginError',), 'Error loading or redeeming a login authorization code: {error_msg} '),
    ('CapacityNotAvailableError', ('BotoCoreError',), 'Insufficient request capacity available.'),
    ('InvalidProxiesConfigError', ('BotoCoreError',), 'Invalid configuration value(s) provided for proxies_config.'),
    ('InvalidDefaultsMode', ('BotoCoreError',), 'Client configured with invalid defaults mode: {mode}. Valid defaults modes include: {valid_modes}.'),
    ('AwsChunkedWrapperError', ('BotoCoreError',), '{error_msg}'),
    ('FlexibleChecksumError', ('BotoCoreError',), '{error_msg}'),
    ('InvalidEndpointConfigurationError', ('BotoCoreError',), 'Invalid endpoint configuration: {msg}'),
    ('EndpointProviderError', ('BotoCoreError',), '{msg}'),
    ('EndpointResolutionError', ('EndpointProviderError',), '{msg}'),
    ('UnknownEndpointResolutionBuiltInName', ('EndpointProviderError',), 'Unknown builtin variable name: {name}'),
    ('InvalidChecksumConfigError', ('BotoCoreError',), 'Unsupported configuration value for {config_key}. Expected one of {valid_options} but got {config_value}.'),
    ('UnsupportedServiceProtocolsError', ('BotoCoreError',), 'Botocore supports {botocore_supported_protocols}, but service {service} only supports {service_supported_protocols}.'),
)


def _define(name, bases, fmt):
    namespace = {"__module__": __name__, "__qualname__": name}
    if fmt is not None:
        namespace["fmt"] = fmt
    builtin = {"Exception": Exception, "ValueError": ValueError, "AssertionError": AssertionError}
    return type(name, tuple(builtin.get(b) or globals()[b] for b in bases), namespace)


for _name, _bases, _fmt in _TABLE:
    globals()[_name] = _define(_name, _bases, _fmt)
del _name, _bases, _fmt


class SandboxRestrictionError(BotoCoreError, NotImplementedError):
    """Something the runscript sandbox deliberately does not provide (the host decides it)."""

    fmt = "{message}"


__all__ = sorted(set(__all__) | {row[0] for row in _TABLE})


def _exception_from_packed_args(exception_cls, args=None, kwargs=None):
    return exception_cls(*(args or ()), **(kwargs or {}))
