"""The few `botocore.utils` helpers scripts (and this sandbox's botocore) use.

`parse_timestamp` has botocore's semantics exactly: an epoch number (or numeric string) becomes a
`datetime` in `dateutil.tz.tzlocal()`; anything else goes through `dateutil.parser.parse` with GMT
pinned to UTC; an unparseable value raises `ValueError('Invalid timestamp "..."')`.
"""

import datetime

from botocore.exceptions import InvalidExpressionError

__all__ = ["merge_dicts", "parse_timestamp", "parse_to_aware_datetime", "set_value_from_jmespath"]


def _from_epoch(value, tz):
    try:
        return datetime.datetime.fromtimestamp(value, tz)
    except (OSError, OverflowError):
        # Outside what the platform's localtime() handles: count from the epoch instead.
        from dateutil.tz import tzutc

        epoch = datetime.datetime(1970, 1, 1, tzinfo=tzutc()).astimezone(tz)
        return epoch + datetime.timedelta(seconds=value)


def parse_timestamp(value):
    """A timestamp from the wire (ISO 8601, RFC 822 or epoch seconds) as a `datetime`, as botocore."""
    from dateutil.parser import parse
    from dateutil.tz import tzlocal, tzutc

    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_epoch(value, tzlocal())
    try:
        number = float(value)
    except (TypeError, ValueError):
        pass
    else:
        return _from_epoch(number, tzlocal())
    try:
        return parse(value, tzinfos={"GMT": tzutc()})
    except (TypeError, ValueError) as exc:
        raise ValueError(f'Invalid timestamp "{value}": {exc}') from None


def parse_to_aware_datetime(value):
    """A datetime, timestamp string or epoch number as an aware `datetime` (naive means UTC)."""
    from dateutil.parser import parse
    from dateutil.tz import tzutc

    if isinstance(value, str):
        if value.isdigit():
            return datetime.datetime.fromtimestamp(int(value), tzutc())
        result = parse(value)
    elif isinstance(value, datetime.datetime):
        result = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.datetime.fromtimestamp(value, tzutc())
    else:
        raise ValueError(f"Unable to parse timestamp {value!r}")
    return result.replace(tzinfo=tzutc()) if result.tzinfo is None else result


def merge_dicts(dict1, dict2, append_lists=False):
    """Merges `dict2` into `dict1` in place, recursively (lists replaced, or appended when asked)."""
    for key, value in dict2.items():
        if isinstance(value, dict):
            if key in dict1 and isinstance(dict1[key], dict):
                merge_dicts(dict1[key], value)
            else:
                dict1[key] = value
        elif isinstance(value, list) and append_lists and isinstance(dict1.get(key), list):
            dict1[key].extend(value)
        else:
            dict1[key] = value


def set_value_from_jmespath(source, expression, value, is_first=True):
    """Sets `value` in `source` at a dotted path (`a.b.c`), creating dicts on the way."""
    if is_first:
        for part in expression.split("."):
            if not part or any(c in part for c in "[]*|&@!()"):
                raise InvalidExpressionError(expression=expression)
    head, _, rest = expression.partition(".")
    if not head:
        raise InvalidExpressionError(expression=expression)
    if rest:
        if head not in source:
            source[head] = {}
        set_value_from_jmespath(source[head], rest, value, is_first=False)
    else:
        source[head] = value
