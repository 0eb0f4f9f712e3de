"""The resource model: boto3's `resources-1.json` read the way boto3 reads it.

A resource has identifiers, attributes (the members of its botocore shape), a load action, actions,
batch actions, sub-resources (`has` without data), references (`has` with data), collections
(`hasMany`) and waiters. Names follow boto3 exactly, including its collision renaming: when two
kinds of member would share a Python name, the later kind in this order gets a `_<kind>` suffix:
load, identifiers, actions, sub-resources, references, collections, waiters, attributes.

The models and shapes come from `boto3.resources._data` (generated from boto3/botocore, with
provenance), parsed on first use of a service.
"""

import json

from botocore import xform_name

__all__ = [
    "Action", "Collection", "DefinitionWithParams", "Identifier", "Parameter", "Request", "ResourceModel",
    "ResponseResource", "Waiter", "resource_definition", "shape_members",
]

_models = {}
_shapes = {}


def resource_definition(service_name):
    """boto3's resource model of `service_name` (`{"service": ..., "resources": ...}`), or None."""
    if service_name not in _models:
        from boto3.resources import _data

        text = _data.MODELS.get(service_name)
        _models[service_name] = json.loads(text) if text is not None else None
        _shapes[service_name] = json.loads(_data.SHAPES[service_name]) if text is not None else {}
    return _models[service_name]


def available_resources():
    from boto3.resources import _data

    return sorted(_data.MODELS)


def shape_members(service_name, shape_name):
    """The member names (in model order) of a botocore shape a resource of `service_name` uses."""
    resource_definition(service_name)
    return _shapes[service_name].get(shape_name)


class Identifier:
    """A resource identifier: its (snake_case) `name`, and the shape member backing it, if any."""

    def __init__(self, name, member_name=None):
        self.name = name
        self.member_name = member_name


class Parameter:
    """A request parameter or response identifier: where a value comes from (`source`) and goes."""

    def __init__(self, target, source, name=None, path=None, value=None, **kwargs):
        self.target = target
        self.source = source
        self.name = name
        self.path = path
        self.value = value


class DefinitionWithParams:
    def __init__(self, definition):
        self._definition = definition

    @property
    def params(self):
        return [Parameter(**item) for item in self._definition.get("params", [])]


class Request(DefinitionWithParams):
    def __init__(self, definition):
        super().__init__(definition)
        self.operation = definition.get("operation")


class Waiter(DefinitionWithParams):
    PREFIX = "WaitUntil"

    def __init__(self, name, definition):
        super().__init__(definition)
        self.name = name
        self.waiter_name = definition.get("waiterName")


class ResponseResource:
    """The resource (or list of resources) an action, reference or collection returns."""

    def __init__(self, definition, resource_defs):
        self._definition = definition
        self._resource_defs = resource_defs
        self.type = definition.get("type")
        self.path = definition.get("path")

    @property
    def identifiers(self):
        return [Parameter(**item) for item in self._definition.get("identifiers", [])]

    @property
    def model(self):
        return ResourceModel(self.type, self._resource_defs[self.type], self._resource_defs)


class Action:
    def __init__(self, name, definition, resource_defs):
        self._definition = definition
        self.name = name
        self.request = Request(definition["request"]) if "request" in definition else None
        self.resource = ResponseResource(definition["resource"], resource_defs) if "resource" in definition else None
        self.path = definition.get("path")


class Collection(Action):
    @property
    def batch_actions(self):
        return self.resource.model.batch_actions


