"""`boto3.dynamodb.conditions`: `Key`/`Attr` condition builders and the expression builder, as boto3.

`Key("pk").eq(1) & Attr("age").gt(30)` builds a condition object; `ConditionExpressionBuilder`
turns one into an expression string with `#n0`/`:v0` placeholders and the two placeholder dicts,
exactly as boto3 numbers them.

As in boto3, the low-level client does not accept condition objects: pass them to the resource
layer (`boto3.resource("dynamodb").Table(name).query(KeyConditionExpression=Key("pk").eq(1))`), or
build the strings yourself for `client.query`. A client given a condition object raises
`ParamValidationError`, as boto3's does.
"""

import re
from collections import namedtuple

from boto3.exceptions import (
    DynamoDBNeedsConditionError,
    DynamoDBNeedsKeyConditionError,
    DynamoDBOperationNotSupportedError,
)

__all__ = [
    "And", "Attr", "AttributeExists", "AttributeNotExists", "AttributeType", "BeginsWith", "Between",
    "BuiltConditionExpression", "ConditionBase", "ConditionExpressionBuilder", "Contains", "Equals",
    "GreaterThan", "GreaterThanEquals", "In", "Key", "LessThan", "LessThanEquals", "Not", "NotEquals", "Or",
    "Size",
]

# Parts of an attribute path that get their own name placeholder (`a.b[0].c` -> a, b, c).
ATTR_NAME_REGEX = re.compile(r"[^.\[\]]+(?![^\[]*\])")


class ConditionBase:
    expression_format = ""
    expression_operator = ""
    has_grouped_values = False

    def __init__(self, *values):
        self._values = values

    def __and__(self, other):
        if not isinstance(other, ConditionBase):
            raise DynamoDBOperationNotSupportedError("AND", other)
        return And(self, other)

    def __or__(self, other):
        if not isinstance(other, ConditionBase):
            raise DynamoDBOperationNotSupportedError("OR", other)
        return Or(self, other)

    def __invert__(self):
        return Not(self)

    def get_expression(self):
        return {"format": self.expression_format, "operator": self.expression_operator, "values": self._values}

    def __eq__(self, other):
        return isinstance(other, type(self)) and self._values == other._values

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = None


class AttributeBase:
    def __init__(self, name):
        self.name = name

    def __and__(self, value):
        raise DynamoDBOperationNotSupportedError("AND", self)

    def __or__(self, value):
        raise DynamoDBOperationNotSupportedError("OR", self)

    def __invert__(self):
        raise DynamoDBOperationNotSupportedError("NOT", self)

    def eq(self, value):
        return Equals(self, value)

    def lt(self, value):
        return LessThan(self, value)

    def lte(self, value):
        return LessThanEquals(self, value)

    def gt(self, value):
        return GreaterThan(self, value)

    def gte(self, value):
        return GreaterThanEquals(self, value)

    def begins_with(self, value):
        return BeginsWith(self, value)

    def between(self, low_value, high_value):
        return Between(self, low_value, high_value)

    def __eq__(self, other):
        return isinstance(other, type(self)) and self.name == other.name

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = None


class ConditionAttributeBase(ConditionBase, AttributeBase):
    """A condition that is also an attribute (`Attr("x").size().gt(3)`)."""

    def __init__(self, *values):
        ConditionBase.__init__(self, *values)
        AttributeBase.__init__(self, values[0].name)

    def __eq__(self, other):
        return ConditionBase.__eq__(self, other) and AttributeBase.__eq__(self, other)

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = None


class ComparisonCondition(ConditionBase):
    expression_format = "{0} {operator} {1}"


class Equals(ComparisonCondition):
    expression_operator = "="


class NotEquals(ComparisonCondition):
    expression_operator = "<>"


class LessThan(ComparisonCondition):
    expression_operator = "<"


class LessThanEquals(ComparisonCondition):
    expression_operator = "<="


class GreaterThan(ComparisonCondition):
    expression_operator = ">"


class GreaterThanEquals(ComparisonCondition):
    expression_operator = ">="


