"""Which alphabet a text needs: GSM 7-bit (160 characters an SMS) or UCS-2 (70).

Italian's accented small letters (à è é ì ò ù) are in the GSM alphabet; a capital
È, a typographic apostrophe or the "…" of a shortened text are not, and a provider
told "gsm" for them would print "?" in their place.
"""

GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = "^{}\\[~]|€\f"
GSM_CHARACTERS = frozenset(GSM_BASIC + GSM_EXTENSION)


def is_gsm(text: str) -> bool:
    return all(character in GSM_CHARACTERS for character in text)


def sms_encoding(text: str) -> str:
    """ "gsm" when every character is in the GSM alphabet, else "ucs2"."""
    return "gsm" if is_gsm(text) else "ucs2"
