/**
 * Which services the index covers: the bridge's service catalog (every installed SDK client), read through this one small
 * interface so the index follows whatever the bridge can call (and nothing else).
 */
import { installedServices } from "@runscript/aws-bridge";

/** One service as the documentation index needs it. */
export interface DocService {
  /** boto3 name (`s3`, `logs`). */
  readonly name: string;
  /** Other names scripts use for it. */
  readonly aliases: readonly string[];
  /** IAM action prefix. */
  readonly iamPrefix: string;
  /** The SDK v3 client package. */
  readonly packageName: string;
  /** Loads the package's module (its `Operation$` schema exports). */
  readonly load: () => Promise<object>;
}

/** The services the bridge can call. */
export function catalogServices(): readonly DocService[] {
  return installedServices();
}
