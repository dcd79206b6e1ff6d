import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mechanismParams } from '@parley/kernel/http';

// What the exchange routes share inside the module.

/** The Fastify instance the exchange routes are added to, with its zod type provider. */
export type ExchangeApp = Parameters<FastifyPluginAsyncZod>[0];

export const M = '/mechanisms/:mechanism';
export const agreementParams = mechanismParams.extend({ agreement: z.string().min(1).max(200) });
export const stageParams = mechanismParams.extend({ stage: z.uuid() });
