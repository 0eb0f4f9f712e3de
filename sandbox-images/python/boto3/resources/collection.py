"""Resource collections (`s3.buckets.all()`, `bucket.objects.filter(Prefix=...)`), as boto3.

A collection is lazy: iterating it calls the operation (through the client's paginator when the
operation paginates, with `limit` as `MaxItems` and `page_size` as `PageSize`), turning each page's
items into resources. `all()`, `filter(**params)`, `limit(n)`, `page_size(n)` return new collections;
`pages()` yields lists of resources; batch actions (`bucket.objects.delete()`) act on every page.
"""

import copy

from botocore import xform_name
from botocore.utils import merge_dicts

from boto3.resources.action import BatchAction
from boto3.resources.params import create_request_parameters
from boto3.resources.response import ResourceHandler

__all__ = ["CollectionFactory", "CollectionManager", "ResourceCollection"]


class ResourceCollection:
    def __init__(self, model, parent, handler, **kwargs):
        self._model = model
        self._parent = parent
        self._py_operation_name = xform_name(model.request.operation)
        self._handler = handler
        self._params = copy.deepcopy(kwargs)

    def __repr__(self):
        return f"{self.__class__.__name__}({self._parent}, {self._parent.meta.service_name}.{self._model.resource.type})"

    def __iter__(self):
        limit = self._params.get("limit", None)
        count = 0
        for page in self.pages():
            for item in page:
                yield item
                count += 1
                if limit is not None and count >= limit:
                    return

    def _clone(self, **kwargs):
        params = copy.deepcopy(self._params)
        merge_dicts(params, kwargs, append_lists=True)
        return self.__class__(self._model, self._parent, self._handler, **params)

    def pages(self):
        client = self._parent.meta.client
        cleaned = self._params.copy()
        limit = cleaned.pop("limit", None)
        page_size = cleaned.pop("page_size", None)
        params = create_request_parameters(self._parent, self._model.request)
        merge_dicts(params, cleaned, append_lists=True)
        if client.can_paginate(self._py_operation_name):
            paginator = client.get_paginator(self._py_operation_name)
            pages = paginator.paginate(PaginationConfig={"MaxItems": limit, "PageSize": page_size}, **params)
        else:
            pages = [getattr(client, self._py_operation_name)(**params)]
        count = 0
        for page in pages:
            items = []
            for item in self._handler(self._parent, params, page):
                items.append(item)
                count += 1
                if limit is not None and count >= limit:
                    break
            yield items
            if limit is not None and count >= limit:
                break

    def all(self):
        return self._clone()

    def filter(self, **kwargs):
        return self._clone(**kwargs)

    def limit(self, count):
        return self._clone(limit=count)

    def page_size(self, count):
        return self._clone(page_size=count)


class CollectionManager:
    _collection_cls = ResourceCollection

    def __init__(self, collection_model, parent, factory, service_context):
        self._model = collection_model
        self._parent = parent
        self._handler = ResourceHandler(
            collection_model.resource.path, factory, collection_model.resource, service_context,
            operation_name=collection_model.request.operation,
        )

    def __repr__(self):
        return f"{self.__class__.__name__}({self._parent}, {self._parent.meta.service_name}.{self._model.resource.type})"

    def iterator(self, **kwargs):
        return self._collection_cls(self._model, self._parent, self._handler, **kwargs)

    def all(self):
        return self.iterator()

    def filter(self, **kwargs):
        return self.iterator(**kwargs)

    def limit(self, count):
        return self.iterator(limit=count)

    def page_size(self, count):
        return self.iterator(page_size=count)

    def pages(self):
        return self.iterator().pages()


class CollectionFactory:
    """Makes the collection and manager classes of one `hasMany` (with its batch actions)."""

    def load_from_definition(self, resource_name, collection_model, service_context):
        attrs = {"__module__": "boto3.resources.collection"}
        for action_model in collection_model.batch_actions:
            attrs[xform_name(action_model.name)] = _batch_action(xform_name(action_model.name), action_model)
        service = service_context.service_name
        if service == resource_name:
            name = f"{service}.{collection_model.name}Collection"
        else:
            name = f"{service}.{resource_name}.{collection_model.name}Collection"
        collection_cls = type(name, (ResourceCollection,), attrs)
        attrs = {**attrs, "_collection_cls": collection_cls}
        return type(f"{name}Manager", (CollectionManager,), attrs)


def _batch_action(snake_cased, action_model):
    action = BatchAction(action_model)

    def batch_action(self, *args, **kwargs):
        return action(self, *args, **kwargs)

    batch_action.__name__ = snake_cased
    return batch_action
