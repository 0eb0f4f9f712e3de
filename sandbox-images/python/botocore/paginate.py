"""botocore's paginators for the runscript sandbox (`client.get_paginator(op).paginate(**params)`).

Driven by botocore's own paginator config for the operation, served by the host (bridge
`aws.paginator`, from botocore's `paginators-1.json`): `input_token`, `output_token` (one or a list;
JMESPath expressions, e.g. `NextMarker || Contents[-1].Key`), `more_results`, `limit_key`,
`result_key` (one or a list), `non_aggregate_keys`. The semantics are botocore's:

- iterating yields each page (one host call per page); an empty next token ends it; the same next
  token twice raises `PaginationError`;
- `PaginationConfig`: `MaxItems` counts the items of the primary result key and truncates the last
  page, leaving a `resume_token`; `StartingToken` resumes from one (or is a raw service token);
  `PageSize` sets `limit_key` (`PaginationError` when the operation has none);
- `build_full_result()` concatenates list result keys across pages, **sums** numeric ones (DynamoDB
  `Count`/`ScannedCount`), concatenates strings, takes `non_aggregate_keys` from the first page, and
  adds `NextToken` when `MaxItems` stopped early;
- `search(expression)` applies a JMESPath expression to each page and yields the results (a list
  result is flattened).
"""

import base64
import json
from itertools import tee

import jmespath

from botocore.exceptions import PaginationError
from botocore.utils import merge_dicts, set_value_from_jmespath

__all__ = ["PageIterator", "Paginator", "ResultKeyIterator", "TokenDecoder", "TokenEncoder"]

_TRUNCATE = "boto_truncate_amount"


class TokenEncoder:
    """Dict -> opaque resume token (base64 of JSON; bytes values base64-encoded, as botocore)."""

    def encode(self, token):
        try:
            text = json.dumps(token)
        except (TypeError, UnicodeDecodeError):
            encoded, paths = self._encode(token, [])
            encoded["boto_encoded_keys"] = paths
            text = json.dumps(encoded)
        return base64.b64encode(text.encode("utf-8")).decode("utf-8")

    def _encode(self, data, path):
        if isinstance(data, dict):
            out, paths = {}, []
            for key, value in data.items():
                out[key], sub = self._encode(value, path + [key])
                paths.extend(sub)
            return out, paths
        if isinstance(data, list):
            out, paths = [], []
            for i, value in enumerate(data):
                item, sub = self._encode(value, path + [i])
                out.append(item)
                paths.extend(sub)
            return out, paths
        if isinstance(data, bytes):
            return base64.b64encode(data).decode("utf-8"), [path]
        return data, []


class TokenDecoder:
    """Opaque resume token -> dict (inverse of `TokenEncoder`)."""

    def decode(self, token):
        data = json.loads(base64.b64decode(token.encode("utf-8")).decode("utf-8"))
        paths = data.pop("boto_encoded_keys", None)
        for path in paths or ():
            container = data
            for step in path[:-1]:
                container = container[step]
            container[path[-1]] = base64.b64decode(container[path[-1]].encode("utf-8"))
        return data


