/** The Offline screen's messages: English is the source of the keys (prefix "offline."), Chinese must match. */
export const offlineEn = {} as const;

export const offlineZh: { readonly [K in keyof typeof offlineEn]: string } = {};
