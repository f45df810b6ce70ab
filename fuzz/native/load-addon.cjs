// Preloaded (node --require) into every jazzer.js process: when @jazzer.js/fuzzer asks for its prebuilt addon
// (which cannot load on Debian 12, see build.mjs), hand it the one build.mjs compiled into .fuzz-build/addon.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload: require is how it loads */
const Module = require('node:module');
const path = require('node:path');

const builtAddon = path.resolve(__dirname, '../../.fuzz-build/addon/fuzzer.node');
const prebuilt = `${path.sep}@jazzer.js${path.sep}fuzzer${path.sep}prebuilds${path.sep}fuzzer-${process.platform}-${process.arch}.node`;

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveJazzerAddon(request, ...rest) {
  const resolved = resolveFilename.call(this, request, ...rest);
  if (!resolved.endsWith(prebuilt)) return resolved;
  const addon = require(builtAddon);
  // 4.0.0's per-module counters serve ES modules only; our targets are CommonJS bundles (fuzz/run.mjs).
  addon.registerModuleCounters ??= () => {
    throw new Error('this jazzer.js addon build has no ES-module coverage; bundle fuzz targets to CommonJS');
  };
  return builtAddon;
};
