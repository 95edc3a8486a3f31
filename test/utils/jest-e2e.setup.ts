// testTimeout is a global Jest option that `projects` ignore; e2e specs boot apps and processes.
jest.setTimeout(30_000);
