"""`boto3.dynamodb.types`: DynamoDB's attribute-value format <-> Python values, as boto3.

`TypeSerializer().serialize(value)`: None -> `{"NULL": True}`, bool -> `BOOL`, int/Decimal -> `N`
(a string, in DynamoDB's decimal context: 38 digits, inexact or rounded values refused), str -> `S`,
bytes/bytearray/`Binary` -> `B`, sets of numbers/strings/binaries -> `NS`/`SS`/`BS`, mappings -> `M`,
lists/tuples -> `L`. A float raises `TypeError` ("Use Decimal types instead"), as in boto3.

`TypeDeserializer().deserialize(attribute_value)` is the inverse: `N` -> `Decimal`, `B` -> `Binary`,
`NS`/`SS`/`BS` -> sets, `L` -> list, `M` -> dict.
"""

from collections.abc import Mapping, Set
from decimal import Clamped, Context, Decimal, Inexact, Overflow, Rounded, Underflow

__all__ = [
    "BINARY", "BINARY_SET", "BOOLEAN", "DYNAMODB_CONTEXT", "LIST", "MAP", "NULL", "NUMBER", "NUMBER_SET",
    "STRING", "STRING_SET", "Binary", "TypeDeserializer", "TypeSerializer",
]

STRING = "S"
NUMBER = "N"
BINARY = "B"
STRING_SET = "SS"
NUMBER_SET = "NS"
BINARY_SET = "BS"
NULL = "NULL"
BOOLEAN = "BOOL"
MAP = "M"
LIST = "L"

DYNAMODB_CONTEXT = Context(Emin=-128, Emax=126, prec=38, traps=[Clamped, Overflow, Inexact, Rounded, Underflow])

BINARY_TYPES = (bytearray, bytes)


class Binary:
    """Binary data for DynamoDB (wraps bytes/bytearray; compares equal to the bytes it wraps)."""

    def __init__(self, value):
        if not isinstance(value, BINARY_TYPES):
            raise TypeError(f"Value must be of the following types: {', '.join(str(t) for t in BINARY_TYPES)}")
        self.value = value

    def __eq__(self, other):
        return self.value == (other.value if isinstance(other, Binary) else other)

    def __ne__(self, other):
        return not self.__eq__(other)

    def __repr__(self):
        return f"Binary({self.value!r})"

    def __str__(self):
        return self.value

    def __bytes__(self):
        return self.value

    def __hash__(self):
        return hash(self.value)


def _is_number(value):
    if isinstance(value, float):
        raise TypeError("Float types are not supported. Use Decimal types instead.")
    return isinstance(value, (int, Decimal))  # bool is an int here too, as in boto3


def _is_string(value):
    return isinstance(value, str)


def _is_binary(value):
    return isinstance(value, (Binary, bytearray, bytes))


def _set_of(value, check):
    return isinstance(value, Set) and all(check(v) for v in value)


class TypeSerializer:
    """Python values -> DynamoDB attribute values (see the module docstring)."""

    def serialize(self, value):
        kind = self._get_dynamodb_type(value)
        return {kind: getattr(self, f"_serialize_{kind.lower()}")(value)}

    def _get_dynamodb_type(self, value):
        if value is None:
            return NULL
        if isinstance(value, bool):
            return BOOLEAN
        if _is_number(value):
            return NUMBER
        if _is_string(value):
            return STRING
        if _is_binary(value):
            return BINARY
        if _set_of(value, _is_number):
            return NUMBER_SET
        if _set_of(value, _is_string):
            return STRING_SET
        if _set_of(value, _is_binary):
            return BINARY_SET
        if isinstance(value, Mapping):
            return MAP
        if isinstance(value, (list, tuple)):
            return LIST
        raise TypeError(f'Unsupported type "{type(value)}" for value "{value}"')

    def _serialize_null(self, value):
        return True

    def _serialize_bool(self, value):
        return value

    def _serialize_n(self, value):
        number = str(DYNAMODB_CONTEXT.create_decimal(value))
        if number in ("Infinity", "NaN"):
            raise TypeError("Infinity and NaN not supported")
        return number

    def _serialize_s(self, value):
        return value

    def _serialize_b(self, value):
        return value.value if isinstance(value, Binary) else value

    def _serialize_ss(self, value):
        return [self._serialize_s(v) for v in value]

    def _serialize_ns(self, value):
        return [self._serialize_n(v) for v in value]

    def _serialize_bs(self, value):
        return [self._serialize_b(v) for v in value]

    def _serialize_l(self, value):
        return [self.serialize(v) for v in value]

    def _serialize_m(self, value):
        return {k: self.serialize(v) for k, v in value.items()}


class TypeDeserializer:
    """DynamoDB attribute values -> Python values (see the module docstring)."""

    def deserialize(self, value):
        if not value:
            raise TypeError("Value must be a nonempty dictionary whose key is a valid dynamodb type.")
        kind = next(iter(value))
        method = getattr(self, f"_deserialize_{kind}".lower(), None)
        if method is None:
            raise TypeError(f"Dynamodb type {kind} is not supported")
        return method(value[kind])

    def _deserialize_null(self, value):
        return None

    def _deserialize_bool(self, value):
        return value

    def _deserialize_n(self, value):
        return DYNAMODB_CONTEXT.create_decimal(value)

    def _deserialize_s(self, value):
        return value

    def _deserialize_b(self, value):
        return Binary(value)

    def _deserialize_ns(self, value):
        return set(map(self._deserialize_n, value))

    def _deserialize_ss(self, value):
        return set(map(self._deserialize_s, value))

    def _deserialize_bs(self, value):
        return set(map(self._deserialize_b, value))

    def _deserialize_l(self, value):
        return [self.deserialize(v) for v in value]

    def _deserialize_m(self, value):
        return {k: self.deserialize(v) for k, v in value.items()}