class PageIterator:
    """The pages of one pagination: iterate it, `build_full_result()` or `search(expression)`."""

    def __init__(self, method, input_token, output_token, more_results, result_keys, non_aggregate_keys,
                 limit_key, max_items, starting_token, page_size, op_kwargs):
        self._method = method
        self._input_token = input_token
        self._output_token = output_token
        self._more_results = more_results
        self._result_keys = result_keys
        self._max_items = max_items
        self._limit_key = limit_key
        self._starting_token = starting_token
        self._page_size = page_size
        self._op_kwargs = op_kwargs
        self._resume_token = None
        self._non_aggregate_key_exprs = non_aggregate_keys
        self._non_aggregate_part = {}

    @property
    def result_keys(self):
        return self._result_keys

    @property
    def resume_token(self):
        """The token to resume from (`StartingToken`) after `MaxItems` stopped the pagination."""
        return self._resume_token

    @resume_token.setter
    def resume_token(self, value):
        if not isinstance(value, dict):
            raise ValueError(f"Bad starting token: {value}")
        expected = sorted(self._input_token + ([_TRUNCATE] if _TRUNCATE in value else []))
        if sorted(value) != expected:
            raise ValueError(f"Bad starting token: {value}")
        self._resume_token = TokenEncoder().encode(value)

    @property
    def non_aggregate_part(self):
        return self._non_aggregate_part

    def __iter__(self):
        kwargs = self._op_kwargs
        previous_token = None
        next_token = {key: None for key in self._input_token}
        if self._starting_token is not None:
            next_token = self._parse_starting_token()[0]
        total = 0
        first = True
        primary = self._result_keys[0] if self._result_keys else None
        starting_truncation = 0
        self._inject_starting_params(kwargs)
        while True:
            response = self._method(**kwargs)
            if self._result_keys is None and isinstance(response, dict):
                # A protocol v1 host names no result keys: take the page's top-level lists.
                self._result_keys = [jmespath.compile(k) for k, v in response.items()
                                     if isinstance(v, list) and k.isidentifier()]
                primary = self._result_keys[0] if self._result_keys else None
            if first:
                if self._starting_token is not None and primary is not None:
                    starting_truncation = self._handle_first_request(response, primary)
                first = False
                self._record_non_aggregate_key_values(response)
            else:
                starting_truncation = 0
            current = (primary.search(response) if primary is not None else None) or []
            truncate = total + len(current) - self._max_items if self._max_items is not None else 0
            if truncate > 0:
                self._truncate_response(response, primary, truncate, starting_truncation, next_token)
                yield response
                break
            yield response
            total += len(current)
            next_token = self._get_next_token(response)
            if all(t is None for t in next_token.values()):
                break
            if self._max_items is not None and total == self._max_items:
                self.resume_token = next_token
                break
            if previous_token is not None and previous_token == next_token:
                raise PaginationError(message=f"The same next token was received twice: {next_token}")
            self._inject_token_into_kwargs(kwargs, next_token)
            previous_token = next_token

    def search(self, expression):
        """Yields the JMESPath `expression` applied to each page (list results flattened)."""
        compiled = jmespath.compile(expression)
        for page in self:
            results = compiled.search(page)
            if isinstance(results, list):
                yield from results
            else:
                yield results

    def _record_non_aggregate_key_values(self, response):
        part = {}
        for expression in self._non_aggregate_key_exprs:
            set_value_from_jmespath(part, expression.expression, expression.search(response))
        self._non_aggregate_part = part

    def _inject_starting_params(self, kwargs):
        if self._starting_token is not None:
            self._inject_token_into_kwargs(kwargs, self._parse_starting_token()[0])
        if self._page_size is not None:
            kwargs[self._limit_key] = self._page_size

    def _inject_token_into_kwargs(self, kwargs, next_token):
        for name, token in next_token.items():
            if token is not None and token != "None":
                kwargs[name] = token
            elif name in kwargs:
                del kwargs[name]

    def _handle_first_request(self, parsed, primary):
        starting_truncation = self._parse_starting_token()[1]
        data = primary.search(parsed)
        set_value_from_jmespath(
            parsed, primary.expression, data[starting_truncation:] if isinstance(data, (list, str)) else None
        )
        # Secondary result keys were already returned with the page that was cut: empty them (numbers
        # stay, so DynamoDB's Count/ScannedCount still show what the server evaluated).
        for key in self._result_keys:
            if key is primary:
                continue
            sample = key.search(parsed)
            if isinstance(sample, list):
                empty = []
            elif isinstance(sample, str):
                empty = ""
            elif isinstance(sample, (int, float)):
                empty = sample
            else:
                empty = None
            set_value_from_jmespath(parsed, key.expression, empty)
        return starting_truncation

    def _truncate_response(self, parsed, primary, truncate_amount, starting_truncation, next_token):
        original = primary.search(parsed) or []
        keep = len(original) - truncate_amount
        set_value_from_jmespath(parsed, primary.expression, original[:keep])
        next_token[_TRUNCATE] = keep + starting_truncation
        self.resume_token = next_token

    def _get_next_token(self, parsed):
        if self._more_results is not None and not self._more_results.search(parsed):
            return {}
        tokens = {}
        for output_token, input_key in zip(self._output_token, self._input_token):
            token = output_token.search(parsed)
            tokens[input_key] = token if token else None
        return tokens

    def result_key_iters(self):
        teed = tee(self, len(self.result_keys))
        return [ResultKeyIterator(i, key) for i, key in zip(teed, self.result_keys)]

    def build_full_result(self):
        """All pages merged into one response, with botocore's rules (see the module docstring)."""
        complete = {}
        for page in self:
            for expression in self.result_keys or ():
                value = expression.search(page)
                if value is None:
                    continue
                existing = expression.search(complete)
                if existing is None:
                    set_value_from_jmespath(complete, expression.expression, value)
                elif isinstance(value, list):
                    existing.extend(value)
                elif isinstance(value, (int, float, str)):
                    set_value_from_jmespath(complete, expression.expression, existing + value)
        merge_dicts(complete, self.non_aggregate_part)
        if self.resume_token is not None:
            complete["NextToken"] = self.resume_token
        return complete

    def _parse_starting_token(self):
        token = self._starting_token
        try:
            decoded = TokenDecoder().decode(token)
            index = decoded.pop(_TRUNCATE, 0)
            return decoded, index
        except (ValueError, TypeError, AttributeError):
            return self._parse_starting_token_deprecated()

    def _parse_starting_token_deprecated(self):
        """A token that is not ours: `token___index` (old style) or a raw service token."""
        parts = self._starting_token.split("___")
        index = 0
        if len(parts) == len(self._input_token) + 1:
            try:
                index = int(parts.pop())
            except ValueError:
                parts = [self._starting_token]
        tokens = [None if part == "None" else part for part in parts]
        if len(tokens) > len(self._input_token):
            raise ValueError(f"Bad starting token: {self._starting_token}")
        tokens += [None] * (len(self._input_token) - len(tokens))
        return dict(zip(self._input_token, tokens)), index


