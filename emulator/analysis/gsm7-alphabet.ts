/**
 * The GSM 03.38 default alphabet (3GPP TS 23.038 §6.2.1): 127 characters of one septet each (the 128th code is the
 * escape to the extension table).
 */
export const gsm7Basic: ReadonlySet<string> = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** The extension table (§6.2.1.1): reached through the escape, so each costs two septets. */
export const gsm7Extension: ReadonlySet<string> = new Set('\f^{}\\[~]|€');
