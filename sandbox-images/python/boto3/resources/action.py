"""Resource actions, batch actions (on collections) and waiters (as boto3)."""

from botocore import xform_name

from boto3.resources.params import create_request_parameters
from boto3.resources.response import RawHandler, ResourceHandler

__all__ = ["BatchAction", "ServiceAction", "WaiterAction"]


class ServiceAction:
    """Calls the action's operation with parameters from the resource; returns the raw response
    (or its `path`), or the resources the model says it returns."""

    def __init__(self, action_model, factory=None, service_context=None):
        self._action_model = action_model
        model = action_model.resource
        if model:
            self._response_handler = ResourceHandler(
                model.path, factory, model, service_context, operation_name=action_model.request.operation
            )
        else:
            self._response_handler = RawHandler(action_model.path)

    def __call__(self, parent, *args, **kwargs):
        operation_name = xform_name(self._action_model.request.operation)
        params = create_request_parameters(parent, self._action_model.request)
        params.update(kwargs)
        response = getattr(parent.meta.client, operation_name)(*args, **params)
        return self._response_handler(parent, params, response)


class BatchAction(ServiceAction):
    """One call per page of a collection, with the parameters of every resource of the page."""

    def __call__(self, parent, *args, **kwargs):
        client = None
        responses = []
        operation_name = xform_name(self._action_model.request.operation)
        for page in parent.pages():
            params = {}
            for index, resource in enumerate(page):
                if client is None:
                    client = resource.meta.client
                create_request_parameters(resource, self._action_model.request, params=params, index=index)
            if not params:
                break
            params.update(kwargs)
            response = getattr(client, operation_name)(*args, **params)
            responses.append(self._response_handler(parent, params, response))
        return responses


class WaiterAction:
    """`resource.wait_until_<state>()`: the client's waiter with the resource's identifiers."""

    def __init__(self, waiter_model, waiter_resource_name):
        self._waiter_model = waiter_model
        self._waiter_resource_name = waiter_resource_name

    def __call__(self, parent, *args, **kwargs):
        params = create_request_parameters(parent, self._waiter_model)
        params.update(kwargs)
        parent.meta.client.get_waiter(xform_name(self._waiter_model.waiter_name)).wait(**params)
