export {
  DatabaseConfig,
  DEFAULT_DATA_DIR,
  DropFolder,
  DropFolderKind,
  FeeSchedule,
  HostKeySha256,
  LogLevel,
  SecretRef,
  SftpMailbox,
  TradingPartner,
  X12dConfigSchema,
  type X12dConfig,
  type X12dConfigInput,
} from './schema.js';
export { CONFIG_ERROR_CODE, DEFAULT_CONFIG_FILE, ENV_VARIABLES, deepFreeze, formatPath, loadConfig, type ConfigIssue, type Env, type LoadConfigOptions } from './load.js';
export { describeSecretRef, resolveSecret } from './secrets.js';
