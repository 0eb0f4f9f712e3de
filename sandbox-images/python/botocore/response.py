"""`botocore.response.StreamingBody`: what streaming payloads (S3 `GetObject` `Body`, Lambda `Invoke`
`Payload`, ...) are, as under boto3.

The host reads the whole payload (bounded by the run's response-size budget) and hands it to the
sandbox, so the stream is an in-memory buffer: `read(amt=None)`, `readinto`, `readlines`,
`iter_chunks(chunk_size=1024)`, `iter_lines(chunk_size=1024, keepends=False)`, iteration in 1 KiB
chunks, `tell`, `close`, and `with body as raw:` (which, as botocore, gives the raw stream) behave as
botocore's. `read()` checks the bytes read against the content length as botocore does
(`IncompleteReadError`); it cannot differ here, since the whole payload is present.
"""

import io

from botocore.exceptions import IncompleteReadError

__all__ = ["StreamingBody"]


class StreamingBody(io.IOBase):
    """A response payload stream (`response["Body"]`): read it once, in whole or in chunks."""

    _DEFAULT_CHUNK_SIZE = 1024

    def __init__(self, raw_stream, content_length):
        self._raw_stream = raw_stream
        self._content_length = content_length
        self._amount_read = 0

    @classmethod
    def from_bytes(cls, data):
        """A body over `data` (how the sandbox builds one from the host's `$stream` value)."""
        return cls(io.BytesIO(data), len(data))

    def __del__(self):
        # Nothing to release; as botocore, do not close the stream on garbage collection.
        pass

    def set_socket_timeout(self, timeout):
        """Accepted for compatibility: there is no socket (the payload is already in memory)."""

    def readable(self):
        try:
            return self._raw_stream.readable()
        except AttributeError:
            return False

    def read(self, amt=None):
        """Reads at most `amt` bytes (all that is left when `amt` is None)."""
        chunk = self._raw_stream.read(amt)
        self._amount_read += len(chunk)
        if amt is None or (not chunk and amt > 0):
            self._verify_content_length()
        return chunk

    def readinto(self, b):
        amount = self._raw_stream.readinto(b)
        self._amount_read += amount
        if amount == 0 and len(b) > 0:
            self._verify_content_length()
        return amount

    def readlines(self):
        return self._raw_stream.readlines()

    def __iter__(self):
        return self.iter_chunks(self._DEFAULT_CHUNK_SIZE)

    def __next__(self):
        chunk = self.read(self._DEFAULT_CHUNK_SIZE)
        if chunk:
            return chunk
        raise StopIteration()

    next = __next__

    def __enter__(self):
        return self._raw_stream

    def __exit__(self, exc_type, exc_value, traceback):
        self._raw_stream.close()

    def iter_lines(self, chunk_size=_DEFAULT_CHUNK_SIZE, keepends=False):
        """Yields lines (bytes), reading `chunk_size` bytes at a time."""
        pending = b""
        for chunk in self.iter_chunks(chunk_size):
            lines = (pending + chunk).splitlines(True)
            for line in lines[:-1]:
                yield line.splitlines(keepends)[0]
            pending = lines[-1]
        if pending:
            yield pending.splitlines(keepends)[0]

    def iter_chunks(self, chunk_size=_DEFAULT_CHUNK_SIZE):
        """Yields chunks of at most `chunk_size` bytes until the stream is exhausted."""
        while True:
            chunk = self.read(chunk_size)
            if chunk == b"":
                break
            yield chunk

    def _verify_content_length(self):
        if self._content_length is not None and self._amount_read != int(self._content_length):
            raise IncompleteReadError(
                actual_bytes=self._amount_read, expected_bytes=int(self._content_length)
            )

    def tell(self):
        return self._raw_stream.tell()

    def close(self):
        self._raw_stream.close()
