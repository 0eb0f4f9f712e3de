"""`botocore.config.Config` for the runscript sandbox.

Every option botocore 1.43 knows is accepted with botocore's checks (unknown keyword -> `TypeError`,
bad `retries` -> `InvalidRetryConfigurationError`/`InvalidMaxRetryAttemptsError`/
`InvalidRetryModeError`, bad S3 `addressing_style` -> `InvalidS3AddressingStyleError`), kept on the
object and readable back (`client.meta.config.retries`, ...). `region_name` chooses the client's
region as under boto3. The host makes the calls, with its own retries, timeouts and signing, so the
other options have no effect on how a call is made.

Options that would choose endpoints, proxies or client certificates are refused when given a value
(`SandboxRestrictionError`, a `NotImplementedError`): `proxies`, `proxies_config`, `client_cert`,
`use_dualstack_endpoint`, `use_fips_endpoint`, `ignore_configured_endpoint_urls`, and the `s3`
options `use_accelerate_endpoint` / `use_dualstack_endpoint`. The host decides endpoints.
"""

import copy

from botocore.exceptions import (
    InvalidMaxRetryAttemptsError,
    InvalidRetryConfigurationError,
    InvalidRetryModeError,
    InvalidS3AddressingStyleError,
    SandboxRestrictionError,
)

__all__ = ["Config"]

_DEFAULT_TIMEOUT = 60
_MAX_POOL_CONNECTIONS = 10

# Option names in botocore's positional order, with botocore's defaults.
_OPTION_DEFAULTS = (
    ("region_name", None),
    ("signature_version", None),
    ("user_agent", None),
    ("user_agent_extra", None),
    ("user_agent_appid", None),
    ("connect_timeout", _DEFAULT_TIMEOUT),
    ("read_timeout", _DEFAULT_TIMEOUT),
    ("parameter_validation", True),
    ("max_pool_connections", _MAX_POOL_CONNECTIONS),
    ("proxies", None),
    ("proxies_config", None),
    ("s3", None),
    ("s3_disable_express_session_auth", None),
    ("retries", None),
    ("client_cert", None),
    ("inject_host_prefix", None),
    ("endpoint_discovery_enabled", None),
    ("use_dualstack_endpoint", None),
    ("use_fips_endpoint", None),
    ("ignore_configured_endpoint_urls", None),
    ("defaults_mode", None),
    ("tcp_keepalive", None),
    ("request_min_compression_size_bytes", None),
    ("disable_request_compression", None),
    ("client_context_params", None),
    ("sigv4a_signing_region_set", None),
    ("request_checksum_calculation", None),
    ("response_checksum_validation", None),
    ("account_id_endpoint_mode", None),
    ("auth_scheme_preference", None),
)
_REFUSED = ("proxies", "proxies_config", "client_cert", "use_dualstack_endpoint", "use_fips_endpoint",
            "ignore_configured_endpoint_urls")
_REFUSED_S3 = ("use_accelerate_endpoint", "use_dualstack_endpoint")


def _refuse(names):
    return SandboxRestrictionError(
        message=f"Config({', '.join(names)}) cannot be set in the runscript sandbox: the host chooses "
        "endpoints, proxies and certificates for every AWS call. Remove the option; other Config "
        "options (region_name, retries, timeouts, signature_version, ...) are accepted"
    )


class Config:
    """Advanced client configuration (`boto3.client("s3", config=Config(retries={...}))`)."""

    OPTION_DEFAULTS = dict(_OPTION_DEFAULTS)
    NON_LEGACY_OPTION_DEFAULTS = {"connect_timeout": None}

    def __init__(self, *args, **kwargs):
        self._user_provided_options = self._record_user_provided_options(args, kwargs)
        self._inject_host_prefix = "UNSET"
        values = dict(_OPTION_DEFAULTS)
        if self._user_provided_options.get("defaults_mode", "legacy") != "legacy":
            values.update(self.NON_LEGACY_OPTION_DEFAULTS)
        values.update(self._user_provided_options)
        for key, value in values.items():
            if key == "inject_host_prefix" and key not in self._user_provided_options:
                continue
            setattr(self, key, value)
        self._validate_s3_configuration(self.s3)
        self._validate_retry_configuration(self.retries)
        refused = [k for k in _REFUSED if self._user_provided_options.get(k)]
        s3 = self.s3 if isinstance(self.s3, dict) else {}
        refused += [f"s3={{'{k}': ...}}" for k in _REFUSED_S3 if s3.get(k)]
        if refused:
            raise _refuse(refused)

    @property
    def inject_host_prefix(self):
        return True if self._inject_host_prefix == "UNSET" else self._inject_host_prefix

    @inject_host_prefix.setter
    def inject_host_prefix(self, value):
        self._inject_host_prefix = value

    def _record_user_provided_options(self, args, kwargs):
        order = [name for name, _ in _OPTION_DEFAULTS]
        provided = {}
        for key, value in kwargs.items():
            if key not in self.OPTION_DEFAULTS:
                raise TypeError(f"Got unexpected keyword argument '{key}'")
            provided[key] = value
        if len(args) > len(order):
            raise TypeError(f"Takes at most {len(order)} arguments ({len(args)} given)")
        for i, arg in enumerate(args):
            if order[i] in provided:
                raise TypeError(f"Got multiple values for keyword argument '{order[i]}'")
            provided[order[i]] = arg
        return provided

    def _validate_s3_configuration(self, s3):
        if s3 is not None:
            style = s3.get("addressing_style")
            if style not in ("virtual", "auto", "path", None):
                raise InvalidS3AddressingStyleError(s3_addressing_style=style)

    def _validate_retry_configuration(self, retries):
        valid_options = ("max_attempts", "mode", "total_max_attempts")
        valid_modes = ("legacy", "standard", "adaptive")
        if retries is None:
            return
        for key, value in retries.items():
            if key not in valid_options:
                raise InvalidRetryConfigurationError(retry_config_option=key, valid_options=valid_options)
            if key == "max_attempts" and value < 0:
                raise InvalidMaxRetryAttemptsError(provided_max_attempts=value, min_value=0)
            if key == "total_max_attempts" and value < 1:
                raise InvalidMaxRetryAttemptsError(provided_max_attempts=value, min_value=1)
            if key == "mode" and value not in valid_modes:
                raise InvalidRetryModeError(provided_retry_mode=value, valid_modes=valid_modes)

    def merge(self, other_config):
        """A new Config: this one's options with `other_config`'s user-set options on top."""
        options = copy.copy(self._user_provided_options)
        options.update(other_config._user_provided_options)
        return Config(**options)
