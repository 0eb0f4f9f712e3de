"""botocore for the runscript sandbox: the parts of botocore scripts use, with botocore's behaviour.

Real botocore cannot run here (no network, no credentials: the host makes every AWS call through
`runscript_aws`). Provided: `botocore.exceptions` (every botocore exception class), `botocore.client`
(clients built from the host's service metadata), `botocore.config.Config`, `botocore.paginate`,
`botocore.waiter`, `botocore.response.StreamingBody`, `botocore.errorfactory`, `botocore.utils`
(`parse_timestamp`, ...), `botocore.UNSIGNED` and `botocore.xform_name`. See
sandbox-images/python/README.md for what is supported and what deliberately differs.
"""

import re

__all__ = ["UNSIGNED", "xform_name"]

__version__ = "0.0.0+runscript"

_first_cap_regex = re.compile("(.)([A-Z][a-z]+)")
_end_cap_regex = re.compile("([a-z0-9])([A-Z])")
_special_case_transform = re.compile("[A-Z]{2,}s$")
_xform_cache = {}


class UNSIGNED:  # noqa: N801 - botocore's name
    """Marker for `Config(signature_version=UNSIGNED)` (accepted; the host still signs every call)."""

    def __copy__(self):
        return self

    def __deepcopy__(self, memodict):
        return self

    def __repr__(self):
        return "UNSIGNED"


UNSIGNED = UNSIGNED()


def xform_name(name, sep="_"):
    """`ListObjectsV2` -> `list_objects_v2`, as botocore turns API names into method names."""
    if sep in name:
        return name
    key = (name, sep)
    if key not in _xform_cache:
        special = _special_case_transform.search(name)
        if special is not None:
            matched = special.group()
            name = f"{name[: -len(matched)]}{sep}{matched.lower()}"
        s1 = _first_cap_regex.sub(r"\1" + sep + r"\2", name)
        _xform_cache[key] = _end_cap_regex.sub(r"\1" + sep + r"\2", s1).lower()
    return _xform_cache[key]
