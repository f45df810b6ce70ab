/** The Stake screen's messages: English is the source of the keys (prefix "stake."), Chinese must match. */
export const stakeEn = {} as const;

export const stakeZh: { readonly [K in keyof typeof stakeEn]: string } = {};
