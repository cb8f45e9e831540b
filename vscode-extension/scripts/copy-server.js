#!/usr/bin/env node
// Copies the syncc CLI jar (which serves the language with `lsp`) into server/, where the
// extension finds it and vsce packs it into the .vsix. SYNCC_CLI_JAR overrides the source.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const source = path.resolve(root, process.env.SYNCC_CLI_JAR || path.join('..', 'cli', 'target', 'syncc-cli.jar'));
const target = path.join(root, 'server', 'syncc-cli.jar');

if (!fs.existsSync(source)) {
  console.error(`copy-server: ${source} is missing.`);
  console.error('Build the syncc CLI first, from the repository root: mvn -B -DskipTests package');
  console.error('(or point SYNCC_CLI_JAR at a syncc-cli.jar).');
  process.exit(1);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(source, target);
const mb = (fs.statSync(target).size / (1024 * 1024)).toFixed(1);
console.log(`copy-server: ${path.relative(root, source)} -> ${path.relative(root, target)} (${mb} MB)`);
