'use strict';
// Builds the addon with cmake-js, offline.
//
// - Node-API headers come from the node-api-headers package (package.json
//   "binary.napi_versions" selects that mode), so cmake-js never downloads a
//   Node distribution from nodejs.org. npm_config_nodedir is also pointed at
//   the local headers in case a build falls back to the full-headers mode.
// - VOXDESK_PREFIX (an installed voxdesk) is passed as CMAKE_PREFIX_PATH;
//   without it CMakeLists.txt builds the core from the repository.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const env = { ...process.env };
if (!env.npm_config_nodedir) {
  const local = path.resolve(path.dirname(process.execPath), '..');
  if (fs.existsSync(path.join(local, 'include/node/node.h'))) env.npm_config_nodedir = local;
}

const args = [require.resolve('cmake-js/bin/cmake-js'), 'compile', '--directory', root,
  '--out', path.join(root, 'build'), '--parallel', env.VOXDESK_JOBS || '2', '--prefer-make'];
if (env.VOXDESK_PREFIX) {
  const prefix = path.resolve(env.VOXDESK_PREFIX);
  args.push(`--CDCMAKE_PREFIX_PATH=${prefix}`);
  // voxdesk_DIR is cached by the first configure: name it, so a build dir
  // reused with another prefix never links against the previous one.
  const config = path.join(prefix, 'lib/cmake/voxdesk');
  if (fs.existsSync(config)) args.push(`--CDvoxdesk_DIR=${config}`);
}
if (env.VOXDESK_DEBUG) args.push('--debug');

const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 2, 2] });
if (r.error) throw r.error;
process.exit(r.status ?? 1);
