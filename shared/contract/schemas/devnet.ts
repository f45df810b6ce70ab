import * as z from 'zod';

export const devnetMethods = {
  'devnet.status': {
    input: z.object({}).strict(),
    output: z.object({
      /** False when a network is configured: no devnet is run then. */
      enabled: z.boolean(),
      running: z.boolean(),
      dir: z.string().optional(),
      chainId: z.string().optional(),
      nodes: z.array(z.object({ index: z.number().int(), rpcUrl: z.string(), running: z.boolean() })),
      /** The funded account imported on first run, labelled as devnet money. */
      account: z.object({ address: z.string(), label: z.string() }).optional(),
      problem: z.string().optional(),
    }),
  },
} as const;

export const devnetEvents = {} as const;
