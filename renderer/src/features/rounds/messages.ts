/** The Rounds screen's messages: English is the source of the keys (prefix "rounds."), Chinese must match. */
export const roundsEn = {} as const;

export const roundsZh: { readonly [K in keyof typeof roundsEn]: string } = {};
