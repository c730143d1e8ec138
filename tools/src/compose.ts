import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES, SUBGRAPHS } from './subgraphs';

export const SCHEMA_DIR = resolve(__dirname, '../../schema');

export interface ComposedFiles {
  /** File name under `schema/` → its content. */
  [file: string]: string;
}

/** Every subgraph's SDL and the supergraph composed from them, as they should be committed. */
export async function composeSchemaFiles(): Promise<ComposedFiles> {
  const files: ComposedFiles = {};
  const services = [];
  for (const name of SUBGRAPH_NAMES) {
    const sdl = printSubgraphSchema(await SUBGRAPHS[name].buildSchema());
    files[`${name}.graphql`] = `${sdl}\n`;
    services.push({ name, typeDefs: parse(sdl), url: `http://localhost:${SUBGRAPHS[name].defaultPort}/graphql` });
  }
  const result = composeServices(services);
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  files['supergraph.graphql'] = result.supergraphSdl;
  return files;
}

/** Names of committed files that differ from what the code composes now. */
export function staleFiles(files: ComposedFiles, dir = SCHEMA_DIR): string[] {
  return Object.entries(files)
    .filter(([file, content]) => {
      const path = join(dir, file);
      return !existsSync(path) || readFileSync(path, 'utf8') !== content;
    })
    .map(([file]) => file);
}
