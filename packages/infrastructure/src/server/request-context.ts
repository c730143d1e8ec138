import type { BaseContext } from '@apollo/server';
import type { Principal } from '@ecg/policy';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from './logger';

/** What every request's context starts with; the modules' loaders and the subgraph's services join it. */
export interface BaseRequestContext extends BaseContext {
  dataSource: DataSource;
  logger: Logger;
  req: Request;
  /** Checked again here, whatever the gateway said: a request straight to a subgraph gets no more. */
  principal: Principal;
}
