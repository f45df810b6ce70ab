/** The History screen's messages: English is the source of the keys (prefix "history."), Chinese must match. */
export const historyEn = {} as const;

export const historyZh: { readonly [K in keyof typeof historyEn]: string } = {};
