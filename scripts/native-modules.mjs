// Native modules the app loads, and how to check each one actually loads in a runtime.
export const NATIVE_MODULES = [
  { name: 'better-sqlite3', probe: "new (require('better-sqlite3'))(':memory:').close()" },
  { name: '@serialport/bindings-cpp', probe: "require('@serialport/bindings-cpp').autoDetect()" },
];
