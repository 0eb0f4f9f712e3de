"""botocore's waiters for the runscript sandbox (`client.get_waiter(name).wait(**params)`).

Driven by botocore's own waiter config (bridge `aws.waiter`, from `waiters-2.json`): `operation`,
`delay`, `maxAttempts`, `acceptors`. The semantics are botocore's `botocore/waiter.py`: the
operation is called (a service error becomes its error response, not an exception); the first
acceptor that matches (`path`, `pathAll`, `pathAny` with JMESPath, `status`, `error`) sets the state;
`success` returns, `failure` raises `WaiterError`, an unmatched service error raises `WaiterError`,
and after `MaxAttempts` it raises `WaiterError('Max attempts exceeded...')`. `WaiterConfig={"Delay",
"MaxAttempts"}` overrides the config. Between attempts the waiter sleeps `Delay` seconds without
blocking other threads. A waiter is bounded by the run: its timeout ends it, and each attempt is an
AWS call counted against the run's call budget (a refused call is an unmatched error: `WaiterError`).
"""

import time

import jmespath

from botocore.exceptions import WaiterConfigError, WaiterError

__all__ = ["AcceptorConfig", "SingleWaiterConfig", "Waiter", "WaiterModel", "is_valid_waiter_error"]


def is_valid_waiter_error(response):
    error = response.get("Error")
    return isinstance(error, dict) and "Code" in error


def _camel(snake_name):
    return "".join(part[:1].upper() + part[1:] for part in snake_name.split("_"))


class WaiterModel:
    SUPPORTED_VERSION = 2

    def __init__(self, waiter_config):
        self._waiter_config = waiter_config["waiters"]
        version = waiter_config.get("version", "unknown")
        if version != self.SUPPORTED_VERSION:
            raise WaiterConfigError(
                error_msg=f"Unsupported waiter version, supported version must be: {self.SUPPORTED_VERSION}, "
                f"but version of waiter config is: {version}"
            )
        self.version = version
        self.waiter_names = sorted(waiter_config["waiters"])

    def get_waiter(self, waiter_name):
        try:
            return SingleWaiterConfig(self._waiter_config[waiter_name])
        except KeyError:
            raise ValueError(f"Waiter does not exist: {waiter_name}") from None

    @classmethod
    def single(cls, snake_name, config):
        """The model of one waiter from the host's answer (its `name` is the waiters-2.json key)."""
        name = config.get("name") if isinstance(config.get("name"), str) else _camel(snake_name)
        body = {k: v for k, v in config.items() if k != "name"}
        model = cls({"version": 2, "waiters": {name: body}})
        model.name = name
        model.config = model.get_waiter(name)
        return model


class SingleWaiterConfig:
    """One waiter's configuration: `operation`, `delay`, `max_attempts`, `acceptors`."""

    def __init__(self, single_waiter_config):
        self._config = single_waiter_config
        self.description = single_waiter_config.get("description", "")
        self.operation = single_waiter_config["operation"]
        self.delay = single_waiter_config["delay"]
        self.max_attempts = single_waiter_config["maxAttempts"]

    @property
    def acceptors(self):
        return [AcceptorConfig(c) for c in self._config["acceptors"]]


class AcceptorConfig:
    def __init__(self, config):
        self.state = config["state"]
        self.matcher = config["matcher"]
        self.expected = config["expected"]
        self.argument = config.get("argument")
        self.matcher_func = self._create_matcher_func()

    @property
    def explanation(self):
        if self.matcher == "path":
            return f'For expression "{self.argument}" we matched expected path: "{self.expected}"'
        if self.matcher == "pathAll":
            return f'For expression "{self.argument}" all members matched expected path: "{self.expected}"'
        if self.matcher == "pathAny":
            return f'For expression "{self.argument}" we matched expected path: "{self.expected}" at least once'
        if self.matcher == "status":
            return f"Matched expected HTTP status code: {self.expected}"
        if self.matcher == "error":
            return f"Matched expected service error code: {self.expected}"
        return f'No explanation for unknown waiter type: "{self.matcher}"'

    def _create_matcher_func(self):
        expected = self.expected
        if self.matcher in ("path", "pathAll", "pathAny"):
            expression = jmespath.compile(self.argument)
            kind = self.matcher

            def matches(response):
                if is_valid_waiter_error(response):
                    return None
                result = expression.search(response)
                if kind == "path":
                    return result == expected
                if not isinstance(result, list) or not result:
                    return False
                if kind == "pathAll":
                    return all(element == expected for element in result)
                return any(element == expected for element in result)

            return matches
        if self.matcher == "status":
            return lambda response: response.get("ResponseMetadata", {}).get("HTTPStatusCode") == expected
        if self.matcher == "error":

            def error_matches(response):
                if expected is True:
                    return "Error" in response and "Code" in response["Error"]
                if expected is False:
                    return "Error" not in response
                return response.get("Error", {}).get("Code", "") == expected

            return error_matches
        raise WaiterConfigError(error_msg=f"Unknown acceptor: {self.matcher}")


class Waiter:
    """Waits for a resource to reach a state; returned by `client.get_waiter(name)`."""

    def __init__(self, name, config, operation_method):
        self._operation_method = operation_method
        self.name = name
        self.config = config

    def wait(self, **kwargs):
        """Polls until success (returns None) or failure/timeout (raises `WaiterError`)."""
        acceptors = list(self.config.acceptors)
        current_state = "waiting"
        config = kwargs.pop("WaiterConfig", {})
        sleep_amount = config.get("Delay", self.config.delay)
        max_attempts = config.get("MaxAttempts", self.config.max_attempts)
        last_matched_acceptor = None
        attempts = 0
        acceptor = None
        while True:
            response = self._operation_method(**kwargs)
            attempts += 1
            for acceptor in acceptors:
                if acceptor.matcher_func(response):
                    last_matched_acceptor = acceptor
                    current_state = acceptor.state
                    break
            else:
                if is_valid_waiter_error(response):
                    raise WaiterError(
                        name=self.name,
                        reason="An error occurred ({}): {}".format(
                            response["Error"].get("Code", "Unknown"), response["Error"].get("Message", "Unknown")
                        ),
                        last_response=response,
                    )
            if current_state == "success":
                return
            if current_state == "failure":
                reason = f"Waiter encountered a terminal failure state: {acceptor.explanation}"
                raise WaiterError(name=self.name, reason=reason, last_response=response)
            if attempts >= max_attempts:
                if last_matched_acceptor is None:
                    reason = "Max attempts exceeded"
                else:
                    # As botocore: the explanation of the acceptor last looked at.
                    reason = f"Max attempts exceeded. Previously accepted state: {acceptor.explanation}"
                raise WaiterError(name=self.name, reason=reason, last_response=response)
            time.sleep(sleep_amount)
