"""QR codes drawn as inline SVG, for the sign-in code shown on the facilitator's screen."""

import re

import qrcode
import qrcode.image.svg


def qr_svg(data: str) -> str:
    """An inline SVG QR code that scales with its container."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
        image_factory=qrcode.image.svg.SvgPathImage,
    )
    code.add_data(data)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    return re.sub(r'\s(width|height)="[^"]*"', "", svg, count=2)
