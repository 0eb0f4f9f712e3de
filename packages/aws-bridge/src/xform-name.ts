/**
 * boto3's snake_case method name for an API name that botocore's generated data does not cover
 * (an operation newer than the machine's botocore): the same transformation as botocore's
 * `xform_name` (`ListObjectsV2` -> `list_objects_v2`, `ListACLs` -> `list_acls`).
 */
export function xformName(name: string): string {
  if (name.includes("_")) return name;
  let n = name;
  const special = /[A-Z]{2,}s$/.exec(n);
  if (special) n = `${n.slice(0, -special[0].length)}_${special[0].toLowerCase()}`;
  const s1 = n.replace(/(.)([A-Z][a-z]+)/g, "$1_$2");
  return s1.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}
