// Where test/support/node-environment.js offers the built packages (under `npm test`), a test
// file's `import … from '@ecg/tools'` (and the others it lists) gets the worker's one built copy
// instead of compiling the sources again. Not a mock: the same code, built by `npm run build`.
const built = (globalThis as Record<string, unknown>).__ecgBuiltPackages as
  { ids: string[]; load(id: string): unknown } | undefined;
if (built) for (const id of built.ids) jest.doMock(id, () => built.load(id));
