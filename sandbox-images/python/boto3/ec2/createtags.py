"""`ec2.create_tags(Resources=[...], Tags=[...])` on the EC2 service resource: returns Tag resources."""

__all__ = ["create_tags"]


def create_tags(self, **kwargs):
    self.meta.client.create_tags(**kwargs)
    return [self.Tag(resource, tag["Key"], tag["Value"])
            for resource in kwargs.get("Resources", []) for tag in kwargs.get("Tags", [])]
