/** The Vote screen's messages: English is the source of the keys (prefix "vote."), Chinese must match. */
export const voteEn = {} as const;

export const voteZh: { readonly [K in keyof typeof voteEn]: string } = {};
