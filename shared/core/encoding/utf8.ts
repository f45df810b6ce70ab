const encoder = new TextEncoder();

/**
 * How many bytes the chain counts for a person's text: UTF-8 of its NFC form (the intent builders normalise before
 * the `text` codec encodes). A Chinese character is three. Kept apart from the codecs so the page can load it alone.
 */
export const utf8Bytes = (text: string): number => encoder.encode(text.normalize('NFC')).length;
