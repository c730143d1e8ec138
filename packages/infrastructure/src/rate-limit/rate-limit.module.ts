import type { SubgraphModule } from '../modules/subgraph-module';
import { RateLimitWindow } from './rate-limit.entity';
import { CreateRateLimit1763790000000 } from './rate-limit.migration';
import { RateLimitPreviousWindow1764200000000 } from './rate-limit-previous-window.migration';

/** The table `consumeRateLimit` counts in: a subgraph that limits a rate lists this module. */
export const rateLimitModule: SubgraphModule = {
  name: 'rate-limit',
  entities: [RateLimitWindow],
  migrations: [CreateRateLimit1763790000000, RateLimitPreviousWindow1764200000000],
};