class ResourceModel:
    """One resource (or the service resource) of a service's resource model."""

    def __init__(self, name, definition, resource_defs):
        self._definition = definition
        self._resource_defs = resource_defs
        self._renamed = {}
        self.name = name
        self.shape = definition.get("shape")

    def load_rename_map(self, shape_members=None):
        """Sets up boto3's renames for name collisions (see the module docstring for the order)."""
        names = {"meta"}
        self._renamed = {}
        if self._definition.get("load"):
            names.add("load")
        for item in self._definition.get("identifiers", []):
            self._add_name(names, item["name"], "identifier")
        for name in self._definition.get("actions", {}):
            self._add_name(names, name, "action")
        for name, ref in self._has_definition().items():
            data_required = any(i["source"] == "data" for i in ref["resource"]["identifiers"])
            if data_required:
                self._add_name(names, name, "reference")
            else:
                self._add_name(names, name, "subresource", snake_case=False)
        for name in self._definition.get("hasMany", {}):
            self._add_name(names, name, "collection")
        for name in self._definition.get("waiters", {}):
            self._add_name(names, Waiter.PREFIX + name, "waiter")
        for name in shape_members or ():
            self._add_name(names, name, "attribute")

    def _add_name(self, names, name, category, snake_case=True):
        if snake_case:
            name = xform_name(name)
        if name in names:
            self._renamed[(category, name)] = f"{name}_{category}"
            name += f"_{category}"
            if name in names:
                raise ValueError(f"Problem renaming {self.name} {category} to {name}!")
        names.add(name)

    def _get_name(self, category, name, snake_case=True):
        if snake_case:
            name = xform_name(name)
        return self._renamed.get((category, name), name)

    def get_attributes(self, shape_members):
        """Python attribute name -> model member name, for the members that are not identifiers."""
        attributes = {}
        identifier_names = [i.name for i in self.identifiers]
        for name in shape_members:
            snake = xform_name(name)
            if snake in identifier_names:
                continue
            attributes[self._get_name("attribute", snake, snake_case=False)] = name
        return attributes

    @property
    def identifiers(self):
        identifiers = []
        for item in self._definition.get("identifiers", []):
            member_name = item.get("memberName")
            identifiers.append(Identifier(
                self._get_name("identifier", item["name"]),
                self._get_name("attribute", member_name) if member_name else None,
            ))
        return identifiers

    @property
    def load(self):
        definition = self._definition.get("load")
        return Action("load", definition, self._resource_defs) if definition is not None else None

    @property
    def actions(self):
        return [Action(self._get_name("action", name), item, self._resource_defs)
                for name, item in self._definition.get("actions", {}).items()]

    @property
    def batch_actions(self):
        return [Action(self._get_name("batch_action", name), item, self._resource_defs)
                for name, item in self._definition.get("batchActions", {}).items()]

    def _has_definition(self):
        # The service resource has every resource of the service as a sub-resource, so that
        # `s3.Object(bucket, key)` works although the model does not list it.
        if self.name in self._resource_defs:
            return self._definition.get("has", {})
        definition = {}
        for name, resource_def in self._resource_defs.items():
            found = False
            for has_name, has_def in self._definition.get("has", {}).items():
                if has_def.get("resource", {}).get("type") == name:
                    definition[has_name] = has_def
                    found = True
            if not found:
                definition[name] = {"resource": {"type": name, "identifiers": [
                    {"target": i["name"], "source": "input"} for i in resource_def.get("identifiers", [])
                ]}}
        return definition

    def _related(self, subresources):
        related = []
        for name, definition in self._has_definition().items():
            if subresources:
                name = self._get_name("subresource", name, snake_case=False)
            else:
                name = self._get_name("reference", name)
            action = Action(name, definition, self._resource_defs)
            data_required = any(i.source == "data" for i in action.resource.identifiers)
            if subresources != data_required:
                related.append(action)
        return related

    @property
    def subresources(self):
        return self._related(True)

    @property
    def references(self):
        return self._related(False)

    @property
    def collections(self):
        return [Collection(self._get_name("collection", name), item, self._resource_defs)
                for name, item in self._definition.get("hasMany", {}).items()]

    @property
    def waiters(self):
        return [Waiter(self._get_name("waiter", Waiter.PREFIX + name), item)
                for name, item in self._definition.get("waiters", {}).items()]
