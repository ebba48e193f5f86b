'use strict';
// Loads the compiled addon (a Debug build only when no Release build exists).
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const candidates = ['build/Release/voxdesk_node.node', 'build/Debug/voxdesk_node.node'];
const found = candidates.map((p) => path.join(root, p)).find((p) => fs.existsSync(p));
if (!found) {
  throw new Error(`voxdesk: the native addon is not built (looked for ${candidates.join(', ')}); ` +
    'run `npm install` or `npm run build` in bindings/node');
}
module.exports = require(found);
