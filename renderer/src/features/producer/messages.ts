/** The Producer screen's messages: English is the source of the keys (prefix "producer."), Chinese must match. */
export const producerEn = {} as const;

export const producerZh: { readonly [K in keyof typeof producerEn]: string } = {};
