"""Request parameters of resource actions, from identifiers, loaded data and constants (as boto3)."""

import re

import jmespath
from botocore import xform_name

from boto3.exceptions import ResourceLoadException

__all__ = ["build_param_structure", "create_request_parameters", "get_data_member"]

INDEX_RE = re.compile(r"\[(.*)\]$")


def get_data_member(parent, path):
    """The value at JMESPath `path` in `parent`'s data, loading the resource first if needed."""
    if parent.meta.data is None:
        if hasattr(parent, "load"):
            parent.load()
        else:
            raise ResourceLoadException(f"{parent.__class__.__name__} has no load method!")
    return jmespath.search(path, parent.meta.data)


def create_request_parameters(parent, request_model, params=None, index=None):
    """The parameters a request model fills from `parent` (identifiers, data, constants)."""
    if params is None:
        params = {}
    for param in request_model.params:
        source = param.source
        if source == "identifier":
            value = getattr(parent, xform_name(param.name))
        elif source == "data":
            value = get_data_member(parent, param.path)
        elif source in ("string", "integer", "boolean"):
            value = param.value
        elif source == "input":
            continue
        else:
            raise NotImplementedError(f"Unsupported source type: {source}")
        build_param_structure(params, param.target, value, index)
    return params


def build_param_structure(params, target, value, index=None):
    """Sets `value` at `target` (`A.B[0].C`, `Filters[*]`, `Ids[]`) in `params`, creating the way."""
    pos = params
    parts = target.split(".")
    for i, part in enumerate(parts):
        result = INDEX_RE.search(part)
        if result:
            if result.group(1):
                if result.group(1) == "*":
                    part = part[:-3]
                else:
                    index = int(result.group(1))
                    part = part[: -len(f"{index}[]")]
            else:
                index = None
                part = part[:-2]
            if part not in pos or not isinstance(pos[part], list):
                pos[part] = []
            if index is None:
                index = len(pos[part])
            while len(pos[part]) <= index:
                pos[part].append({})
            if i == len(parts) - 1:
                pos[part][index] = value
            else:
                pos = pos[part][index]
        else:
            if part not in pos:
                pos[part] = {}
            if i == len(parts) - 1:
                pos[part] = value
            else:
                pos = pos[part]
