/** Types of vendor.mjs (the image build's vendored pure-Python packages step). */
export interface VendoredPackage {
  name: string;
  version: string;
  deb: string;
  url: string;
  sha256: string;
  license: string;
  files: string[];
}
export interface VendorResult {
  /** Path relative to the sandbox's library directory -> Python source. */
  files: Record<string, string>;
  /** Package name -> Debian copyright text. */
  licenses: Record<string, string>;
  manifest: VendoredPackage[];
}
export function defaultCacheDir(): string;
export function readLock(path?: string): unknown[];
export function vendorPythonFiles(options?: { cacheDir?: string; lockPath?: string }): Promise<VendorResult>;
