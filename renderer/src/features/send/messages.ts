/** The Send screen's messages: English is the source of the keys (prefix "send."), Chinese must match. */
export const sendEn = {} as const;

export const sendZh: { readonly [K in keyof typeof sendEn]: string } = {};
