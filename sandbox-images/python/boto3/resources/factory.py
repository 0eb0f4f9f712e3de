"""`boto3.resource(...)`: resource classes built from boto3's resource models, as boto3 builds them.

Services with a resource model (boto3 1.43: cloudformation, cloudwatch, dynamodb, ec2, glacier, iam,
s3, sns, sqs) work as under boto3: the service resource (`s3.buckets.all()`, `ec2.Instance(id)`),
identifiers, lazily loaded attributes, actions, sub-resources, references, collections with
pagination and batch actions, waiters (`wait_until_running`), and boto3's customizations: S3
transfer methods and `Bucket.load`/`ObjectSummary.load`, DynamoDB's high-level interface
(`Table.query(KeyConditionExpression=Key("pk").eq(1))`, plain Python values in and out,
`batch_writer()`), EC2 `create_tags`/`Instance.delete_tags`. Other services raise
`ResourceNotExistsError` as boto3. Every call is the resource client's, made by the host.
"""

from functools import partial

from boto3.exceptions import ResourceLoadException, ResourceNotExistsError
from boto3.resources.action import ServiceAction, WaiterAction
from boto3.resources.base import ResourceMeta, ServiceResource
from boto3.resources.collection import CollectionFactory
from boto3.resources.model import ResourceModel, available_resources, resource_definition, shape_members
from boto3.resources.response import ResourceHandler, build_identifiers

__all__ = ["ResourceFactory", "ServiceContext", "create_resource"]


class ServiceContext:
    """What every resource class of one service shares."""

    def __init__(self, service_name, service_model, resource_json_definitions):
        self.service_name = service_name
        self.service_model = service_model
        self.resource_json_definitions = resource_json_definitions


def _customizations(class_name):
    """boto3's per-class customizations: (extra base classes, attributes to add)."""
    if class_name in ("s3.Bucket", "s3.Object", "s3.ObjectSummary"):
        from boto3.s3 import inject

        return [], inject.RESOURCE_METHODS[class_name]
    if class_name == "dynamodb.Table":
        from boto3.dynamodb.table import TableResource

        return [TableResource], {}
    if class_name == "ec2.ServiceResource":
        from boto3.ec2.createtags import create_tags

        return [], {"create_tags": create_tags}
    if class_name == "ec2.Instance":
        from boto3.ec2.deletetags import delete_tags

        return [], {"delete_tags": delete_tags}
    return [], {}


