import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { SigningKey } from './signing-key.entity';

/** The keys tokens are signed with, and their public half for every verifier (`/.well-known/jwks.json`). */
export const keysModule: SubgraphModule<CredentialServices> = {
  name: 'keys',
  entities: [SigningKey],
  routes: (app, { services }) => {
    app.get('/.well-known/jwks.json', (_req, res) =>
      res.set('cache-control', 'public, max-age=300').json(services.keys.jwks),
    );
  },
};
