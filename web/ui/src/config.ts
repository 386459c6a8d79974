/** Runtime configuration read from `/config.json` at start-up. */
export {
  loadRuntimeConfig,
  parseRuntimeConfig,
  type RuntimeConfig,
  RuntimeConfigError,
} from './config/runtime-config';