class ResourceFactory:
    """Builds (and caches, per service context) the class of each resource."""

    def __init__(self):
        self._collection_factory = CollectionFactory()
        self._classes = {}

    def load_from_definition(self, resource_name, single_resource_json_definition, service_context):
        key = (id(service_context), resource_name)
        cls = self._classes.get(key)
        if cls is None:
            cls = self._build(resource_name, single_resource_json_definition or {}, service_context)
            self._classes[key] = cls
        return cls

    def _build(self, resource_name, definition, service_context):
        model = ResourceModel(resource_name, definition, service_context.resource_json_definitions)
        members = shape_members(service_context.service_name, model.shape) if model.shape else None
        model.load_rename_map(members)
        meta = ResourceMeta(service_context.service_name, resource_model=model)
        attrs = {"meta": meta, "__module__": "boto3.resources.factory"}
        for identifier in model.identifiers:
            meta.identifiers.append(identifier.name)
            attrs[identifier.name] = _identifier_property(identifier.name)
        if model.load:
            attrs["load"] = self._action(model.load, service_context, is_load=True)
            attrs["reload"] = attrs["load"]
        for action in model.actions:
            attrs[action.name] = self._action(action, service_context)
        if members:
            aliases = {i.member_name: i for i in model.identifiers if i.member_name}
            for name, original in model.get_attributes(members).items():
                if name in aliases:
                    attrs[name] = _identifier_property(aliases[name].name)
                else:
                    attrs[name] = _autoload_property(name, original)
        for collection in model.collections:
            attrs[collection.name] = self._collection(resource_name, collection, service_context)
        for reference in model.references:
            attrs[reference.name] = self._reference(reference, service_context)
        subresources = model.subresources
        for subresource in subresources:
            attrs[subresource.name] = self._subresource(subresource, service_context)
        names = sorted(s.name for s in subresources)
        attrs["get_available_subresources"] = lambda self: names
        for waiter in model.waiters:
            attrs[waiter.name] = _waiter(waiter)
        service = service_context.service_name
        cls_name = f"{service}.{'ServiceResource' if resource_name == service else resource_name}"
        extra_bases, extra_attrs = _customizations(cls_name)
        if service == "dynamodb" and resource_name == service:
            from boto3.dynamodb.transform import DynamoDBHighLevelResource

            extra_bases = [DynamoDBHighLevelResource, *extra_bases]
        attrs.update(extra_attrs)
        return type(cls_name, (*extra_bases, ServiceResource), attrs)

    def _action(self, action_model, service_context, is_load=False):
        action = ServiceAction(action_model, factory=self, service_context=service_context)
        if is_load:

            def do_action(self, *args, **kwargs):
                self.meta.data = action(self, *args, **kwargs)

        else:

            def do_action(self, *args, **kwargs):
                response = action(self, *args, **kwargs)
                if hasattr(self, "load"):
                    self.meta.data = None  # the action may have changed the resource: reload lazily
                return response

        do_action.__name__ = action_model.name
        return do_action

    def _collection(self, resource_name, collection_model, service_context):
        cls = self._collection_factory.load_from_definition(resource_name, collection_model, service_context)
        factory = self

        def get_collection(self):
            return cls(collection_model, self, factory, service_context)

        get_collection.__name__ = collection_model.name
        return property(get_collection)

    def _reference(self, reference_model, service_context):
        handler = ResourceHandler(reference_model.resource.path, self, reference_model.resource, service_context)
        needs_data = any(i.source == "data" for i in reference_model.resource.identifiers)

        def get_reference(self):
            if needs_data and self.meta.data is None and hasattr(self, "load"):
                self.load()
            return handler(self, {}, self.meta.data)

        get_reference.__name__ = reference_model.name
        return property(get_reference)

    def _subresource(self, subresource_model, service_context):
        name = subresource_model.resource.type
        factory = self

        def create_resource(self, *args, **kwargs):
            json_def = service_context.resource_json_definitions.get(name, {})
            resource_cls = factory.load_from_definition(name, json_def, service_context)
            positional = [value for _, value in build_identifiers(subresource_model.resource.identifiers, self)]
            return partial(resource_cls, *positional, client=self.meta.client)(*args, **kwargs)

        create_resource.__name__ = name
        return create_resource


def _identifier_property(name):
    def get_identifier(self):
        return getattr(self, f"_{name}", None)

    get_identifier.__name__ = name
    return property(get_identifier)


def _autoload_property(snake_cased, name):
    def property_loader(self):
        if self.meta.data is None:
            if hasattr(self, "load"):
                self.load()
            else:
                raise ResourceLoadException(f"{self.__class__.__name__} has no load method")
        return self.meta.data.get(name)

    property_loader.__name__ = snake_cased
    return property(property_loader)


def _waiter(waiter_model):
    waiter = WaiterAction(waiter_model, waiter_resource_name=waiter_model.name)

    def do_waiter(self, *args, **kwargs):
        waiter(self, *args, **kwargs)

    do_waiter.__name__ = waiter_model.name
    return do_waiter


_factory = ResourceFactory()


def create_resource(session, service_name, region_name=None, api_version=None, use_ssl=True, verify=None,
                    endpoint_url=None, aws_access_key_id=None, aws_secret_access_key=None,
                    aws_session_token=None, config=None):
    """`Session.resource(...)`: the service resource of `service_name`, with its own client."""
    definition = resource_definition(service_name) if isinstance(service_name, str) else None
    if definition is None:
        from botocore.exceptions import UnknownServiceError

        try:
            import runscript_aws

            has_client = runscript_aws.client_metadata(str(service_name)) is not None
        except UnknownServiceError:
            has_client = False
        raise ResourceNotExistsError(service_name, available_resources(), has_client)
    client = session.client(
        service_name, region_name=region_name, api_version=api_version, use_ssl=use_ssl, verify=verify,
        endpoint_url=endpoint_url, aws_access_key_id=aws_access_key_id,
        aws_secret_access_key=aws_secret_access_key, aws_session_token=aws_session_token, config=config,
    )
    context = ServiceContext(service_name, client.meta.service_model, definition["resources"])
    cls = _factory.load_from_definition(service_name, definition["service"], context)
    return cls(client=client)
