"""What resource actions, references and collections return: raw responses or resources (as boto3)."""

import jmespath
from botocore import xform_name

from boto3.resources.params import get_data_member

__all__ = ["RawHandler", "ResourceHandler", "all_not_none", "build_identifiers"]


def all_not_none(iterable):
    return all(element is not None for element in iterable)


def build_identifiers(identifiers, parent, params=None, raw_response=None):
    """(snake_case name, value) of each identifier of a response resource."""
    results = []
    for identifier in identifiers:
        source = identifier.source
        if source == "response":
            value = jmespath.search(identifier.path, raw_response)
        elif source == "requestParameter":
            value = jmespath.search(identifier.path, params)
        elif source == "identifier":
            value = getattr(parent, xform_name(identifier.name))
        elif source == "data":
            value = get_data_member(parent, identifier.path)
        elif source == "input":
            continue
        else:
            raise NotImplementedError(f"Unsupported source type: {source}")
        results.append((xform_name(identifier.target), value))
    return results


class RawHandler:
    """The response itself (or the part at the action's `path`)."""

    def __init__(self, search_path):
        self.search_path = search_path

    def __call__(self, parent, params, response):
        if self.search_path and self.search_path != "$":
            response = jmespath.search(self.search_path, response)
        return response


class ResourceHandler:
    """A resource, or a list of resources, built from a response."""

    def __init__(self, search_path, factory, resource_model, service_context, operation_name=None):
        self.search_path = search_path
        self.factory = factory
        self.resource_model = resource_model
        self.operation_name = operation_name
        self.service_context = service_context

    def __call__(self, parent, params, response):
        name = self.resource_model.type
        resource_cls = self.factory.load_from_definition(
            name, self.service_context.resource_json_definitions.get(name), self.service_context
        )
        search_response = jmespath.search(self.search_path, response) if self.search_path else None
        identifiers = dict(build_identifiers(self.resource_model.identifiers, parent, params, response))
        plural = [v for v in identifiers.values() if isinstance(v, list)]
        if plural:
            return [
                self.handle_response_item(resource_cls, parent, identifiers, search_response[i] if search_response else None)
                for i in range(len(plural[0]))
            ]
        if all_not_none(identifiers.values()):
            return self.handle_response_item(resource_cls, parent, identifiers, search_response)
        if self.operation_name is None:
            return None
        # boto3 returns an empty value of the response shape's type here.
        return [] if self.search_path and self.search_path.endswith("]") else {}

    def handle_response_item(self, resource_cls, parent, identifiers, resource_data):
        kwargs = {"client": parent.meta.client}
        for name, value in identifiers.items():
            kwargs[name] = value.pop(0) if isinstance(value, list) else value
        resource = resource_cls(**kwargs)
        if resource_data is not None:
            resource.meta.data = resource_data
        return resource
