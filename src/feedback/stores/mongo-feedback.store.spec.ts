import { randomUUID } from 'node:crypto';
import * as net from 'node:net';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';
import { MongoClient } from 'mongodb';
import { describeFeedbackStoreContract } from './feedback-store.contract';
import { MongoFeedbackStore } from './mongo-feedback.store';

interface MongoTarget {
  uri: string;
  stop(): Promise<void>;
}

/** Asks the OS for a free port, then releases it for the server to take. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface CongoDbModule {
  CongoServer: new (options: { port: number; host: string }) => { start(): Promise<void>; stop(): Promise<void> };
}

/**
 * CongoDB is ESM. ts-jest compiles `import()` to require(), and Jest refuses a real dynamic import
 * without --experimental-vm-modules, so a vm.Script with Node's main-context loader does the import.
 * Its congodb entry alone skips smartdata and mongodb-memory-server: 1.4 s and their debug lines.
 */
async function importCongoDb(): Promise<CongoDbModule> {
  // Typed as a number by @types/node; at runtime a symbol, absent on older Node 20 releases.
  const loader = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (!loader) throw new Error('CongoDB under Jest needs vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER (Node >= 20.12); or set MONGODB_URI');
  const script = new vm.Script('(url) => import(url)', { importModuleDynamically: loader });
  const load = script.runInThisContext() as (url: string) => Promise<CongoDbModule>;
  return load(pathToFileURL(require.resolve('@push.rocks/smartmongo/dist_ts/congodb/index.js')).href);
}

async function startCongoDb(): Promise<MongoTarget> {
  const { CongoServer } = await importCongoDb();
  const port = await freePort();
  const server = new CongoServer({ port, host: '127.0.0.1' });
  await server.start();
  return { uri: `mongodb://127.0.0.1:${port}/?directConnection=true`, stop: () => server.stop() };
}

async function withClient<T>(uri: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

// A real server when MONGODB_URI is set (each run uses its own database, dropped at the end); else CongoDB in-process.
const externalUri = process.env.MONGODB_URI;
let target: MongoTarget;

beforeAll(async () => {
  target = externalUri ? { uri: externalUri, stop: async () => undefined } : await startCongoDb();
});

afterAll(async () => {
  await target?.stop();
});

async function openStore(): Promise<{ store: MongoFeedbackStore; dbName: string; teardown: () => Promise<void> }> {
  const dbName = `switchboard_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const store = await MongoFeedbackStore.connect(target.uri, { dbName });
  return {
    store,
    dbName,
    teardown: async () => {
      await store.close();
      await withClient(target.uri, (client) => client.db(dbName).dropDatabase());
    },
  };
}

describeFeedbackStoreContract(externalUri ? 'MongoDB at MONGODB_URI' : 'MongoDB wire protocol (CongoDB in-process)', openStore);

describe('MongoFeedbackStore.connect', () => {
  it('creates the company/createdAt index and the unique conversationId index', async () => {
    const { store, dbName, teardown } = await openStore();
    try {
      expect(store.kind).toBe('mongodb');
      const indexes = await withClient(target.uri, (client) => client.db(dbName).collection('feedback').indexes());
      expect(indexes).toEqual(expect.arrayContaining([
        expect.objectContaining({ key: { companyId: 1, createdAt: -1 } }),
        expect.objectContaining({ key: { conversationId: 1 }, unique: true }),
      ]));
    } finally {
      await teardown();
    }
  });

  it('fails without echoing the credentials of the URI', async () => {
    const secret = `pw-${randomUUID()}`;
    const nobodyListening = await freePort();
    const uri = `mongodb://feedback:${secret}@127.0.0.1:${nobodyListening}/?directConnection=true&serverSelectionTimeoutMS=300`;
    const printed: unknown[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(...args)));
    try {
      const error = await MongoFeedbackStore.connect(uri).then(() => null, (e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect(`${error?.message}\n${error?.stack}`).not.toContain(secret);
      expect(printed.map(String).join('\n')).not.toContain(secret);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });
});
