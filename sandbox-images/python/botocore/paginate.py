"""Paginators for the runscript sandbox (`client.get_paginator(op).paginate(**params)`).

The host tells the sandbox, once per paginator, how an operation paginates (bridge request
`aws.paginator`): the request key that carries the token (`inputToken`), the response key that
returns the next one (`outputToken`) and the request key for the page size (`pageSizeKey`, or None).
The page iterator then calls the operation, one host call per page, until a page has no next token.

`PaginationConfig` supports `PageSize`, `StartingToken` and `MaxItems`:

- `StartingToken` is either a raw token from a previous response (e.g. `NextContinuationToken`) or the
  `NextToken` of a `build_full_result()` that stopped at `MaxItems`.
- `MaxItems` counts the items of the page's *result lists* and truncates the last page to fit.

Result lists approximate botocore's `result_key`: if the host names them (optional `resultKeys` in the
paginator metadata) those are used; otherwise every top-level list-valued key of a page is a result
list. `build_full_result()` concatenates the result lists across pages, keeps the other keys of the
last page, drops the output token, and adds `NextToken` when `MaxItems` stopped early. JMESPath
`search()` is not available (no jmespath in the sandbox): loop over the pages instead.
"""

import base64
import json

from botocore.exceptions import PaginationError, ParamValidationError

__all__ = ["PageIterator", "Paginator"]

_CONFIG_KEYS = ("MaxItems", "PageSize", "StartingToken")
_TRUNCATE_KEY = "boto_truncate_amount"


def _encode_token(input_token, token, skip):
    data = {input_token: token}
    if skip:
        data[_TRUNCATE_KEY] = skip
    return base64.b64encode(json.dumps(data).encode("utf-8")).decode("ascii")


def _decode_token(input_token, starting_token):
    """A resume token of ours -> (token, items to skip); any other string is a raw token."""
    try:
        data = json.loads(base64.b64decode(starting_token, validate=True).decode("utf-8"))
    except ValueError:
        return starting_token, 0
    if isinstance(data, dict) and input_token in data:
        skip = data.get(_TRUNCATE_KEY, 0)
        return data[input_token], skip if isinstance(skip, int) and skip > 0 else 0
    return starting_token, 0


class Paginator:
    """Pages through one operation; returned by `client.get_paginator(operation_name)`."""

    def __init__(self, call, operation_name, info):
        self._call = call
        self._operation_name = operation_name
        self._info = info

    @property
    def operation_name(self):
        return self._operation_name

    def paginate(self, **kwargs):
        """Returns an iterable of pages (response dicts); the calls happen as it is iterated."""
        config = kwargs.pop("PaginationConfig", None) or {}
        if not isinstance(config, dict):
            raise ParamValidationError(report="PaginationConfig must be a dict")
        unknown = sorted(set(config) - set(_CONFIG_KEYS))
        if unknown:
            raise ParamValidationError(
                report=f"Unknown PaginationConfig keys {unknown}; valid keys: {', '.join(_CONFIG_KEYS)}"
            )
        return PageIterator(self._call, self._info, kwargs, config)


class PageIterator:
    """The pages of one pagination; iterate it, or call `build_full_result()`."""

    def __init__(self, call, info, params, config):
        self._call = call
        self._input_token = info["inputToken"]
        self._output_token = info["outputToken"]
        self._page_size_key = info.get("pageSizeKey")
        self._more_results = info.get("moreResults") if isinstance(info.get("moreResults"), str) else None
        keys = info.get("resultKeys")
        self._result_keys = list(keys) if isinstance(keys, list) and keys else None
        self._params = params
        self._max_items = config.get("MaxItems")
        self._page_size = config.get("PageSize")
        self._starting_token = config.get("StartingToken")
        self.resume_token = None
        if self._max_items is not None and (not isinstance(self._max_items, int) or self._max_items < 1):
            raise ParamValidationError(report="PaginationConfig MaxItems must be a positive int")
        if self._page_size is not None and not self._page_size_key:
            raise PaginationError(
                message="PageSize parameter is not supported for the pagination interface for this operation."
            )

    @property
    def result_keys(self):
        """The result list keys named by the host, or None when they are inferred per page."""
        return self._result_keys

    def _page_result_keys(self, page):
        if self._result_keys is not None:
            return [k for k in self._result_keys if isinstance(page.get(k), list)]
        return [k for k, v in page.items() if isinstance(v, list) and k != self._output_token]

    def __iter__(self):
        params = dict(self._params)
        if self._page_size is not None:
            params[self._page_size_key] = self._page_size
        token, skip = None, 0
        if self._starting_token is not None:
            token, skip = _decode_token(self._input_token, self._starting_token)
        seen = []
        total = 0
        self.resume_token = None
        while True:
            if token is not None:
                params[self._input_token] = token
            page = self._call(dict(params))
            if not isinstance(page, dict):
                raise PaginationError(message=f"expected a dict page, got {type(page).__name__}")
            keys = self._page_result_keys(page)
            if skip:
                page = {**page, **{k: page[k][skip:] for k in keys}}
            next_token = page.get(self._output_token)
            if self._more_results is not None and not page.get(self._more_results):
                next_token = None
            count = max((len(page[k]) for k in keys), default=0)
            if self._max_items is not None and total + count >= self._max_items:
                keep = self._max_items - total
                if keep < count:  # stop inside this page: resume with the same request, further in
                    page = {**page, **{k: page[k][:keep] for k in keys}}
                    self.resume_token = _encode_token(self._input_token, token, skip + keep)
                elif next_token:
                    self.resume_token = _encode_token(self._input_token, next_token, 0)
                yield page
                return
            total += count
            yield page
            if not next_token:
                return
            if next_token in seen:
                raise PaginationError(message=f"The same next token was received twice: {next_token!r}")
            seen.append(next_token)
            token, skip = next_token, 0

    def build_full_result(self):
        """All pages merged into one response (see the module docstring for the exact rules)."""
        lists = {}
        last = {}
        for page in self:
            last = page
            for key in self._page_result_keys(page):
                lists.setdefault(key, []).extend(page[key])
        merged = {k: v for k, v in last.items() if k != self._output_token and k not in lists}
        merged.update(lists)
        if self.resume_token is not None:
            merged["NextToken"] = self.resume_token
        return merged

    def search(self, expression):
        raise NotImplementedError(
            "PageIterator.search (JMESPath) is not available in the runscript sandbox; "
            "loop over the pages instead: `for page in paginator.paginate(...): ...`"
        )
