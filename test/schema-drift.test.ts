import { composeSchemaFiles, staleFiles } from '@ecg/tools';

it('the committed schema/*.graphql are what the code composes (run `npm run schema:compose`)', async () => {
  const files = await composeSchemaFiles();
  expect(Object.keys(files).sort()).toEqual([
    'contact.graphql',
    'credential.graphql',
    'organization.graphql',
    'supergraph.graphql',
  ]);
  expect(staleFiles(files)).toEqual([]);
});
