/**
 * Loads a built Function app the way the Azure Node worker does (it provides `@azure/functions-core`) and
 * prints the functions it registers as JSON. Run with plain `node` from the build folder, so the bundle
 * must stand on its own. Usage: node list-registrations.js <bundle>
 */
import { installFunctionsCore } from '../host/worker/functions-core';

const bundle = process.argv[2];
if (!bundle) throw new Error('usage: list-registrations <bundle>');
const state = installFunctionsCore(() => {});
require(bundle);
const functions = [...state.functions.values()].map((f) => ({
  name: f.metadata.name,
  bindings: Object.values(f.metadata.bindings).map((b) => b.type),
}));
process.stdout.write(JSON.stringify(functions));
