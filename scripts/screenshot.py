#!/usr/bin/env python3
"""Pictures huifang's HTML reports as PNG, as a browser shows them on screen.

    python3 scripts/screenshot.py FONT_DIR REPORT.html OUT.png [REPORT.html OUT.png ...]

Run by scripts/screenshot.sh, which installs what this needs into a virtual environment:
WeasyPrint lays the page out (screen media, 1000 CSS pixels wide, one tall page), pypdfium2
rasterises it at 1.5 pixels per CSS pixel, and the page is cut below its last ink. Chinese
text needs a CJK font: FONT_DIR holds one (Noto Sans CJK SC), given to fontconfig beside the
system's fonts, so that the picture does not depend on what the machine has installed.
"""
import io
import os
import re
import sys

WIDTH_PX = 1000          # CSS pixels: the report's <main> is at most 1000 wide
SCALE = 1.5              # PNG pixels per CSS pixel
MAX_HEIGHT_PX = 30000    # one page taller than any report; cut to the content afterwards


def fontconfig(font_dir, cache_dir):
    conf = os.path.join(cache_dir, "fonts.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                f"  <dir>{os.path.abspath(font_dir)}</dir>\n"
                f"  <cachedir>{os.path.abspath(os.path.join(cache_dir, 'fontconfig'))}</cachedir>\n"
                "</fontconfig>\n")
    os.environ["FONTCONFIG_FILE"] = conf  # before WeasyPrint loads Pango and fontconfig


def with_svg_styles(html):
    """Browsers apply the page's stylesheet to inline SVG (`svg text{font-size:11px}`);
    WeasyPrint's SVG renderer reads only styles inside the <svg>: copy the page's in."""
    css = "".join(re.findall(r"<style>(.*?)</style>", html, re.S))
    # Inline SVG inherits the page's font in a browser; here it has to be said.
    font = re.search(r"body\{[^}]*?font-family:([^;}]+)", css)
    if font:
        css += "svg{font-family:" + font.group(1) + "}"
    return re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + "<style>" + css + "</style>", html)


def picture(src, out):
    import pypdfium2
    import weasyprint
    from PIL import Image, ImageChops

    html = with_svg_styles(open(src, encoding="utf-8").read())
    page_css = weasyprint.CSS(string=f"@page{{size:{WIDTH_PX}px {MAX_HEIGHT_PX}px;margin:0}}")
    pdf = weasyprint.HTML(string=html, base_url=os.path.dirname(os.path.abspath(src)),
                          media_type="screen").write_pdf(stylesheets=[page_css],
                                                         # the PDF only lives in memory: embedding the whole font,
                                                         # uncompressed, takes seconds where subsetting it takes half a minute
                                                         full_fonts=True, uncompressed_pdf=True)
    document = pypdfium2.PdfDocument(pdf)
    if len(document) != 1:
        sys.exit(f"{src}: the report is taller than {MAX_HEIGHT_PX} px; raise MAX_HEIGHT_PX")
    # PDF points are 3/4 of a CSS pixel.
    image = document[0].render(scale=SCALE / 0.75).to_pil().convert("RGB")
    ink = ImageChops.difference(image, Image.new("RGB", image.size, (255, 255, 255))).getbbox()
    if ink is None:
        sys.exit(f"{src}: the picture is blank")
    image = image.crop((0, 0, image.width, min(image.height, ink[3] + int(24 * SCALE))))
    # 256 colours keep text and charts sharp at a third of the size.
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(out, optimize=True)
    print(f"wrote {out} ({image.width}x{image.height}) from {src}")


def main():
    if len(sys.argv) < 4 or len(sys.argv) % 2 != 0:
        sys.exit(__doc__)
    font_dir = sys.argv[1]
    cache_dir = os.path.dirname(os.path.abspath(sys.argv[2]))
    fontconfig(font_dir, cache_dir)
    for src, out in zip(sys.argv[2::2], sys.argv[3::2]):
        picture(src, out)


if __name__ == "__main__":
    main()
