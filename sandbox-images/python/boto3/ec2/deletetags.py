"""`instance.delete_tags(Tags=[...])` on EC2 Instance resources."""

__all__ = ["delete_tags"]


def delete_tags(self, **kwargs):
    kwargs["Resources"] = [self.id]
    return self.meta.client.delete_tags(**kwargs)
