"""The basics of botocore's service model a script may read (`client.meta.service_model`).

Built from the host's service metadata: `service_name`, `service_id` (a `ServiceId` str with
`hyphenize()`), `api_version`, `signing_name`, `operation_names` (API names, sorted), `metadata`.
Shapes (`operation_model(...).input_shape`, ...) are not available in the sandbox: the host owns
the models and validates every call.
"""

__all__ = ["ServiceId", "ServiceModel"]


class ServiceId(str):
    """The service's `serviceId` (e.g. `CloudWatch Logs`); `hyphenize()` -> `cloudwatch-logs`."""

    def hyphenize(self):
        return self.lower().replace(" ", "-")


class ServiceModel:
    """`client.meta.service_model`: names and versions of the service (no shapes)."""

    def __init__(self, service_name, metadata=None):
        self.service_name = service_name
        self._metadata = metadata or {}

    @property
    def service_id(self):
        return ServiceId(self._metadata.get("serviceId") or self.service_name)

    @property
    def api_version(self):
        return self._metadata.get("apiVersion")

    @property
    def signing_name(self):
        return self._metadata.get("signingName") or self.service_name

    @property
    def operation_names(self):
        return sorted(set(self._metadata.get("operations", {}).values()))

    @property
    def metadata(self):
        keys = ("apiVersion", "serviceId", "signingName")
        return {k: self._metadata[k] for k in keys if k in self._metadata}

    def __repr__(self):
        return f"ServiceModel({self.service_name})"
