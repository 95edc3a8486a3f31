import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, validateEnv } from '../config/validate-env';
import { openDatabase } from '../database/data-source';
import { AccountError, createSuperAdminAccount } from '../users/super-admin';

const USAGE = 'Usage: npm run create-admin -- --email EMAIL --password PASSWORD [--name NAME]';

/** Creates a super admin on any database, an empty one included: the migrations run first. */
async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.email || !values.password) {
    console.error(USAGE);
    return 2;
  }
  const config = validateEnv(process.env);
  const dataSource = await openDatabase(config.database);
  try {
    const user = await createSuperAdminAccount(dataSource, { email: values.email, password: values.password, name: values.name });
    console.log(`Created super admin ${user.email} (${user.id})`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof AccountError || error instanceof ConfigError ? `create-admin: ${error.message}` : error);
    process.exit(1);
  },
);