class In(ComparisonCondition):
    expression_operator = "IN"
    has_grouped_values = True


class Between(ConditionBase):
    expression_operator = "BETWEEN"
    expression_format = "{0} {operator} {1} AND {2}"


class BeginsWith(ConditionBase):
    expression_operator = "begins_with"
    expression_format = "{operator}({0}, {1})"


class Contains(ConditionBase):
    expression_operator = "contains"
    expression_format = "{operator}({0}, {1})"


class Size(ConditionAttributeBase):
    expression_operator = "size"
    expression_format = "{operator}({0})"


class AttributeType(ConditionBase):
    expression_operator = "attribute_type"
    expression_format = "{operator}({0}, {1})"


class AttributeExists(ConditionBase):
    expression_operator = "attribute_exists"
    expression_format = "{operator}({0})"


class AttributeNotExists(ConditionBase):
    expression_operator = "attribute_not_exists"
    expression_format = "{operator}({0})"


class And(ConditionBase):
    expression_operator = "AND"
    expression_format = "({0} {operator} {1})"


class Or(ConditionBase):
    expression_operator = "OR"
    expression_format = "({0} {operator} {1})"


class Not(ConditionBase):
    expression_operator = "NOT"
    expression_format = "({operator} {0})"


class Key(AttributeBase):
    """A key attribute, for `KeyConditionExpression`."""


class Attr(AttributeBase):
    """An item attribute, for `FilterExpression`/`ConditionExpression`."""

    def ne(self, value):
        return NotEquals(self, value)

    def is_in(self, value):
        return In(self, value)

    def exists(self):
        return AttributeExists(self)

    def not_exists(self):
        return AttributeNotExists(self)

    def contains(self, value):
        return Contains(self, value)

    def size(self):
        return Size(self)

    def attribute_type(self, value):
        return AttributeType(self, value)


BuiltConditionExpression = namedtuple(
    "BuiltConditionExpression",
    ["condition_expression", "attribute_name_placeholders", "attribute_value_placeholders"],
)


class ConditionExpressionBuilder:
    """Builds condition expressions with `#nN`/`:vN` placeholders (counters run across calls
    until `reset()`)."""

    def __init__(self):
        self._name_count = 0
        self._value_count = 0

    def reset(self):
        self._name_count = 0
        self._value_count = 0

    def build_expression(self, condition, is_key_condition=False):
        if not isinstance(condition, ConditionBase):
            raise DynamoDBNeedsConditionError(condition)
        names, values = {}, {}
        expression = self._build(condition, names, values, is_key_condition)
        return BuiltConditionExpression(expression, names, values)

    def _build(self, condition, names, values, is_key_condition):
        parts = condition.get_expression()
        replaced = [
            self._component(v, names, values, condition.has_grouped_values, is_key_condition)
            for v in parts["values"]
        ]
        return parts["format"].format(*replaced, operator=parts["operator"])

    def _component(self, value, names, values, grouped, is_key_condition):
        if isinstance(value, ConditionBase):
            return self._build(value, names, values, is_key_condition)
        if isinstance(value, AttributeBase):
            if is_key_condition and not isinstance(value, Key):
                raise DynamoDBNeedsKeyConditionError(
                    f"Attribute object {value.name} is of type {type(value)}. "
                    "KeyConditionExpression only supports Attribute objects of type Key"
                )
            return self._name_placeholder(value.name, names)
        if grouped:
            return f"({', '.join(self._value_placeholder(v, values) for v in value)})"
        return self._value_placeholder(value, values)

    def _name_placeholder(self, attribute_name, names):
        placeholders = []
        for part in ATTR_NAME_REGEX.findall(attribute_name):
            placeholder = f"#n{self._name_count}"
            self._name_count += 1
            placeholders.append(placeholder)
            names[placeholder] = part
        return ATTR_NAME_REGEX.sub("%s", attribute_name) % tuple(placeholders)

    def _value_placeholder(self, value, values):
        placeholder = f":v{self._value_count}"
        self._value_count += 1
        values[placeholder] = value
        return placeholder
