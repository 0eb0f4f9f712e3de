"""DynamoDB's high-level interface, as boto3: what makes `Table.query(KeyConditionExpression=Key(...))`
and plain Python values work on a DynamoDB *resource*'s client (and only there).

Before each call of the resource's client: the parameters are deep-copied (the script's dicts are
never changed); condition objects in `ConditionExpression`-shaped members (`ConditionExpression`,
`FilterExpression`) and `KeyExpression`-shaped ones (`KeyConditionExpression`) become expression
strings with `#n`/`:v` placeholders merged into `ExpressionAttributeNames`/`Values`; every
`AttributeValue`-shaped member is serialized with `TypeSerializer`. After the call, every
`AttributeValue` in the response is deserialized with `TypeDeserializer`. Where the shapes occur
comes from botocore's model (`boto3.resources._data.DYNAMODB_TRANSFORMS`).
"""

import copy
import json
from collections.abc import Mapping, MutableSequence

from boto3.dynamodb.conditions import ConditionBase, ConditionExpressionBuilder
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

__all__ = ["DynamoDBHighLevelResource", "TransformationInjector"]

_specs = None


def _operation_specs():
    global _specs
    if _specs is None:
        from boto3.resources import _data

        _specs = json.loads(_data.DYNAMODB_TRANSFORMS)
    return _specs


class _ForgetfulDict(dict):
    def __setitem__(self, key, value):
        pass


def _transform(value, spec, target, transformation):
    """`value` with `transformation` applied wherever `spec` has the `target` shape."""
    if "T" in spec:
        return transformation(value) if spec["T"] == target else value
    if "S" in spec:
        if isinstance(value, Mapping):
            for key in value:
                if key in spec["S"]:
                    value[key] = _transform(value[key], spec["S"][key], target, transformation)
    elif "L" in spec:
        if isinstance(value, MutableSequence):
            for i, item in enumerate(value):
                value[i] = _transform(item, spec["L"], target, transformation)
    elif "M" in spec and isinstance(value, Mapping):
        for key, item in value.items():
            value[key] = _transform(item, spec["M"], target, transformation)
    return value


class _ConditionTransformation:
    def __init__(self, builder, names, values, is_key_condition):
        self._builder = builder
        self._names = names
        self._values = values
        self._is_key_condition = is_key_condition

    def __call__(self, value):
        if isinstance(value, ConditionBase):
            built = self._builder.build_expression(value, is_key_condition=self._is_key_condition)
            self._names.update(built.attribute_name_placeholders)
            self._values.update(built.attribute_value_placeholders)
            return built.condition_expression
        return value


class TransformationInjector:
    """The before/after hooks a DynamoDB resource installs on its client."""

    def __init__(self):
        self._builder = ConditionExpressionBuilder()
        self._serializer = TypeSerializer()
        self._deserializer = TypeDeserializer()

    def before_call(self, api_name, params):
        params = copy.deepcopy(params, memo=_ForgetfulDict())
        spec = _operation_specs().get(api_name, {}).get("input")
        if spec is None:
            return params
        self._builder.reset()
        names, values = {}, {}
        _transform(params, spec, "ConditionExpression", _ConditionTransformation(self._builder, names, values, False))
        _transform(params, spec, "KeyExpression", _ConditionTransformation(self._builder, names, values, True))
        for key, generated in (("ExpressionAttributeNames", names), ("ExpressionAttributeValues", values)):
            if key in params:
                params[key].update(generated)
            elif generated:
                params[key] = generated
        return _transform(params, spec, "AttributeValue", self._serializer.serialize)

    def after_call(self, api_name, response):
        spec = _operation_specs().get(api_name, {}).get("output")
        if spec is None:
            return response
        return _transform(response, spec, "AttributeValue", self._deserializer.deserialize)


class DynamoDBHighLevelResource:
    """Base of the DynamoDB service resource: installs the transformations on its client."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.meta.client._call_hooks = TransformationInjector()
