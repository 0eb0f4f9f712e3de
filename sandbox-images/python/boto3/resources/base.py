"""The base of every resource class (`ServiceResource`) and its `meta` (as boto3)."""

__all__ = ["ResourceMeta", "ServiceResource"]


class ResourceMeta:
    """`resource.meta`: service name, identifier names, the client, loaded `data`, the model."""

    def __init__(self, service_name, identifiers=None, client=None, data=None, resource_model=None):
        self.service_name = service_name
        self.identifiers = [] if identifiers is None else identifiers
        self.client = client
        self.data = data
        self.resource_model = resource_model

    def __repr__(self):
        return f"ResourceMeta('{self.service_name}', identifiers={self.identifiers})"

    def __eq__(self, other):
        return other.__class__.__name__ == self.__class__.__name__ and self.__dict__ == other.__dict__

    def copy(self):
        params = self.__dict__.copy()
        service_name = params.pop("service_name")
        return ResourceMeta(service_name, **params)


class ServiceResource:
    """A resource: identifiers set at creation (positional or by name), everything else lazy."""

    meta = None

    def __init__(self, *args, **kwargs):
        self.meta = self.meta.copy()
        if kwargs.get("client") is not None:
            self.meta.client = kwargs.get("client")
        else:
            import boto3

            self.meta.client = boto3.client(self.meta.service_name)
        for i, value in enumerate(args):
            setattr(self, f"_{self.meta.identifiers[i]}", value)
        for name, value in kwargs.items():
            if name == "client":
                continue
            if name not in self.meta.identifiers:
                raise ValueError(f"Unknown keyword argument: {name}")
            setattr(self, f"_{name}", value)
        for identifier in self.meta.identifiers:
            if getattr(self, identifier) is None:
                raise ValueError(f"Required parameter {identifier} not set")

    def __repr__(self):
        identifiers = [f"{i}={getattr(self, i)!r}" for i in self.meta.identifiers]
        return f"{self.__class__.__name__}({', '.join(identifiers)})"

    def __eq__(self, other):
        if other.__class__.__name__ != self.__class__.__name__:
            return False
        return all(getattr(self, i) == getattr(other, i) for i in self.meta.identifiers)

    def __hash__(self):
        return hash((self.__class__.__name__, tuple(getattr(self, i) for i in self.meta.identifiers)))
