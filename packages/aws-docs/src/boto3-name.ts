/**
 * boto3's method name for an API operation (botocore's `xform_name`): `ListObjectsV2` →
 * `list_objects_v2`, `DescribeDBInstances` → `describe_db_instances`, `ListACLs` → `list_acls`.
 *
 * A test checks it against botocore itself for every installed operation. When the bridge's service
 * catalog carries boto3's method table, that table wins (see `catalog.ts`).
 */
const FIRST_CAP = /(.)([A-Z][a-z]+)/g;
const END_CAP = /([a-z0-9])([A-Z])/g;
const SPECIAL_PLURAL = /[A-Z]{2,}s$/;

export function boto3MethodName(operation: string): string {
  if (operation.includes("_")) return operation;
  let name = operation;
  const special = SPECIAL_PLURAL.exec(name);
  if (special) name = `${name.slice(0, -special[0].length)}_${special[0].toLowerCase()}`;
  return name.replace(FIRST_CAP, "$1_$2").replace(END_CAP, "$1_$2").toLowerCase();
}
