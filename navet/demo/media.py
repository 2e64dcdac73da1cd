"""Demo images and documents made in code, so the repository carries no binary fixtures."""

import io

from PIL import Image, ImageDraw


def make_image(*, colour: tuple[int, int, int], size=(1200, 800)) -> bytes:
    """A simple illustration: a coloured field with a sun and rolling hills."""
    image = Image.new("RGB", size, (235, 242, 248))
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.ellipse((width * 0.7, height * 0.1, width * 0.85, height * 0.32), fill=(255, 210, 63))
    darker = tuple(max(0, c - 30) for c in colour)
    draw.ellipse((-width * 0.2, height * 0.55, width * 0.7, height * 1.4), fill=colour)
    draw.ellipse((width * 0.4, height * 0.6, width * 1.3, height * 1.5), fill=darker)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _pdf_text(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252")


def make_pdf(*, lines: list[str]) -> bytes:
    """A valid one-page PDF with the given lines in Helvetica (WinAnsi, so å, ä, ö work)."""
    text = b"BT /F1 16 Tf 72 770 Td 22 TL "
    text += b" ".join(b"(" + _pdf_text(line) + b") Tj T*" for line in lines)
    text += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(text)).encode() + b" >>\nstream\n" + text + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()
