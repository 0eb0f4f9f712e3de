/**
 * Where the service image comes from: the repository's Dockerfile built as a CDK asset (the default;
 * `cdk synth` only records the asset, Docker runs at `cdk deploy`), or a prebuilt image URI from
 * context `imageUri` (what a CI pipeline that builds and scans images should use).
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Aws } from "aws-cdk-lib";
import { DockerImageAsset, Platform } from "aws-cdk-lib/aws-ecr-assets";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as iam from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";

/** The repository root: the Docker build context (filtered by the root `.dockerignore`). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

const ECR_IMAGE =
  /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9._/-]+)(?::[\w.-]+|@sha256:[0-9a-f]{64})$/;

/**
 * The container image for the service.
 *
 * Without `imageUri`, adds one Docker image asset (id `Image`) under `scope`; the root `.dockerignore`
 * filters the build context. For an ECR `imageUri`, returns the statements the execution role needs to
 * pull it (pull actions on that one repository; `ecr:GetAuthorizationToken` has no resource-level
 * permissions). `pullsFromEcr` says whether the execution role gets `ecr:GetAuthorizationToken` (on `*`,
 * the only resource that action takes): always for the asset (CDK grants it), and for an ECR `imageUri`.
 */
export function serviceImage(
  scope: Construct,
  imageUri: string | undefined,
): {
  image: ecs.ContainerImage;
  pullStatements: iam.PolicyStatement[];
  pullsFromEcr: boolean;
} {
  if (imageUri === undefined) {
    return {
      image: ecs.ContainerImage.fromDockerImageAsset(
        new DockerImageAsset(scope, "Image", {
          directory: REPO_ROOT,
          file: "Dockerfile",
          platform: Platform.LINUX_AMD64,
          exclude: ["infra/cdk.out", "**/cdk.out"],
        }),
      ),
      pullStatements: [],
      pullsFromEcr: true,
    };
  }
  const ecr = ECR_IMAGE.exec(imageUri);
  const pullStatements = ecr
    ? [
        new iam.PolicyStatement({
          actions: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
          resources: [`arn:${Aws.PARTITION}:ecr:${ecr[2]}:${ecr[1]}:repository/${ecr[3]}`],
        }),
        new iam.PolicyStatement({ actions: ["ecr:GetAuthorizationToken"], resources: ["*"] }),
      ]
    : [];
  return { image: ecs.ContainerImage.fromRegistry(imageUri), pullStatements, pullsFromEcr: ecr !== null };
}