class Paginator:
    """Pages through one operation; returned by `client.get_paginator(operation_name)`."""

    PAGE_ITERATOR_CLS = PageIterator

    def __init__(self, method, pagination_config, model=None):
        self._model = model
        self._method = method
        self._pagination_cfg = pagination_config
        self._output_token = [jmespath.compile(t) for t in _as_list(pagination_config["output_token"])]
        self._input_token = list(_as_list(pagination_config["input_token"]))
        more = pagination_config.get("more_results")
        self._more_results = jmespath.compile(more) if more is not None else None
        self._non_aggregate_keys = [jmespath.compile(k) for k in pagination_config.get("non_aggregate_keys", [])]
        keys = pagination_config.get("result_key")
        self._result_keys = [jmespath.compile(k) for k in _as_list(keys)] if keys is not None else None
        self._limit_key = pagination_config.get("limit_key")

    @property
    def result_keys(self):
        return self._result_keys

    def paginate(self, **kwargs):
        """An iterable of pages (response dicts); the calls happen as it is iterated."""
        params = self._extract_paging_params(kwargs)
        return self.PAGE_ITERATOR_CLS(
            self._method, self._input_token, self._output_token, self._more_results, self._result_keys,
            self._non_aggregate_keys, self._limit_key, params["MaxItems"], params["StartingToken"],
            params["PageSize"], kwargs,
        )

    def _extract_paging_params(self, kwargs):
        config = kwargs.pop("PaginationConfig", {})
        max_items = config.get("MaxItems", None)
        if max_items is not None:
            max_items = int(max_items)
        page_size = config.get("PageSize", None)
        if page_size is not None:
            if self._limit_key is None:
                raise PaginationError(
                    message="PageSize parameter is not supported for the pagination interface for this operation."
                )
            if self._pagination_cfg.get("limit_key_type") == "string":
                page_size = page_size if isinstance(page_size, str) else str(page_size)
            else:
                page_size = int(page_size)
        return {"MaxItems": max_items, "StartingToken": config.get("StartingToken", None), "PageSize": page_size}


def _as_list(value):
    return value if isinstance(value, list) else [value]


class ResultKeyIterator:
    """Iterates over the items of one result key across pages."""

    def __init__(self, pages_iterator, result_key):
        self._pages_iterator = pages_iterator
        self.result_key = result_key

    def __iter__(self):
        for page in self._pages_iterator:
            yield from self.result_key.search(page) or []
