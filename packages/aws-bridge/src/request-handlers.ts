/**
 * botocore's request-side handlers that SDK v3 does not apply (`botocore/handlers.py`,
 * `BUILTIN_HANDLERS`), run on the script's params before validation as botocore runs them
 * (`before-parameter-build`), so a script gets the request boto3 would have sent:
 * - S3 `CopySource` as a dict `{Bucket, Key, VersionId}` or a string -> percent-encoded string;
 * - S3 bucket names checked against botocore's regex (`ParamValidationError` otherwise);
 * - S3 list operations get `EncodingType=url` unless the script set it (keys are decoded again in
 *   `response-handlers.ts`, as botocore does);
 * - EC2 RunInstances / Auto Scaling CreateLaunchConfiguration `UserData` base64-encoded;
 * - Route 53 ids (`/hostedzone/Z123` -> `Z123`) for members of shape ResourceId, DelegationSetId,
 *   ChangeId.
 * Idempotency tokens and SSE-C key MD5s are filled by SDK v3 itself.
 */
import type { BotocoreService } from "./botocore-data.js";
import { AwsBridgeError } from "./errors.js";

const VALID_BUCKET = /^[a-zA-Z0-9.\-_]{1,255}$/;
const ACCESSPOINT_ARN =
  /^arn:(aws).*:(s3|s3-object-lambda):[a-z\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\-.]{1,63}$/;
const OUTPOST_ARN =
  /^arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9-]{1,63}$/;
/** botocore's `VALID_S3_ARN.pattern`, verbatim, as its bucket-name error message prints it. */
const S3_ARN_PATTERN_TEXT =
  "^arn:(aws).*:(s3|s3-object-lambda):[a-z\\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\\-.]{1,63}$|" +
  "^arn:(aws).*:s3-outposts:[a-z\\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\\-]{1,63}$";
const VERSION_ID_SUFFIX = /\?versionId=[^/]+$/;
const ENCODING_URL_OPERATIONS = new Set(["ListObjects", "ListObjectsV2", "ListObjectVersions"]);
const USER_DATA_OPERATIONS = new Set(["ec2:RunInstances", "autoscaling:CreateLaunchConfiguration"]);
const ROUTE53_ID_SHAPES = new Set(["ResourceId", "DelegationSetId", "ChangeId"]);

/** What a request handler decided beyond the params (for the response handlers). */
export interface RequestContext {
  /** botocore's `encoding_type_auto_set`: the host added `EncodingType=url`. */
  encodingTypeAutoSet: boolean;
}

function isS3Arn(bucket: string): boolean {
  return ACCESSPOINT_ARN.test(bucket) || OUTPOST_ARN.test(bucket);
}

/** Python's `urllib.parse.quote(value, safe="-_.~/")` (botocore's `percent_encode`). */
function percentEncode(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~/]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function paramError(report: string): AwsBridgeError {
  return new AwsBridgeError("ParamValidation", `Parameter validation failed:\n${report}`, {
    details: { report, problems: [] },
  });
}

function copySource(source: unknown): unknown {
  if (typeof source === "string") {
    const m = VERSION_ID_SUFFIX.exec(source);
    return m ? percentEncode(source.slice(0, m.index)) + source.slice(m.index) : percentEncode(source);
  }
  if (source !== null && typeof source === "object" && !Array.isArray(source)) {
    const d = source as Record<string, unknown>;
    for (const key of ["Bucket", "Key"]) {
      if (!Object.hasOwn(d, key)) throw paramError(`Missing required parameter: '${key}'`);
    }
    const bucket = String(d.Bucket);
    const final = isS3Arn(bucket) ? `${bucket}/object/${String(d.Key)}` : `${bucket}/${String(d.Key)}`;
    const version = d.VersionId;
    return (
      percentEncode(final) +
      (version !== undefined && version !== null ? `?versionId=${String(version)}` : "")
    );
  }
  return source;
}

/**
 * Applies botocore's request handlers to a copy of the params (script encoding: `$bytes` tags,
 * plain JSON otherwise). Throws `ParamValidation` where botocore raises `ParamValidationError`.
 */
export function applyRequestHandlers(
  service: string,
  operation: string,
  params: Record<string, unknown>,
  model: BotocoreService | null,
): { params: Record<string, unknown>; context: RequestContext } {
  const out: Record<string, unknown> = { ...params };
  const context: RequestContext = { encodingTypeAutoSet: false };
  if (service === "s3") {
    if ((operation === "CopyObject" || operation === "UploadPartCopy") && "CopySource" in out) {
      out.CopySource = copySource(out.CopySource);
    }
    if (typeof out.Bucket === "string" && !VALID_BUCKET.test(out.Bucket) && !isS3Arn(out.Bucket)) {
      throw paramError(
        `Invalid bucket name "${out.Bucket}": Bucket name must match the regex "${VALID_BUCKET.source}" or be an ARN matching the regex "${S3_ARN_PATTERN_TEXT}"`,
      );
    }
    if (ENCODING_URL_OPERATIONS.has(operation) && !("EncodingType" in out)) {
      out.EncodingType = "url";
      context.encodingTypeAutoSet = true;
    }
  }
  if (USER_DATA_OPERATIONS.has(`${service}:${operation}`)) {
    if (typeof out.UserData === "string") out.UserData = Buffer.from(out.UserData, "utf8").toString("base64");
    else if (isBytesTag(out.UserData)) out.UserData = (out.UserData as { $bytes: string }).$bytes;
  }
  if (service === "route53" && model) {
    const input = model.operations[operation]?.[1];
    const spec = input ? model.shapes[input] : undefined;
    if (Array.isArray(spec) && spec[0] === "S") {
      for (const [name, shape] of spec[1] as readonly (readonly [string, string, number])[]) {
        const v = out[name];
        if (ROUTE53_ID_SHAPES.has(shape) && typeof v === "string") out[name] = v.split("/").at(-1);
      }
    }
  }
  return { params: out, context };
}

function isBytesTag(value: unknown): boolean {
  return value !== null && typeof value === "object" && Object.keys(value).length === 1 && "$bytes" in value;
}
