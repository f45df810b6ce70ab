/** The Membership screen's messages: English is the source of the keys (prefix "membership."), Chinese must match. */
export const membershipEn = {} as const;

export const membershipZh: { readonly [K in keyof typeof membershipEn]: string } = {};
