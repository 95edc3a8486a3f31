#!/usr/bin/env node
// Runs the e2e suite (and the SQL store contract) against PostgreSQL: each test app gets its own schema.
const { spawnSync } = require('node:child_process');

const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const jest = require.resolve('jest/bin/jest');
const args = [jest, '--selectProjects', 'e2e', 'unit', '--testPathPatterns', 'test/e2e/', 'src/feedback/', ...process.argv.slice(2)];
const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: url } });
process.exit(result.status ?? 1);
