import { validateEnv } from './src/config/validate-env';
import { buildDataSourceOptions } from './src/database/data-source';
import { DataSource } from 'typeorm';

// The data source the TypeORM CLI uses: `npm run migration:run` / `migration:revert`.
export default new DataSource(buildDataSourceOptions(validateEnv(process.env).database));
