// Browser specs start Chromium and the hub: give them room on a 2-core machine.
jest.setTimeout(60_000);
