"""`Table.batch_writer()` (boto3's `boto3.dynamodb.table`): buffered `BatchWriteItem` in groups of
25, resending unprocessed items, flushing on exit; `overwrite_by_pkeys` drops earlier requests for
the same key."""

__all__ = ["BatchWriter", "TableResource"]


class TableResource:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

    def batch_writer(self, overwrite_by_pkeys=None):
        return BatchWriter(self.name, self.meta.client, overwrite_by_pkeys=overwrite_by_pkeys)


class BatchWriter:
    def __init__(self, table_name, client, flush_amount=25, overwrite_by_pkeys=None):
        self._table_name = table_name
        self._client = client
        self._items_buffer = []
        self._flush_amount = flush_amount
        self._overwrite_by_pkeys = overwrite_by_pkeys

    def put_item(self, Item):  # noqa: N803 - boto3's signature
        self._add_request_and_process({"PutRequest": {"Item": Item}})

    def delete_item(self, Key):  # noqa: N803 - boto3's signature
        self._add_request_and_process({"DeleteRequest": {"Key": Key}})

    def _add_request_and_process(self, request):
        if self._overwrite_by_pkeys:
            self._remove_dup_pkeys_request_if_any(request)
        self._items_buffer.append(request)
        self._flush_if_needed()

    def _remove_dup_pkeys_request_if_any(self, request):
        new = self._extract_pkey_values(request)
        for item in list(self._items_buffer):
            if self._extract_pkey_values(item) == new:
                self._items_buffer.remove(item)

    def _extract_pkey_values(self, request):
        if request.get("PutRequest"):
            return [request["PutRequest"]["Item"][key] for key in self._overwrite_by_pkeys]
        if request.get("DeleteRequest"):
            return [request["DeleteRequest"]["Key"][key] for key in self._overwrite_by_pkeys]
        return None

    def _flush_if_needed(self):
        if len(self._items_buffer) >= self._flush_amount:
            self._flush()

    def _flush(self):
        items_to_send = self._items_buffer[: self._flush_amount]
        self._items_buffer = self._items_buffer[self._flush_amount:]
        response = self._client.batch_write_item(RequestItems={self._table_name: items_to_send})
        unprocessed = response["UnprocessedItems"] or {}
        self._items_buffer.extend(unprocessed.get(self._table_name, []))

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        while self._items_buffer:
            self._flush()
